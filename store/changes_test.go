package store

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// woken waits for a subscription to fire; it fails the test after a
// generous while (the wake-up normally arrives within milliseconds).
func woken(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("no change heard after %s", what)
	}
}

// quiet drains a wake-up that may already wait (from set-up writes).
func quiet(ch <-chan struct{}) {
	time.Sleep(200 * time.Millisecond)
	select {
	case <-ch:
	default:
	}
}

// TestSubscribeHearsCaseChanges: intake and an action wake a subscriber on
// both databases; a refused action changes nothing and says nothing.
func TestSubscribeHearsCaseChanges(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		ch, stop := s.Subscribe()
		defer stop()
		c := newCase(t, s, f, "路灯不亮", "人民路路灯坏了三天")
		woken(t, ch, "intake")
		quiet(ch)
		if _, _, err := s.Act(context.Background(), c.ID, f.dispatcher,
			lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID}); err != nil {
			t.Fatal(err)
		}
		woken(t, ch, "dispatch")
		_, _, err := s.Act(context.Background(), c.ID, f.dispatcher,
			lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID})
		if minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("second dispatch: %v, want a conflict", err)
		}
		select {
		case <-ch:
			t.Fatal("a refused action woke the subscriber")
		case <-time.After(500 * time.Millisecond):
		}
	})
}

// TestChangesCrossNodes: two stores on one PostgreSQL schema, as two app
// nodes; a subscriber on node B hears a dispatch made on node A, and a
// store on another schema hears nothing of it.
func TestChangesCrossNodes(t *testing.T) {
	url, ok := freshSchema(t)
	if !ok {
		return
	}
	other, ok := freshSchema(t)
	if !ok {
		return
	}
	a, b, c := openTestStore(t, url), openTestStore(t, url), openTestStore(t, other)
	f := newFixture(t, a)
	onB, stopB := b.Subscribe()
	defer stopB()
	onC, stopC := c.Subscribe()
	defer stopC()
	k := newCase(t, a, f, "噪音扰民", "工地夜间施工噪音很大")
	woken(t, onB, "intake on node A")
	quiet(onB)
	if _, _, err := a.Act(context.Background(), k.ID, f.dispatcher,
		lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID}); err != nil {
		t.Fatal(err)
	}
	woken(t, onB, "dispatch on node A")
	select {
	case <-onC:
		t.Fatal("a store on another schema heard the change")
	default:
	}
}
