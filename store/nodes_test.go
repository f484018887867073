package store

import (
	"context"
	"sync"
	"testing"

	"minsheng"
	"minsheng/lifecycle"
)

// TestTwoNodesShareOnePostgres starts two stores on one PostgreSQL schema, as
// two app nodes would: both migrate at once, a case created on one is seen on
// the other, and dispatchers racing on both nodes get one winner.
func TestTwoNodesShareOnePostgres(t *testing.T) {
	url, ok := freshSchema(t)
	if !ok {
		return
	}
	ctx := context.Background()
	var a, b *Store
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, dst := range []**Store{&a, &b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, url)
			if err == nil {
				err = s.Migrate(ctx)
			}
			*dst, errs[i] = s, err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("open and migrate concurrently: %v", err)
		}
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	f := newFixture(t, a)
	c := newCase(t, a, f, "井盖缺失", "和平路口井盖丢了，很危险")
	got, err := b.Case(ctx, c.ID)
	if err != nil || got.Content != c.Content {
		t.Fatalf("node B does not see node A's case: %v", err)
	}
	results := make([]error, 10)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := a
			if i%2 == 1 {
				s = b
			}
			_, _, results[i] = s.Act(ctx, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range results {
		switch minsheng.ErrorCode(err) {
		case "":
			won++
		case minsheng.ECONFLICT:
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d dispatches won across two nodes, want 1", won)
	}
	evs, _ := b.Events(ctx, c.ID)
	if len(evs) != 2 {
		t.Fatalf("%d events, want create and one dispatch", len(evs))
	}
}
