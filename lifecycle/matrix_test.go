package lifecycle

import (
	"reflect"
	"slices"
	"testing"

	"minsheng"
)

// Short names for the expectation tables.
const (
	sPD  = minsheng.StatusPendingDispatch
	sDis = minsheng.StatusDispatched
	sHan = minsheng.StatusHandling
	sPL  = minsheng.StatusPendingLead
	sPR  = minsheng.StatusPendingReview
	sPV  = minsheng.StatusPendingVisit
	sClo = minsheng.StatusClosed
	sMer = minsheng.StatusMerged
	sRef = minsheng.StatusReferred
	sPau = minsheng.StatusPaused
)

const (
	rAgent = minsheng.RoleAgent
	rDisp  = minsheng.RoleDispatcher
	rHand  = minsheng.RoleHandler
	rLead  = minsheng.RoleDeptLead
	rRev   = minsheng.RoleReviewer
	rVis   = minsheng.RoleVisitor
	rSup   = minsheng.RoleSupervisor
	rField = minsheng.RoleFieldWorker
	rAna   = minsheng.RoleAnalyst
	rInsp  = minsheng.RoleInspector
	rAdm   = minsheng.RoleAdmin
)

// wantTo is the spec, written independently of rules: for each action, the
// states it may be taken from and the state it leads to with the payload of
// validReq on the fixture of caseIn.
var wantTo = map[Action]map[minsheng.Status]minsheng.Status{
	Answer:           {sPD: sClo},
	Triage:           {sPD: sPD},
	Dispatch:         {sPD: sDis},
	Accept:           {sDis: sHan},
	Subdispatch:      {sDis: sDis, sHan: sDis},
	Return:           {sDis: sPD, sHan: sPD, sRef: sPD},
	Reroute:          {sDis: sDis, sHan: sDis, sRef: sRef},
	RequestExtension: {sDis: sDis, sHan: sHan},
	DecideExtension:  {sDis: sDis, sHan: sHan, sPau: sPau},
	Reply:            {sHan: sPR, sRef: sClo},
	LeadApprove:      {sPL: sPR},
	Review:           {sPR: sPV},
	Visit:            {sPV: sClo},
	Pause:            {sDis: sPau, sHan: sPau},
	RequestPause:     {sDis: sDis, sHan: sHan},
	DecidePause:      {sDis: sPau, sHan: sPau},
	Resume:           {sPau: sHan},
	Reopen:           {sClo: sHan},
	Merge:            {sPD: sMer, sDis: sMer, sHan: sMer},
	Supervise:        {sPD: sPD, sDis: sDis, sHan: sHan, sPL: sPL, sPR: sPR, sPV: sPV, sPau: sPau},
	Comment: {sPD: sPD, sDis: sDis, sHan: sHan, sPL: sPL, sPR: sPR, sPV: sPV, sPau: sPau,
		sClo: sClo, sMer: sMer, sRef: sRef},
	Opinion:        {sDis: sDis, sHan: sHan, sPau: sPau},
	LeaderAssign:   {sPD: sPD, sDis: sDis, sHan: sHan, sPL: sPL, sPR: sPR, sPV: sPV, sPau: sPau},
	CampaignAnswer: {sPD: sPV, sDis: sPV, sHan: sPV, sPL: sPV, sPR: sPV, sPau: sPV},
	Arbitrate:      {sPD: sDis},
	ReferClue:      {sPD: sPD, sDis: sDis, sHan: sHan, sPL: sPL, sPR: sPR, sPV: sPV, sPau: sPau, sClo: sClo},
	Rate:           {sClo: sPV}, // validReq rates unsolved: to the return visit
}

// wantRoles is who may take each action (DOMAIN.md "Who uses it" and "Who
// may do what"): the hotline re-routes, pauses and decides requests; the unit
// asks; analysts and admins never change a case, not even by a comment.
var wantRoles = map[Action][]minsheng.Role{
	Answer:           {rAgent, rDisp, rField}, // the field worker: solved on the spot, on cases they collected
	Triage:           {rDisp},
	Dispatch:         {rDisp, rSup},
	Accept:           {rHand, rLead},
	Subdispatch:      {rHand, rLead},
	Return:           {rHand, rLead, rInsp},
	Reroute:          {rDisp},
	RequestExtension: {rHand, rLead},
	DecideExtension:  {rDisp, rSup},
	Reply:            {rHand, rLead, rInsp},
	LeadApprove:      {rLead},
	Review:           {rRev},
	Visit:            {rVis},
	Pause:            {rDisp},
	RequestPause:     {rHand, rLead},
	DecidePause:      {rDisp, rSup},
	Resume:           {rHand, rLead, rDisp},
	Reopen:           {rAgent, rDisp, rSup},
	Merge:            {rDisp},
	Supervise:        {rSup},
	Comment:          {rAgent, rDisp, rHand, rLead, rRev, rVis, rSup, rField, rInsp},
	Opinion:          {rHand, rLead},
	LeaderAssign:     {minsheng.RoleLeader},
	CampaignAnswer:   {rSup},
	Arbitrate:        {rDisp},
	ReferClue:        {rSup, rRev},
	Rate:             {minsheng.RoleCitizen}, // the citizen on the portal, no staff role
}

func TestActionsAreTheSpecifiedOnes(t *testing.T) {
	got := Actions()
	if !slices.IsSorted(got) {
		t.Errorf("Actions() not sorted: %v", got)
	}
	var want []Action
	for a := range wantTo {
		want = append(want, a)
	}
	slices.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Actions() = %v\nwant      %v", got, want)
	}
	for _, a := range got {
		if !Known(a) {
			t.Errorf("Known(%s) = false", a)
		}
		if _, ok := wantRoles[a]; !ok {
			t.Errorf("no role expectation for %s", a)
		}
	}
	for _, a := range []Action{Create, "", "delete", "DISPATCH"} {
		if Known(a) {
			t.Errorf("Known(%q) = true", a)
		}
	}
}

// TestTransitionMatrix applies every action in every state with every role
// allowed to take it, by an actor in scope, with a valid payload.
func TestTransitionMatrix(t *testing.T) {
	for _, act := range Actions() {
		for _, s := range minsheng.Statuses {
			for _, r := range wantRoles[act] {
				t.Run(string(act)+"/"+string(s)+"/"+string(r), func(t *testing.T) {
					c := caseIn(s)
					prepare(act, c)
					a := actorFor(act, r, c)
					req, env := validReq(act, c)
					before := cloneCase(c)
					to, allowed := wantTo[act][s]
					if got := Allowed(c, a, act); got != allowed {
						t.Errorf("Allowed = %v, want %v", got, allowed)
					}
					ev, err := Apply(c, a, req, env)
					if !allowed {
						wantErr(t, err, minsheng.ECONFLICT, "")
						if !reflect.DeepEqual(c, before) {
							t.Errorf("case changed on error:\n got %+v\nwant %+v", c, before)
						}
						return
					}
					if err != nil {
						t.Fatalf("Apply: %v", err)
					}
					if c.Status != to {
						t.Errorf("status = %s, want %s", c.Status, to)
					}
					if c.Version != before.Version+1 {
						t.Errorf("version = %d, want %d", c.Version, before.Version+1)
					}
					if !c.UpdatedAt.Equal(now) {
						t.Errorf("UpdatedAt = %v, want %v", c.UpdatedAt, now)
					}
					if ev.From != s || ev.To != to || ev.Action != string(act) {
						t.Errorf("event %s %s->%s, want %s %s->%s", ev.Action, ev.From, ev.To, act, s, to)
					}
					if to == sClo && s != sClo && (c.ClosedAt == nil || !c.ClosedAt.Equal(now)) {
						t.Errorf("ClosedAt = %v, want %v", c.ClosedAt, now)
					}
				})
			}
		}
	}
}

// allowedState is one state from which each action may be taken, as in wantTo.
var allowedState = map[Action]minsheng.Status{
	Answer: sPD, Triage: sPD, Dispatch: sPD, Accept: sDis, Subdispatch: sHan, Return: sHan, Reroute: sHan,
	RequestExtension: sHan, DecideExtension: sHan, Reply: sHan, LeadApprove: sPL, Review: sPR,
	Visit: sPV, Pause: sHan, RequestPause: sHan, DecidePause: sHan, Resume: sPau, Reopen: sClo, Merge: sHan,
	Supervise: sHan, Comment: sHan, Opinion: sHan, LeaderAssign: sHan, CampaignAnswer: sHan, Arbitrate: sPD, ReferClue: sHan,
	Rate: sClo,
}

// TestRoleMatrix tries every action with every role in a state where the
// action is allowed: the roles of wantRoles succeed, all others get EFORBIDDEN.
func TestRoleMatrix(t *testing.T) {
	for _, act := range Actions() {
		s, ok := allowedState[act]
		if !ok {
			t.Fatalf("no allowed state for %s", act)
		}
		if _, ok := wantTo[act][s]; !ok {
			t.Fatalf("allowedState[%s] = %s is not in wantTo", act, s)
		}
		for _, r := range minsheng.Roles {
			t.Run(string(act)+"/"+string(r), func(t *testing.T) {
				c := caseIn(s)
				prepare(act, c)
				a := actorFor(act, r, c)
				req, env := validReq(act, c)
				before := cloneCase(c)
				allowed := slices.Contains(wantRoles[act], r)
				if got := Allowed(c, a, act); got != allowed {
					t.Errorf("Allowed = %v, want %v", got, allowed)
				}
				_, err := Apply(c, a, req, env)
				if allowed {
					if err != nil {
						t.Fatalf("Apply: %v", err)
					}
					return
				}
				wantErr(t, err, minsheng.EFORBIDDEN, "")
				if !reflect.DeepEqual(c, before) {
					t.Errorf("case changed on error")
				}
			})
		}
	}
}

// TestRoleIsCheckedBeforeState: a forbidden role gets EFORBIDDEN even in a
// state where the action is not allowed, so the state is not leaked.
func TestRoleIsCheckedBeforeState(t *testing.T) {
	c := caseIn(sClo)
	_, err := Apply(c, actorAt(rAna, orgHotline), Request{Action: Dispatch, OrgID: 2}, baseEnv())
	wantErr(t, err, minsheng.EFORBIDDEN, "")
}

func TestUnknownActionIsNotFound(t *testing.T) {
	for _, act := range []Action{Create, "", "close"} {
		c := caseIn(sHan)
		before := cloneCase(c)
		_, err := Apply(c, actorAt(rAdm, orgHotline), Request{Action: act}, baseEnv())
		wantErr(t, err, minsheng.ENOTFOUND, "")
		if !reflect.DeepEqual(c, before) {
			t.Errorf("%q: case changed", act)
		}
		if Allowed(c, actorAt(rAdm, orgHotline), act) {
			t.Errorf("Allowed(%q) = true", act)
		}
	}
}
