package store

import (
	"context"
	"testing"

	"minsheng"
	"minsheng/lifecycle"
)

// TestCoHandlerQueuesFollowOpenness: a co-handling unit's queues read only
// the co-handled cases still open (case_co_orgs.case_open), so the flag must
// follow the case through closing and reopening, while the unit's list of
// every case keeps the closed one.
func TestCoHandlerQueuesFollowOpenness(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := newCase(t, s, f, "学校周边占道", "学校门口商贩占道，影响学生通行")
		act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID, CoOrgIDs: []int64{f.other.ID}})
		check := func(when string, wantOpen bool) {
			t.Helper()
			want := 0
			if wantOpen {
				want = 1
			}
			open := minsheng.CaseFilter{Scope: &f.handler2, Status: minsheng.OpenStatuses()}
			if n, err := s.CountCases(ctx, open); err != nil || n != want {
				t.Errorf("%s: co-handler counts %d open cases (%v), want %d", when, n, err, want)
			}
			if got, err := s.ListCases(ctx, open); err != nil || len(got) != want {
				t.Errorf("%s: co-handler lists %d open cases (%v), want %d", when, len(got), err, want)
			}
			if got, err := s.ListCases(ctx, minsheng.CaseFilter{Scope: &f.handler2}); err != nil || len(got) != 1 {
				t.Errorf("%s: co-handler lists %d cases in all (%v), want 1", when, len(got), err)
			}
			var flag bool
			if err := s.rdb(ctx).row("SELECT case_open FROM case_co_orgs WHERE case_id = ?", c.ID).Scan(&flag); err != nil || flag != wantOpen {
				t.Errorf("%s: case_open %v (%v), want %v", when, flag, err, wantOpen)
			}
		}
		check("dispatched", true)
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Accept})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Reply, Content: "已联系城管清理占道商贩，并加强巡查。", Outcome: minsheng.OutcomeSolved})
		act(t, s, c.ID, f.reviewer, lifecycle.Request{Action: lifecycle.Review, Approve: yes()})
		closed := act(t, s, c.ID, f.visitor, lifecycle.Request{Action: lifecycle.Visit, Reached: yes(), Solved: yes(), Satisfaction: minsheng.Satisfied})
		if closed.Status != minsheng.StatusClosed {
			t.Fatalf("visited case is %s, want closed", closed.Status)
		}
		check("closed", false)
		act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Reopen, Reason: "市民反映商贩又回来了"})
		check("reopened", true)
	})
}
