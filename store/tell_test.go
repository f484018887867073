package store

import (
	"context"
	"errors"
	"sync"
	"testing"

	"minsheng"
	"minsheng/lifecycle"
)

// TestActionAndNotificationsCommitTogether: a leader's instruction and the
// notifications it sends are one transaction. A notification that cannot be
// stored (no such user) or a teller that fails leaves the case, its
// timeline and everyone's list as they were; a good one stores both. Among
// concurrent actions sharing a write batch, the failing one takes neither
// its action nor its notifications with it, and the others' notifications
// are stored once, not again when the batch is retried without it.
func TestActionAndNotificationsCommitTogether(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		lu := &minsheng.User{Username: "leader", Name: "王市长", Role: minsheng.RoleLeader, OrgID: f.hotline.ID}
		if err := s.CreateUser(ctx, lu); err != nil {
			t.Fatal(err)
		}
		leader := minsheng.ActorOf(lu)
		assign := lifecycle.Request{Action: lifecycle.LeaderAssign, Note: "请住建局本周内解决"}
		tellHandler := func(c *minsheng.Case, ev minsheng.Event) ([]minsheng.Notification, error) {
			return []minsheng.Notification{{UserID: f.handler.UserID, CaseID: c.ID, Kind: minsheng.AlertLeaderAssigned,
				Note: ev.ActorName + "：" + assign.Note, CreatedAt: ev.At}}, nil
		}
		unread := func(a minsheng.Actor) int {
			t.Helper()
			n, err := s.UnreadNotifications(ctx, a.UserID)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		unchanged := func(c *minsheng.Case, events int) {
			t.Helper()
			got, err := s.Case(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			evs, err := s.Events(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.LeaderAssigned || got.Version != c.Version || len(evs) != events {
				t.Fatalf("a failed instruction left the case at version %d (was %d), leader-assigned %v, %d events (were %d)",
					got.Version, c.Version, got.LeaderAssigned, len(evs), events)
			}
		}

		c := newCase(t, s, f, "外墙脱落", "老旧小区外墙脱落，存在安全隐患。")
		c = act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID})
		evs, _ := s.Events(ctx, c.ID)
		_, _, err := s.ActAndTell(ctx, c.ID, leader, assign, func(c *minsheng.Case, ev minsheng.Event) ([]minsheng.Notification, error) {
			ns, _ := tellHandler(c, ev)
			return append(ns, minsheng.Notification{UserID: 1 << 40, CaseID: c.ID, Kind: minsheng.AlertLeaderAssigned, CreatedAt: ev.At}), nil
		})
		if err == nil {
			t.Fatal("a notification to no user was stored")
		}
		unchanged(c, len(evs))
		if n := unread(f.handler); n != 0 {
			t.Fatalf("the handler was told of an instruction that failed: %d unread", n)
		}
		failing := errors.New("no recipients")
		_, _, err = s.ActAndTell(ctx, c.ID, leader, assign, func(*minsheng.Case, minsheng.Event) ([]minsheng.Notification, error) {
			return nil, failing
		})
		if !errors.Is(err, failing) {
			t.Fatalf("a failing teller: %v", err)
		}
		unchanged(c, len(evs))

		got, _, err := s.ActAndTell(ctx, c.ID, leader, assign, tellHandler)
		if err != nil || !got.LeaderAssigned {
			t.Fatalf("instruction: %+v %v", got, err)
		}
		list, err := s.Notifications(ctx, f.handler.UserID, true, 0, 10)
		if err != nil || len(list) != 1 || list[0].CaseID != c.ID || list[0].Note != "王市长：请住建局本周内解决" {
			t.Fatalf("the handler's notifications: %+v %v", list, err)
		}

		// Concurrent instructions, one of them bound to fail, likely share a batch.
		const n = 8
		ids := make([]int64, n)
		for i := range ids {
			c := newCase(t, s, f, "路灯不亮", "小区路灯不亮已有一周。")
			ids[i] = act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID}).ID
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tell := minsheng.Teller(tellHandler)
				if i == 3 {
					tell = func(c *minsheng.Case, ev minsheng.Event) ([]minsheng.Notification, error) {
						return []minsheng.Notification{{UserID: 1 << 40, CaseID: c.ID, Kind: minsheng.AlertLeaderAssigned, CreatedAt: ev.At}}, nil
					}
				}
				_, _, errs[i] = s.ActAndTell(ctx, id, leader, assign, tell)
			}()
		}
		wg.Wait()
		for i, id := range ids {
			c, err := s.Case(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if (errs[i] == nil) != (i != 3) || c.LeaderAssigned != (i != 3) {
				t.Errorf("instruction %d: err %v, leader-assigned %v", i, errs[i], c.LeaderAssigned)
			}
		}
		if got := unread(f.handler); got != 1+n-1 {
			t.Fatalf("the handler has %d unread notifications, want %d: one per instruction that stood", got, n)
		}
	})
}
