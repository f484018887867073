package service

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"minsheng/store"
	"minsheng/store/storetest"
)

// TestEscalationOneNodeAtATime runs the escalation job on two nodes sharing
// one PostgreSQL schema: while one holds the job's lock the other skips its
// run, and runs racing on both nodes escalate each case once and tell the
// department lead once.
func TestEscalationOneNodeAtATime(t *testing.T) {
	url, ok := storetest.Postgres(t)
	if !ok {
		return
	}
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 11, 9, 9, 0, 0, 0, store.CST)}
	var nodes [2]*Service
	var stores [2]*store.Store
	for i := range nodes {
		nodes[i], stores[i] = testService(t, url)
		stores[i].Clock = clk.now
		nodes[i].Now = clk.now
	}
	city := newOversightCity(t, stores[0])

	unlock, ok, err := stores[0].TryJobLock(ctx, "escalation")
	if err != nil || !ok {
		t.Fatalf("node A takes the lock: %v %v", ok, err)
	}
	if run, err := nodes[1].Escalate(ctx); err != nil || !run.Skipped {
		t.Fatalf("node B ran while node A held the lock: %+v %v", run, err)
	}
	if _, ok, _ := stores[0].TryJobLock(ctx, "escalation"); ok {
		t.Fatal("a second run on node A took the lock it already holds")
	}
	unlock()
	if run, err := nodes[1].Escalate(ctx); err != nil || run.Skipped {
		t.Fatalf("node B after node A let go: %+v %v", run, err)
	}

	const n = 30
	for i := range n {
		city.dispatched(t, stores[0], city.dept, fmt.Sprintf("路灯不亮 %d", i), time.Date(2026, 11, 9, 17, 30, 0, 0, store.CST))
	}
	clk.set(time.Date(2026, 11, 10, 9, 0, 0, 0, store.CST)) // all overdue by one working day
	var mu sync.Mutex
	total, ran := 0, 0
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				run, err := nodes[g%2].Escalate(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				total += run.Level1
				if !run.Skipped {
					ran++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if total != n || ran == 0 {
		t.Fatalf("racing runs escalated %d cases in %d runs, want %d", total, ran, n)
	}
	page, err := stores[0].Notifications(ctx, city.lead.ID, false, 0, 200)
	if err != nil || len(page) != n {
		t.Fatalf("the department lead has %d notifications (%v), want %d", len(page), err, n)
	}
	for _, x := range page {
		if got := supervisions(t, stores[1], x.CaseID); len(got) != 1 || got[0] != 1 {
			t.Fatalf("case %d supervised %v, want once at level 1", x.CaseID, got)
		}
	}
}
