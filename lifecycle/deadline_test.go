package lifecycle

import (
	"testing"
	"time"

	"minsheng"
	"minsheng/calendar"
)

// realPolicy is a Policy on the default calendar (09:00-18:00, no holidays),
// so these tests count real working time rather than the fixture's hours.
func realPolicy() *Policy {
	return &Policy{Cal: calendar.Default(nil), Parent: map[int64]int64{}}
}

// fri is a time on Friday 8 March 2024, a working day before a weekend.
func fri(h, m int) time.Time { return time.Date(2024, 3, 8, h, m, 0, 0, cst) }
func mon(h, m int) time.Time { return time.Date(2024, 3, 11, h, m, 0, 0, cst) }
func tue(h, m int) time.Time { return time.Date(2024, 3, 12, h, m, 0, 0, cst) }

// TestPauseAtFridayDeadline: a pause keeps exactly the working time that was
// left, however the pause falls around a Friday 18:00 deadline and the weekend.
func TestPauseAtFridayDeadline(t *testing.T) {
	tests := []struct {
		name                string
		due, paused, resume time.Time
		want                time.Time
	}{
		{"an hour left, ten minutes paused", fri(18, 0), fri(17, 0), fri(17, 10), mon(9, 10)},
		{"an hour left, resumed Monday morning", fri(18, 0), fri(17, 0), mon(9, 0), mon(10, 0)},
		{"an hour left, resumed Monday noon", fri(18, 0), fri(17, 0), mon(12, 0), mon(13, 0)},
		{"an hour left, resumed on Saturday", fri(18, 0), fri(17, 0), fri(18, 0).Add(16 * time.Hour), mon(10, 0)},
		{"a day left from Friday morning", fri(18, 0), fri(9, 0), mon(9, 0), mon(18, 0)},
		{"paused at the deadline itself", fri(18, 0), fri(18, 0), mon(10, 0), mon(10, 0)},
		{"paused on Saturday, after the deadline", fri(18, 0), fri(18, 0).Add(20 * time.Hour), mon(11, 0), mon(11, 0)},
		// Monday 18:00 is the same working instant as Tuesday 09:00.
		{"two hours overdue stay two hours overdue", fri(18, 0), mon(11, 0), tue(11, 0), mon(18, 0)},
		{"three hours left, a minute paused", fri(18, 0), fri(15, 0), fri(15, 1), mon(9, 1)},
	}
	pol := realPolicy()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := caseIn(sHan)
			c.DueAt = tc.due
			hotline := actorAt(rDisp, orgHotline)
			apply(t, c, hotline, Request{Action: Pause, Reason: "等待法院判决"}, pol.Env(tc.paused))
			ev := apply(t, c, hotline, Request{Action: Resume}, pol.Env(tc.resume))
			if !c.DueAt.Equal(tc.want) {
				t.Errorf("due after resume = %s, want %s", c.DueAt.Format("Mon 15:04"), tc.want.Format("Mon 15:04"))
			}
			// The remaining working time is what it was at the pause.
			before := signedWork(pol.Cal, tc.paused, tc.due)
			after := signedWork(pol.Cal, tc.resume, c.DueAt)
			if before != after {
				t.Errorf("working time left %v at pause, %v at resume", before, after)
			}
			p, err := minsheng.Decode[minsheng.ResumePayload](ev)
			if err != nil || !p.DueAt.Equal(c.DueAt) {
				t.Errorf("resume payload %+v, %v", p, err)
			}
		})
	}
}

// signedWork is the working time from a to b, negative when b is before a.
func signedWork(cal *calendar.Calendar, a, b time.Time) time.Duration {
	if b.Before(a) {
		return -cal.WorkingDuration(b, a)
	}
	return cal.WorkingDuration(a, b)
}

// TestVisitHasItsOwnDeadline: approval keeps the unit's deadline in the
// events and gives the case the return visit's deadline; an unsolved visit
// reopens the case with a fresh handling deadline, not the passed one.
func TestVisitHasItsOwnDeadline(t *testing.T) {
	pol := realPolicy()
	unitDue := fri(18, 0)
	c := caseIn(sHan)
	c.DueAt = unitDue
	ev := apply(t, c, actorAt(rHand, orgDept), Request{Action: Reply, Content: "已处理完毕", Outcome: minsheng.OutcomeSolved}, pol.Env(fri(10, 0)))
	rp, err := minsheng.Decode[minsheng.ReplyPayload](ev)
	if err != nil || rp.DueAt == nil || !rp.DueAt.Equal(unitDue) {
		t.Fatalf("reply payload %+v (%v), want due_at %v", rp, err, unitDue)
	}
	if c.Overdue(mon(10, 0)) {
		t.Errorf("a reply waiting for review counts against the unit's deadline")
	}
	ev = apply(t, c, actorAt(rRev, orgHotline), Request{Action: Review, Approve: ptr(true)}, pol.Env(mon(10, 0)))
	vp, err := minsheng.Decode[minsheng.ReviewPayload](ev)
	visitDue := pol.VisitDue(mon(10, 0))
	if err != nil || vp.UnitDueAt == nil || !vp.UnitDueAt.Equal(unitDue) || vp.DueAt == nil || !vp.DueAt.Equal(visitDue) {
		t.Fatalf("review payload %+v (%v)", vp, err)
	}
	if !c.DueAt.Equal(visitDue) || !visitDue.Equal(time.Date(2024, 3, 14, 18, 0, 0, 0, cst)) {
		t.Errorf("case due %v, visit due %v, want Thursday 18:00", c.DueAt, visitDue)
	}
	if c.Overdue(time.Date(2024, 3, 14, 17, 0, 0, 0, cst)) || !c.Overdue(time.Date(2024, 3, 15, 9, 0, 0, 0, cst)) {
		t.Errorf("pending_visit is overdue against the visit's deadline only")
	}
	ev = apply(t, c, actorAt(rVis, orgHotline), Request{Action: Visit, Reached: ptr(true), Solved: ptr(false),
		Satisfaction: minsheng.Dissatisfied, Note: "路灯仍不亮"}, pol.Env(tue(10, 0)))
	want := pol.Due(c, tue(10, 0))
	if c.Status != sHan || !c.DueAt.Equal(want) || !c.DueAt.After(tue(10, 0)) {
		t.Errorf("unsolved visit: %s due %v, want handling due %v", c.Status, c.DueAt, want)
	}
	if p, _ := minsheng.Decode[minsheng.VisitPayload](ev); p == nil || p.DueAt == nil || !p.DueAt.Equal(want) || p.Note != "路灯仍不亮" {
		t.Errorf("visit payload %+v", p)
	}
}

// TestReviewWithoutCallbackKeepsUnitDeadline: a case closed at approval (no
// phone) keeps the unit's deadline, which is what it was measured against.
func TestReviewWithoutCallbackKeepsUnitDeadline(t *testing.T) {
	c := caseIn(sPR)
	c.Citizen.Phone = ""
	due := c.DueAt
	apply(t, c, actorAt(rRev, orgHotline), Request{Action: Review, Approve: ptr(true)}, baseEnv())
	if c.Status != sClo || !c.DueAt.Equal(due) {
		t.Errorf("%s due %v, want closed due %v", c.Status, c.DueAt, due)
	}
}

func TestDeadlineRunsByState(t *testing.T) {
	want := map[minsheng.Status]bool{sPD: true, sDis: true, sHan: true, sPL: true, sPR: false, sPV: true,
		sClo: false, sMer: false, sRef: false, sPau: false}
	for _, s := range minsheng.Statuses {
		if got := s.DeadlineRuns(); got != want[s] {
			t.Errorf("%s.DeadlineRuns() = %v, want %v", s, got, want[s])
		}
	}
}
