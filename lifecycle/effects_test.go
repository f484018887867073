package lifecycle

import (
	"reflect"
	"testing"
	"time"

	"minsheng"
)

// apply runs one action and fails the test on error.
func apply(t *testing.T, c *minsheng.Case, a minsheng.Actor, req Request, env Env) minsheng.Event {
	t.Helper()
	ev, err := Apply(c, a, req, env)
	if err != nil {
		t.Fatalf("%s from %s: %v", req.Action, c.Status, err)
	}
	return ev
}

func wantOrg(t *testing.T, c *minsheng.Case, id int64, path string, chain []int64) {
	t.Helper()
	if c.OrgID != id || c.OrgPath != path || !reflect.DeepEqual(c.OrgChain, chain) {
		t.Fatalf("org = %d %q %v, want %d %q %v", c.OrgID, c.OrgPath, c.OrgChain, id, path, chain)
	}
}

func TestDispatchEffects(t *testing.T) {
	disp := actorAt(rDisp, orgHotline)
	t.Run("to a department, due from Deadline", func(t *testing.T) {
		c := caseIn(sPD)
		req, env := validReq(Dispatch, c)
		ev := apply(t, c, disp, req, env)
		wantOrg(t, c, 2, "/1/2/", []int64{2})
		if c.Status != sDis || c.Track != minsheng.TrackService {
			t.Errorf("status %s track %s", c.Status, c.Track)
		}
		if want := now.Add(72 * time.Hour); !c.DueAt.Equal(want) {
			t.Errorf("DueAt = %v, want %v", c.DueAt, want)
		}
		if len(c.CoOrgIDs) != 0 {
			t.Errorf("CoOrgIDs = %v", c.CoOrgIDs)
		}
		p := payloadOf(t, ev)
		if p["org_id"] != float64(2) || p["org_name"] != orgDept.Name || p["track"] != "service" {
			t.Errorf("payload = %v", p)
		}
	})
	t.Run("explicit due_at wins", func(t *testing.T) {
		c := caseIn(sPD)
		req, env := validReq(Dispatch, c)
		due := time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC)
		req.DueAt = &due
		apply(t, c, disp, req, env)
		if !c.DueAt.Equal(due) {
			t.Errorf("DueAt = %v, want %v", c.DueAt, due)
		}
	})
	t.Run("existing deadline is kept", func(t *testing.T) {
		c := caseIn(sPD)
		old := now.Add(5 * time.Hour)
		c.DueAt = old
		req, env := validReq(Dispatch, c)
		apply(t, c, disp, req, env)
		if !c.DueAt.Equal(old) {
			t.Errorf("DueAt = %v, want the existing %v", c.DueAt, old)
		}
	})
	t.Run("co-handlers", func(t *testing.T) {
		c := caseIn(sPD)
		req, env := validReq(Dispatch, c)
		req.CoOrgIDs, env.CoOrgs = []int64{3, 25}, []*minsheng.Org{orgDept3, orgDept25}
		apply(t, c, disp, req, env)
		if !reflect.DeepEqual(c.CoOrgIDs, []int64{3, 25}) {
			t.Errorf("CoOrgIDs = %v", c.CoOrgIDs)
		}
	})
	for _, tc := range []struct {
		org   *minsheng.Org
		track minsheng.Track
		pre   minsheng.Track
	}{
		{orgMedia, minsheng.TrackMedia, minsheng.TrackService},
		{orgPetition, minsheng.TrackPetition, minsheng.TrackService},
		{orgDiscipline, minsheng.TrackDiscipline, minsheng.TrackDiscipline},
		{orgMedia, minsheng.TrackMedia, minsheng.TrackMedia},
	} {
		t.Run("refer to "+string(tc.org.Kind)+" from "+string(tc.pre), func(t *testing.T) {
			c := caseIn(sPD)
			c.Track = tc.pre
			req, env := validReq(Dispatch, c)
			req.OrgID, env.Target = tc.org.ID, tc.org
			apply(t, c, actorAt(rSup, orgHotline), req, env)
			if c.Status != sRef || c.Track != tc.track {
				t.Errorf("status %s track %s, want referred %s", c.Status, c.Track, tc.track)
			}
			wantOrg(t, c, tc.org.ID, tc.org.Path, []int64{tc.org.ID})
		})
	}
}

// TestSubdispatchAndReturn walks a case down the tree and back up.
func TestSubdispatchAndReturn(t *testing.T) {
	dept, sub, street := actorAt(rHand, orgDept), actorAt(rHand, orgSub), actorAt(rLead, orgStreet)
	c := caseIn(sDis)
	c.CoOrgIDs = []int64{3}
	apply(t, c, dept, Request{Action: Accept}, baseEnv())

	env := baseEnv()
	env.Target = orgSub
	apply(t, c, dept, Request{Action: Subdispatch, OrgID: 5}, env)
	wantOrg(t, c, 5, "/1/2/5/", []int64{2, 5})
	if c.Status != sDis {
		t.Fatalf("status %s after subdispatch", c.Status)
	}
	apply(t, c, sub, Request{Action: Accept}, baseEnv())

	env.Target = orgStreet
	apply(t, c, sub, Request{Action: Subdispatch, OrgID: 9}, env)
	wantOrg(t, c, 9, "/1/2/5/9/", []int64{2, 5, 9})
	held := c.OrgChain // a holder of the old chain must not see it change

	reason := "该路段归区城管负责，非街道职责"
	ev := apply(t, c, street, Request{Action: Return, Reason: reason}, baseEnv())
	wantOrg(t, c, 5, "/1/2/5/", []int64{2, 5})
	if c.Status != sHan || c.ReturnCount != 1 {
		t.Errorf("status %s returns %d, want handling 1", c.Status, c.ReturnCount)
	}
	if !reflect.DeepEqual(held, []int64{2, 5, 9}) {
		t.Errorf("return changed a shared OrgChain: %v", held)
	}
	p := payloadOf(t, ev)
	if p["reason"] != reason || p["org_id"] != float64(9) || p["to_org_id"] != float64(5) {
		t.Errorf("payload = %v", p)
	}
	if ev.Public {
		t.Errorf("return event is public")
	}

	apply(t, c, sub, Request{Action: Return, Reason: reason}, baseEnv())
	wantOrg(t, c, 2, "/1/2/", []int64{2})
	if c.Status != sHan || c.ReturnCount != 2 || !reflect.DeepEqual(c.CoOrgIDs, []int64{3}) {
		t.Errorf("status %s returns %d co %v", c.Status, c.ReturnCount, c.CoOrgIDs)
	}

	c.ExtDays = 4
	due := c.DueAt
	apply(t, c, dept, Request{Action: Return, Reason: reason}, baseEnv())
	if c.Status != sPD || c.ReturnCount != 3 || c.ExtDays != 0 {
		t.Errorf("status %s returns %d ext %d, want pending_dispatch 3 0", c.Status, c.ReturnCount, c.ExtDays)
	}
	if c.OrgID != 0 || c.OrgPath != "" || c.OrgChain != nil || c.CoOrgIDs != nil {
		t.Errorf("org not cleared: %d %q %v %v", c.OrgID, c.OrgPath, c.OrgChain, c.CoOrgIDs)
	}
	if !c.DueAt.Equal(due) {
		t.Errorf("DueAt changed on return: %v -> %v", due, c.DueAt)
	}
}

// TestReturnFromDispatchedSubUnit: the sub-unit may return before signing;
// the order goes back to the parent in handling.
func TestReturnFromDispatchedSubUnit(t *testing.T) {
	c := caseIn(sDis)
	c.OrgID, c.OrgPath, c.OrgChain = 5, "/1/2/5/", []int64{2, 5}
	apply(t, c, actorAt(rHand, orgSub), Request{Action: Return, Reason: "不属于本区职责范围"}, baseEnv())
	wantOrg(t, c, 2, "/1/2/", []int64{2})
	if c.Status != sHan || c.ReturnCount != 1 {
		t.Errorf("status %s returns %d", c.Status, c.ReturnCount)
	}
}

func TestReturnFromReferral(t *testing.T) {
	c := caseIn(sRef)
	c.Track, c.OrgID, c.OrgPath, c.OrgChain = minsheng.TrackDiscipline, 8, "/1/8/", []int64{8}
	apply(t, c, actorAt(rInsp, orgDiscipline), Request{Action: Return, Reason: "不涉及作风问题，请按政务服务办理"}, baseEnv())
	if c.Status != sPD || c.ReturnCount != 1 || c.OrgID != 0 || c.OrgPath != "" {
		t.Errorf("status %s returns %d org %d %q", c.Status, c.ReturnCount, c.OrgID, c.OrgPath)
	}
}

func TestParentPathOf(t *testing.T) {
	tests := []struct {
		path string
		id   int64
		want string
	}{
		{"/1/2/5/", 2, "/1/2/"},
		{"/1/2/5/9/", 5, "/1/2/5/"},
		{"/1/2/5/9/", 2, "/1/2/"},
		{"/1/2/5/", 1, "/1/"},
		{"/1/2/5/", 5, "/1/2/5/"},
		{"/1/2/12/", 2, "/1/2/"},
		{"/1/12/2/", 12, "/1/12/"},
		{"/1/22/5/", 2, "/1/22/5/"}, // 2 is not on the path: unchanged
		{"/10/2/", 1, "/10/2/"},
		{"/1/2/5/", 25, "/1/2/5/"},
		{"/", 1, "/"},
		{"", 1, ""},
		{"/100/200/300/", 200, "/100/200/"},
	}
	for _, tc := range tests {
		if got := parentPathOf(tc.path, tc.id); got != tc.want {
			t.Errorf("parentPathOf(%q, %d) = %q, want %q", tc.path, tc.id, got, tc.want)
		}
	}
}

func TestExtensionEffects(t *testing.T) {
	hand, disp := actorAt(rHand, orgDept), actorAt(rDisp, orgHotline)
	for _, approve := range []bool{true, false} {
		c := caseIn(sHan)
		due := c.DueAt
		apply(t, c, hand, Request{Action: RequestExtension, Days: 3, Reason: "需要等待第三方检测报告"}, baseEnv())
		if c.ExtDays != 3 || !c.DueAt.Equal(due) {
			t.Fatalf("after request: ext %d due %v", c.ExtDays, c.DueAt)
		}
		ev := apply(t, c, disp, Request{Action: DecideExtension, Approve: ptr(approve), Comment: "同意"}, baseEnv())
		want := due
		if approve {
			want = due.Add(3 * 24 * time.Hour)
		}
		if !c.DueAt.Equal(want) || c.ExtDays != 0 || c.Status != sHan {
			t.Errorf("approve=%v: due %v ext %d status %s, want due %v", approve, c.DueAt, c.ExtDays, c.Status, want)
		}
		p := payloadOf(t, ev)
		if p["approve"] != approve || p["days"] != float64(3) {
			t.Errorf("payload = %v", p)
		}
		if _, has := p["due_at"]; has != approve {
			t.Errorf("approve=%v: due_at in payload = %v", approve, has)
		}
	}
}

func TestPauseResumeShiftsDeadline(t *testing.T) {
	for _, from := range []minsheng.Status{sDis, sHan} {
		c := caseIn(from)
		c.PausedAt, c.PausedFrom = nil, ""
		due := c.DueAt
		apply(t, c, actorAt(rDisp, orgHotline), Request{Action: Pause, Reason: "等待市民补充材料"}, baseEnv())
		if c.Status != sPau || c.PausedFrom != from || c.PausedAt == nil || !c.PausedAt.Equal(now) {
			t.Fatalf("after pause: %s from %s at %v", c.Status, c.PausedFrom, c.PausedAt)
		}
		if c.Overdue(now.Add(1000 * time.Hour)) {
			t.Errorf("a paused case is overdue")
		}
		env := baseEnv()
		env.Now = now.Add(50 * time.Hour)
		ev := apply(t, c, actorAt(rDisp, orgHotline), Request{Action: Resume}, env)
		if c.Status != from || c.PausedAt != nil || c.PausedFrom != "" {
			t.Errorf("after resume: %s paused %v from %q, want %s", c.Status, c.PausedAt, c.PausedFrom, from)
		}
		if want := due.Add(50 * time.Hour); !c.DueAt.Equal(want) {
			t.Errorf("DueAt = %v, want %v", c.DueAt, want)
		}
		if !ev.At.Equal(env.Now) || !c.UpdatedAt.Equal(env.Now) {
			t.Errorf("event at %v updated %v, want %v", ev.At, c.UpdatedAt, env.Now)
		}
	}
	c := caseIn(sPau)
	c.PausedFrom = ""
	apply(t, c, actorAt(rLead, orgDept), Request{Action: Resume}, baseEnv())
	if c.Status != sHan {
		t.Errorf("resume without PausedFrom: %s, want handling", c.Status)
	}
}

func TestClosingSetsClosedAt(t *testing.T) {
	noPhone := caseIn(sPR)
	noPhone.Citizen.Phone = ""
	anon := caseIn(sPR)
	anon.Citizen.Anonymous = true
	third := caseIn(sPV)
	third.VisitTries = MaxAttempts - 1
	tests := []struct {
		name string
		c    *minsheng.Case
		a    minsheng.Actor
		req  Request
	}{
		{"answer", caseIn(sPD), actorAt(rAgent, orgHotline), Request{Action: Answer, Content: "按政策可办理"}},
		{"visit solved", caseIn(sPV), actorAt(rVis, orgHotline), Request{Action: Visit, Reached: ptr(true), Solved: ptr(true), Satisfaction: minsheng.Dissatisfied}},
		{"review, no phone", noPhone, actorAt(rRev, orgHotline), Request{Action: Review, Approve: ptr(true)}},
		{"review, anonymous", anon, actorAt(rRev, orgHotline), Request{Action: Review, Approve: ptr(true)}},
		{"reply to referral", caseIn(sRef), actorAt(rHand, orgMedia), Request{Action: Reply, Content: "已刊发报道并督促整改", Outcome: minsheng.OutcomeExplained}},
		{"third unanswered call", third, actorAt(rVis, orgHotline), Request{Action: Visit, Reached: ptr(false)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.ClosedAt = nil
			ev := apply(t, tc.c, tc.a, tc.req, baseEnv())
			if tc.c.Status != sClo || ev.To != sClo {
				t.Fatalf("status %s", tc.c.Status)
			}
			if tc.c.ClosedAt == nil || !tc.c.ClosedAt.Equal(now) {
				t.Errorf("ClosedAt = %v, want %v", tc.c.ClosedAt, now)
			}
			if tc.c.Overdue(now.Add(1000 * time.Hour)) {
				t.Errorf("a closed case is overdue")
			}
		})
	}
	// A comment on a closed case does not move ClosedAt.
	c := caseIn(sClo)
	closed := *c.ClosedAt
	apply(t, c, actorAt(rAgent, orgHotline), Request{Action: Comment, Text: "补记"}, baseEnv())
	if !c.ClosedAt.Equal(closed) {
		t.Errorf("comment moved ClosedAt to %v", c.ClosedAt)
	}
}

// TestSubdispatchDoesNotShareChain: subdispatch must not write into a backing
// array that other slices (a cached copy of the case, the caller's c before
// Apply) may share.
func TestSubdispatchDoesNotShareChain(t *testing.T) {
	backing := make([]int64, 2, 8)
	backing[0], backing[1] = 2, 77
	sibling := backing[:2]
	c := caseIn(sHan)
	c.OrgChain = backing[:1]
	env := baseEnv()
	env.Target = orgSub
	apply(t, c, actorAt(rHand, orgDept), Request{Action: Subdispatch, OrgID: 5}, env)
	wantOrg(t, c, 5, "/1/2/5/", []int64{2, 5})
	if !reflect.DeepEqual(sibling, []int64{2, 77}) {
		t.Errorf("subdispatch wrote into a shared OrgChain backing array: %v", sibling)
	}
}
