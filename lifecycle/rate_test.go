package lifecycle

import (
	"reflect"
	"testing"
	"time"

	"minsheng"
)

// TestRateSolvedStaysClosed: a solved rating is recorded on the case and the
// public event, and the case stays closed with its closing time.
func TestRateSolvedStaysClosed(t *testing.T) {
	c := caseIn(sClo)
	closedAt := *c.ClosedAt
	ev := apply(t, c, citizen, Request{Action: Rate, Solved: ptr(true), Satisfaction: minsheng.BasicallySatisfied}, baseEnv())
	if c.Status != sClo || c.ClosedAt == nil || !c.ClosedAt.Equal(closedAt) {
		t.Errorf("status %s closed at %v, want closed at %v", c.Status, c.ClosedAt, closedAt)
	}
	if c.CitizenSolved == nil || !*c.CitizenSolved || c.CitizenSatisfaction != minsheng.BasicallySatisfied ||
		c.RatedAt == nil || !c.RatedAt.Equal(now) {
		t.Errorf("rating on the case = %v %q %v", c.CitizenSolved, c.CitizenSatisfaction, c.RatedAt)
	}
	if c.Solved == nil || !*c.Solved || c.Satisfaction != minsheng.Satisfied {
		t.Errorf("the visit's answers changed: %v %q", c.Solved, c.Satisfaction)
	}
	p, err := minsheng.Decode[minsheng.RatePayload](ev)
	if err != nil || !p.Solved || p.Satisfaction != minsheng.BasicallySatisfied || p.DueAt != nil {
		t.Errorf("payload %+v, %v", p, err)
	}
	if !ev.Public || ev.ActorRole != minsheng.RoleCitizen || ev.ActorID != 0 {
		t.Errorf("event public=%v role=%s actor=%d", ev.Public, ev.ActorRole, ev.ActorID)
	}
}

// TestRateUnsolvedGoesToVisit: an unsolved rating sends the case to the
// return-visit queue with the visit's deadline; the old visit's answers and
// closing time no longer stand.
func TestRateUnsolvedGoesToVisit(t *testing.T) {
	c := caseIn(sClo)
	reopens := c.ReopenCount
	ev := apply(t, c, citizen, Request{Action: Rate, Solved: ptr(false), Satisfaction: minsheng.Dissatisfied, Note: "  路灯还是不亮  "}, baseEnv())
	if c.Status != sPV || ev.To != sPV || ev.From != sClo {
		t.Fatalf("status %s, event %s->%s", c.Status, ev.From, ev.To)
	}
	wantDue := now.Add(visitHours * time.Hour)
	if !c.DueAt.Equal(wantDue) {
		t.Errorf("due %v, want the visit's %v", c.DueAt, wantDue)
	}
	if c.ClosedAt != nil || c.Solved != nil || c.Satisfaction != "" || c.VisitTries != 0 || c.ReopenCount != reopens {
		t.Errorf("closed %v solved %v sat %q tries %d reopens %d", c.ClosedAt, c.Solved, c.Satisfaction, c.VisitTries, c.ReopenCount)
	}
	if c.OrgID != orgDept.ID {
		t.Errorf("org %d: the unit must stay on the case", c.OrgID)
	}
	p, err := minsheng.Decode[minsheng.RatePayload](ev)
	if err != nil || p.Solved || p.Note != "路灯还是不亮" || p.DueAt == nil || !p.DueAt.Equal(wantDue) {
		t.Errorf("payload %+v, %v", p, err)
	}
	// The visitor then takes it as any visit: unsolved goes back to the unit.
	apply(t, c, actorAt(rVis, orgHotline), Request{Action: Visit, Reached: ptr(true), Solved: ptr(false), Satisfaction: minsheng.Dissatisfied}, baseEnv())
	if c.Status != sHan {
		t.Errorf("after the visit: %s, want handling", c.Status)
	}
}

// TestRateUnsolvedWithoutPhoneReopens: nobody can be called back about an
// anonymous request or one without a phone, so an unsolved rating takes it
// straight back to handling.
func TestRateUnsolvedWithoutPhoneReopens(t *testing.T) {
	for _, cz := range []minsheng.Citizen{{Name: "王五"}, {Phone: "13912345678", Anonymous: true}} {
		c := caseIn(sClo)
		c.Citizen = cz
		ev := apply(t, c, citizen, Request{Action: Rate, Solved: ptr(false), Satisfaction: minsheng.Dissatisfied}, baseEnv())
		if c.Status != sHan || c.ReopenCount != 1 || c.ClosedAt != nil {
			t.Errorf("%+v: status %s reopens %d closed %v", cz, c.Status, c.ReopenCount, c.ClosedAt)
		}
		p, err := minsheng.Decode[minsheng.RatePayload](ev)
		if err != nil || p.DueAt == nil || !p.DueAt.Equal(now.Add(72*time.Hour)) {
			t.Errorf("payload %+v, %v", p, err)
		}
	}
}

// TestRateOnce: a second rating is a conflict and changes nothing, also
// after the case closed again; Allowed agrees, so the portal hides the form.
func TestRateOnce(t *testing.T) {
	c := caseIn(sClo)
	apply(t, c, citizen, Request{Action: Rate, Solved: ptr(true), Satisfaction: minsheng.Satisfied}, baseEnv())
	before := cloneCase(c)
	if Allowed(c, citizen, Rate) {
		t.Error("Allowed after a rating")
	}
	_, err := Apply(c, citizen, Request{Action: Rate, Solved: ptr(false), Satisfaction: minsheng.Dissatisfied}, baseEnv())
	wantErr(t, err, minsheng.ECONFLICT, "")
	if !reflect.DeepEqual(c, before) {
		t.Error("case changed on a second rating")
	}
}

// TestRateOpenCaseConflicts: an open case cannot be rated yet.
func TestRateOpenCaseConflicts(t *testing.T) {
	for _, s := range []minsheng.Status{sPD, sHan, sPV, sMer} {
		c := caseIn(s)
		_, err := Apply(c, citizen, Request{Action: Rate, Solved: ptr(true), Satisfaction: minsheng.Satisfied}, baseEnv())
		wantErr(t, err, minsheng.ECONFLICT, "")
	}
}

// TestRateDirectAnswerUnsolved: a direct answer (no unit) rated unsolved
// goes to the return visit, and an unsolved visit then hands it to the
// hotline's dispatch, since there is no unit to send it back to.
func TestRateDirectAnswerUnsolved(t *testing.T) {
	c := caseIn(sPD)
	apply(t, c, actorAt(rAgent, orgHotline), Request{Action: Answer, Content: "可在市民中心二楼窗口办理。"}, baseEnv())
	apply(t, c, citizen, Request{Action: Rate, Solved: ptr(false), Satisfaction: minsheng.Dissatisfied}, baseEnv())
	if c.Status != sPV {
		t.Fatalf("after the rating: %s", c.Status)
	}
	apply(t, c, actorAt(rVis, orgHotline), Request{Action: Visit, Reached: ptr(true), Solved: ptr(false), Satisfaction: minsheng.Dissatisfied}, baseEnv())
	if c.Status != sPD || c.OrgID != 0 {
		t.Errorf("after the visit: %s at org %d, want pending_dispatch", c.Status, c.OrgID)
	}
}
