// Package lifecycle is the case state machine of DOMAIN.md: which role may take
// which action in which state, what the action changes, and the event it leaves.
// It does no I/O; the store loads what a rule needs into Env and saves the result.
package lifecycle

import (
	"slices"
	"strings"

	"minsheng"
)

// Action names one step of the lifecycle, as it appears in the API path.
type Action string

// The actions of POST /api/v1/cases/{id}/{action}.
const (
	Create           Action = "create"
	Answer           Action = "answer"
	Triage           Action = "triage"
	Dispatch         Action = "dispatch"
	Accept           Action = "accept"
	Subdispatch      Action = "subdispatch"
	Return           Action = "return"
	RequestExtension Action = "request_extension"
	DecideExtension  Action = "decide_extension"
	Reply            Action = "reply"
	LeadApprove      Action = "lead_approve"
	Review           Action = "review"
	Visit            Action = "visit"
	Pause            Action = "pause"
	Resume           Action = "resume"
	Reopen           Action = "reopen"
	Merge            Action = "merge"
	Supervise        Action = "supervise"
	Comment          Action = "comment"
)

type (
	st   = minsheng.Status
	role = minsheng.Role
)

// rule says from which states an action may be taken and whether the citizen
// sees it; who may take it, and on which cases, is minsheng's permission table.
type rule struct {
	from   []st
	public bool
}

var (
	openWork = []st{minsheng.StatusPendingDispatch, minsheng.StatusDispatched, minsheng.StatusHandling,
		minsheng.StatusPendingLead, minsheng.StatusPendingReview, minsheng.StatusPendingVisit, minsheng.StatusPaused}
)

// rules is the transition table. The target state is decided by each action's
// function, since several actions branch (review approves or sends back).
var rules = map[Action]rule{
	Answer:           {from: []st{minsheng.StatusPendingDispatch}, public: true},
	Triage:           {from: []st{minsheng.StatusPendingDispatch}},
	Dispatch:         {from: []st{minsheng.StatusPendingDispatch}, public: true},
	Accept:           {from: []st{minsheng.StatusDispatched}, public: true},
	Subdispatch:      {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling}, public: true},
	Return:           {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling, minsheng.StatusReferred}},
	RequestExtension: {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling}},
	DecideExtension:  {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling, minsheng.StatusPaused}},
	Reply:            {from: []st{minsheng.StatusHandling, minsheng.StatusReferred}},
	LeadApprove:      {from: []st{minsheng.StatusPendingLead}},
	Review:           {from: []st{minsheng.StatusPendingReview}},
	Visit:            {from: []st{minsheng.StatusPendingVisit}, public: true},
	Pause:            {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling}, public: true},
	Resume:           {from: []st{minsheng.StatusPaused}, public: true},
	Reopen:           {from: []st{minsheng.StatusClosed}, public: true},
	Merge:            {from: []st{minsheng.StatusPendingDispatch, minsheng.StatusDispatched, minsheng.StatusHandling}, public: true},
	Supervise:        {from: openWork},
	Comment:          {from: append(slices.Clone(openWork), minsheng.StatusClosed, minsheng.StatusMerged, minsheng.StatusReferred)},
}

// Actions lists every action a case can take after intake.
func Actions() []Action {
	out := make([]Action, 0, len(rules))
	for a := range rules {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Known reports whether a is an action of the API.
func Known(a Action) bool { _, ok := rules[a]; return ok }

// Allowed reports whether the actor's role may take the action in the case's
// state, without checking the payload; pages use it to show only useful buttons.
func Allowed(c *minsheng.Case, a minsheng.Actor, act Action) bool {
	return check(c, a, act) == nil
}

func check(c *minsheng.Case, a minsheng.Actor, act Action) error {
	r, ok := rules[act]
	if !ok {
		return minsheng.Errorf(minsheng.ENOTFOUND, "unknown action %q", act)
	}
	switch minsheng.Permit(a.Role, minsheng.CaseOp(string(act))) {
	case minsheng.ScopeNone:
		return minsheng.Errorf(minsheng.EFORBIDDEN, "role %s may not %s a case", a.Role, act)
	case minsheng.ScopeUnit:
		if !InScope(c, a) {
			return minsheng.ErrNotFound
		}
	case minsheng.ScopeLead:
		if !InLeadScope(c, a) {
			return minsheng.ErrNotFound
		}
	}
	if !slices.Contains(r.from, c.Status) {
		return minsheng.Errorf(minsheng.ECONFLICT, "cannot %s a case that is %s", act, c.Status)
	}
	return nil
}

// InLeadScope reports whether the actor's unit (or one below it) handles the
// case as lead unit (主办), as signing, returning and replying need.
func InLeadScope(c *minsheng.Case, a minsheng.Actor) bool {
	return a.Role.HotlineWide() || (a.OrgPath != "" && strings.HasPrefix(c.OrgPath, a.OrgPath))
}

// InScope reports whether a unit's user may see the case: it is handled (or
// co-handled) inside their organisation subtree, or they collected it themselves.
// Hotline-wide roles see every case.
func InScope(c *minsheng.Case, a minsheng.Actor) bool {
	if a.Role.HotlineWide() {
		return true
	}
	if c.CreatedBy != 0 && c.CreatedBy == a.UserID {
		return true
	}
	if a.OrgPath == "" {
		return false
	}
	if c.OrgPath != "" && len(c.OrgPath) >= len(a.OrgPath) && c.OrgPath[:len(a.OrgPath)] == a.OrgPath {
		return true
	}
	return slices.Contains(c.CoOrgIDs, a.OrgID)
}
