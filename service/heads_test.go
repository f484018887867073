package service

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/assist"
	"minsheng/demo"
	"minsheng/store/storetest"
)

// TestHeadCacheServesFreshHeadsAndRereadsStaleOnes holds the duplicates'
// heads to their contract on both databases: a head put at intake is served
// without the store for headTTL, then read again; a full generation moves to
// the older one, whose heads are still found, and the one before is dropped.
func TestHeadCacheServesFreshHeadsAndRereadsStaleOnes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		if _, err := demo.SeedCity(ctx, st, demo.NewCity()); err != nil {
			t.Fatal(err)
		}
		sess, err := svc.Login(ctx, "127.0.0.1", "agent", demo.Password)
		if err != nil {
			t.Fatal(err)
		}
		agent, err := svc.Authenticate(ctx, sess.Token)
		if err != nil {
			t.Fatal(err)
		}
		made, err := svc.CreateCase(ctx, agent, Intake{Title: "路灯不亮",
			Content: "幸福里小区3号楼门前路灯坏了一周。", Citizen: minsheng.Citizen{Name: "张三", Phone: "13800001111"}}, "")
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
		var hc headCache
		hc.put(&minsheng.Case{ID: made.ID, Title: "缓存里的标题", Status: minsheng.StatusClosed}, t0)
		dups := []assist.Duplicate{{ID: made.ID}}
		for _, tc := range []struct {
			after time.Duration
			title string
		}{
			{0, "缓存里的标题"},
			{headTTL - time.Second, "缓存里的标题"},
			{headTTL, "路灯不亮"},
		} {
			got, err := hc.get(ctx, st, dups, t0.Add(tc.after))
			if err != nil {
				t.Fatal(err)
			}
			if h := got[made.ID]; h == nil || h.Title != tc.title {
				t.Fatalf("after %v: head %+v, want title %q", tc.after, h, tc.title)
			}
		}
		if got, _ := hc.get(ctx, st, dups, t0.Add(headTTL)); got[made.ID].Status != minsheng.StatusPendingDispatch {
			t.Fatalf("reread head has status %q", got[made.ID].Status)
		}

		var gen headCache
		gen.put(&minsheng.Case{ID: -1, Title: "first"}, t0)
		for i := range maxHeads {
			gen.put(&minsheng.Case{ID: int64(i + 1)}, t0)
		}
		if h, ok := gen.lookup(-1, t0); !ok || h.Title != "first" {
			t.Fatal("a head of the older generation was lost")
		}
		for i := range maxHeads {
			gen.put(&minsheng.Case{ID: int64(maxHeads + i + 1)}, t0)
		}
		if _, ok := gen.lookup(-1, t0); !ok {
			t.Fatal("a head used in the older generation was not kept in the newer one")
		}
		if _, ok := gen.lookup(1, t0); ok {
			t.Fatal("a head two generations old is still kept")
		}
	})
}
