package store

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// TestCitizenRatingIsStored: the citizen's rating survives a reload apart
// from the visit's answers; an unsolved one puts the case in the visitor's
// to_visit queue; a second rating is a conflict that writes nothing.
func TestCitizenRatingIsStored(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := &minsheng.Case{Channel: "phone", Title: "路灯不亮", Content: "幸福路路灯坏了一个月，晚上很黑。", WantsReply: true,
			Citizen: minsheng.Citizen{Name: "李四", Phone: "13900001234"}}
		if _, err := s.CreateCase(ctx, c, f.agent, ""); err != nil {
			t.Fatal(err)
		}
		act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Accept})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Reply, Content: "已更换灯泡，路灯恢复正常。", Outcome: minsheng.OutcomeSolved})
		act(t, s, c.ID, f.reviewer, lifecycle.Request{Action: lifecycle.Review, Approve: yes()})
		act(t, s, c.ID, f.visitor, lifecycle.Request{Action: lifecycle.Visit, Reached: yes(), Solved: yes(), Satisfaction: minsheng.Satisfied})

		citizen := minsheng.Actor{Name: "市民（网站）", Role: minsheng.RoleCitizen}
		no := false
		rated := act(t, s, c.ID, citizen, lifecycle.Request{Action: lifecycle.Rate, Solved: &no,
			Satisfaction: minsheng.Dissatisfied, Note: "路灯又坏了"})
		got, err := s.Case(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != minsheng.StatusPendingVisit || got.CitizenSolved == nil || *got.CitizenSolved ||
			got.CitizenSatisfaction != minsheng.Dissatisfied || got.RatedAt == nil || !got.RatedAt.Equal(rated.RatedAt.Truncate(time.Millisecond)) ||
			got.ClosedAt != nil || !got.DueAt.Equal(rated.DueAt) {
			t.Fatalf("reloaded: status %s solved %v sat %q rated %v closed %v due %v", got.Status, got.CitizenSolved,
				got.CitizenSatisfaction, got.RatedAt, got.ClosedAt, got.DueAt)
		}
		counts, err := s.QueueCounts(ctx, f.visitor, []minsheng.Queue{minsheng.QueueToVisit})
		if err != nil || counts[minsheng.QueueToVisit] != 1 {
			t.Fatalf("to_visit = %v, %v", counts, err)
		}
		evs, err := s.Events(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := evs[len(evs)-1]
		if last.Action != "rate" || !last.Public || last.ActorRole != minsheng.RoleCitizen || last.ActorName != "市民（网站）" {
			t.Fatalf("event %+v", last)
		}
		// The citizen's rating is news to no channel: no text message, no webhook.
		sent, err := s.CaseNotifications(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range sent {
			if n.EventID == last.ID {
				t.Errorf("the rating was sent to the citizen's channel: %+v", n)
			}
		}
		if len(sent) == 0 {
			t.Error("no notification at all: the fixture should have sent the answer and the closure")
		}
		// Closed again by the visit, the case still keeps its one rating.
		act(t, s, c.ID, f.visitor, lifecycle.Request{Action: lifecycle.Visit, Reached: yes(), Solved: yes(), Satisfaction: minsheng.BasicallySatisfied})
		_, _, err = s.Act(ctx, c.ID, citizen, lifecycle.Request{Action: lifecycle.Rate, Solved: yes(), Satisfaction: minsheng.Satisfied})
		if minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("second rating: %v", err)
		}
		if again, _ := s.Case(ctx, c.ID); again.Version != got.Version+1 || *again.CitizenSolved {
			t.Fatalf("second rating wrote: version %d (was %d), solved %v", again.Version, got.Version, *again.CitizenSolved)
		}
	})
}
