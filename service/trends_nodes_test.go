package service

import (
	"context"
	"sync"
	"testing"
	"time"

	"minsheng"
	"minsheng/store"
	"minsheng/store/storetest"
)

// TestSurgesOneNodeAtATime runs surge detection on two nodes sharing one
// PostgreSQL schema: while one node holds the surge job's lock the other
// skips its run and raises nothing; the escalation job's lock does not
// stand in its way; and runs racing on both nodes raise the one surge once.
// Both nodes still compute their own hotspot lists meanwhile.
func TestSurgesOneNodeAtATime(t *testing.T) {
	url, ok := storetest.Postgres(t)
	if !ok {
		return
	}
	ctx := context.Background()
	today := midnight(time.Date(2031, 6, 30, 12, 0, 0, 0, shanghai))
	now := func() time.Time { return today.Add(10 * time.Hour) }
	var nodes [2]*Service
	var stores [2]*store.Store
	for i := range nodes {
		nodes[i], stores[i] = testService(t, url)
		nodes[i].Now = now
	}
	city := newTrendCity(t, stores[0])
	loadSurgeHistory(t, stores[0], city, today)

	unlock, ok, err := stores[0].TryJobLock(ctx, "surges")
	if err != nil || !ok {
		t.Fatalf("node A takes the surge lock: %v %v", ok, err)
	}
	if run, err := nodes[1].DetectSurges(ctx); err != nil || !run.Skipped || run.New != 0 {
		t.Fatalf("node B ran while node A held the lock: %+v %v", run, err)
	}
	if all, err := stores[1].Surges(ctx, "2000-01-01"); err != nil || len(all) != 0 {
		t.Fatalf("a skipped run stored alerts: %+v %v", all, err)
	}
	// Reading is every node's own business: B's hotspot list does not wait
	// for the lock.
	if err := nodes[1].RefreshHotspots(ctx); err != nil {
		t.Fatal(err)
	}
	if h, err := nodes[1].Hotspots(ctx, city.analyst, 7); err != nil || len(h.Items) == 0 || !h.ComputedAt.Equal(now()) {
		t.Fatalf("node B's hotspots while A holds the surge lock: %+v %v", h, err)
	}
	unlock()

	esc, ok, err := stores[0].TryJobLock(ctx, "escalation")
	if err != nil || !ok {
		t.Fatalf("node A takes the escalation lock: %v %v", ok, err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	raised, ran := 0, 0
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run, err := nodes[g%2].DetectSurges(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			raised += run.New
			if !run.Skipped {
				ran++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	esc()
	if raised != 1 || ran == 0 {
		t.Fatalf("racing runs raised %d alerts in %d runs, want the one surge once", raised, ran)
	}
	if all, err := stores[1].Surges(ctx, "2000-01-01"); err != nil || len(all) != 1 || all[0].CategoryID != city.waterCut {
		t.Fatalf("stored alerts: %+v %v, want the water cuts' once", all, err)
	}
	if ns, err := stores[0].Notifications(ctx, city.analyst.ID, false, 0, 50); err != nil || len(ns) != 1 || ns[0].Kind != minsheng.AlertSurge {
		t.Fatalf("the analyst's notifications after racing runs: %+v %v, want the surge told once", ns, err)
	}
}
