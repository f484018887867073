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
	Reroute          Action = "reroute"
	RequestExtension Action = "request_extension"
	DecideExtension  Action = "decide_extension"
	Reply            Action = "reply"
	LeadApprove      Action = "lead_approve"
	Review           Action = "review"
	Visit            Action = "visit"
	Pause            Action = "pause"
	RequestPause     Action = "request_pause"
	DecidePause      Action = "decide_pause"
	Resume           Action = "resume"
	Reopen           Action = "reopen"
	Merge            Action = "merge"
	Supervise        Action = "supervise"
	Comment          Action = "comment"
	Opinion          Action = "opinion"
	LeaderAssign     Action = "leader_assign"
	CampaignAnswer   Action = "campaign_answer"
	Arbitrate        Action = "arbitrate"
	ReferClue        Action = "refer_clue"
	// Rate is the citizen's own rating of a closed case on the portal (issue 8).
	Rate Action = "rate"
)

type (
	st   = minsheng.Status
	role = minsheng.Role
)

// rule says from which states an action may be taken, which request fields it
// reads, what else must hold beforehand, and whether the citizen sees it; who
// may take it, and on which cases, is minsheng's permission table.
type rule struct {
	from   []st
	fields []string
	// pre is a precondition beyond role, scope and state, such as a pending
	// request to decide; it returns ECONFLICT. Allowed and Apply both check
	// it, so a page offers only what would succeed now.
	pre    func(c *minsheng.Case, a minsheng.Actor) error
	public bool
}

var (
	openWork = []st{minsheng.StatusPendingDispatch, minsheng.StatusDispatched, minsheng.StatusHandling,
		minsheng.StatusPendingLead, minsheng.StatusPendingReview, minsheng.StatusPendingVisit, minsheng.StatusPaused}
	atUnit = []st{minsheng.StatusDispatched, minsheng.StatusHandling}
)

// rules is the transition table. The target state is decided by each action's
// function, since several actions branch (review approves or sends back).
var rules = map[Action]rule{
	Answer:           {from: []st{minsheng.StatusPendingDispatch}, fields: []string{"content", "article_id", "outcome"}, public: true},
	Triage:           {from: []st{minsheng.StatusPendingDispatch}, fields: []string{"track", "category_id", "reason"}},
	Dispatch:         {from: []st{minsheng.StatusPendingDispatch}, fields: []string{"org_id", "co_org_ids", "due_at", "category_id", "note"}, public: true},
	Accept:           {from: []st{minsheng.StatusDispatched}, fields: []string{"note"}, public: true},
	Subdispatch:      {from: atUnit, fields: []string{"org_id", "note"}, public: true},
	Return:           {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling, minsheng.StatusReferred}, fields: []string{"reason", "not_ours"}},
	Reroute:          {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling, minsheng.StatusReferred}, fields: []string{"org_id", "co_org_ids", "reason"}, public: true},
	RequestExtension: {from: atUnit, fields: []string{"days", "reason"}, pre: noExtensionPending},
	DecideExtension:  {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling, minsheng.StatusPaused}, fields: []string{"approve", "comment"}, pre: extensionPending},
	Reply:            {from: []st{minsheng.StatusHandling, minsheng.StatusReferred}, fields: []string{"content", "outcome"}},
	LeadApprove:      {from: []st{minsheng.StatusPendingLead}, fields: []string{"approve", "comment"}},
	Review:           {from: []st{minsheng.StatusPendingReview}, fields: []string{"approve", "comment"}},
	Visit:            {from: []st{minsheng.StatusPendingVisit}, fields: []string{"reached", "solved", "satisfaction", "note"}, public: true},
	Pause:            {from: atUnit, fields: []string{"reason"}, public: true},
	RequestPause:     {from: atUnit, fields: []string{"reason"}, pre: noPauseRequested},
	DecidePause:      {from: atUnit, fields: []string{"approve", "comment"}, pre: pauseRequested},
	Resume:           {from: []st{minsheng.StatusPaused}, fields: []string{"note"}, public: true},
	Reopen:           {from: []st{minsheng.StatusClosed}, fields: []string{"reason"}, public: true},
	Merge:            {from: []st{minsheng.StatusPendingDispatch, minsheng.StatusDispatched, minsheng.StatusHandling}, fields: []string{"into", "note"}, public: true},
	Supervise:        {from: openWork, fields: []string{"level", "note"}},
	Comment:          {from: append(slices.Clone(openWork), minsheng.StatusClosed, minsheng.StatusMerged, minsheng.StatusReferred), fields: []string{"text"}},
	Opinion:          {from: []st{minsheng.StatusDispatched, minsheng.StatusHandling, minsheng.StatusPaused}, fields: []string{"text"}, pre: coHandler},
	LeaderAssign:     {from: openWork, fields: []string{"note"}},
	// A topic campaign answers its cases when it closes; the review is the
	// campaign's own, so the answer goes to the return visit.
	CampaignAnswer: {from: []st{minsheng.StatusPendingDispatch, minsheng.StatusDispatched, minsheng.StatusHandling,
		minsheng.StatusPendingLead, minsheng.StatusPendingReview, minsheng.StatusPaused},
		fields: []string{"content", "outcome"}, pre: inCampaign, public: true},
	// The hotline decides a responsibility dispute (仲裁): whose the case is,
	// dispatched there, and whether the responsibility list changes.
	Arbitrate: {from: []st{minsheng.StatusPendingDispatch}, fields: []string{"org_id", "category_id", "reason", "update_list"},
		pre: disputed, public: true},
	// A supervisor or reviewer refers misconduct (推诿扯皮, rude staff) to the
	// discipline body as a clue (问题线索); the case stays where it is.
	ReferClue: {from: append(slices.Clone(openWork), minsheng.StatusClosed), fields: []string{"org_id", "reason"}, pre: notReferred},
	// The citizen rates a closed case once (issue 8); see rate.
	Rate: {from: []st{minsheng.StatusClosed}, fields: []string{"solved", "satisfaction", "note"}, pre: notRated, public: true},
}

func notReferred(c *minsheng.Case, _ minsheng.Actor) error {
	if c.ClueOrgID != 0 {
		return minsheng.Errorf(minsheng.ECONFLICT, "the case was already referred as a discipline clue")
	}
	return nil
}

func disputed(c *minsheng.Case, _ minsheng.Actor) error {
	if c.DisputeOrgID == 0 {
		return minsheng.Errorf(minsheng.ECONFLICT, "no responsibility dispute waits for arbitration")
	}
	return nil
}

func inCampaign(c *minsheng.Case, _ minsheng.Actor) error {
	if c.CampaignID == 0 {
		return minsheng.Errorf(minsheng.ECONFLICT, "the case is in no topic campaign")
	}
	return nil
}

func noExtensionPending(c *minsheng.Case, _ minsheng.Actor) error {
	if c.ExtDays > 0 {
		return minsheng.Errorf(minsheng.ECONFLICT, "an extension request is already waiting for a decision")
	}
	return nil
}

func extensionPending(c *minsheng.Case, _ minsheng.Actor) error {
	if c.ExtDays == 0 {
		return minsheng.Errorf(minsheng.ECONFLICT, "no extension request is waiting")
	}
	return nil
}

func noPauseRequested(c *minsheng.Case, _ minsheng.Actor) error {
	if c.PauseRequested {
		return minsheng.Errorf(minsheng.ECONFLICT, "a pause request is already waiting for a decision")
	}
	return nil
}

func pauseRequested(c *minsheng.Case, _ minsheng.Actor) error {
	if !c.PauseRequested {
		return minsheng.Errorf(minsheng.ECONFLICT, "no pause request is waiting")
	}
	return nil
}

// coHandler holds for a user of a co-handling unit (协办单位); the lead unit
// writes its part as the reply, so an opinion is the co-handlers' own.
func coHandler(c *minsheng.Case, a minsheng.Actor) error {
	if !slices.Contains(c.CoOrgIDs, a.OrgID) {
		return minsheng.Errorf(minsheng.ECONFLICT, "only a co-handling unit gives an opinion on this case")
	}
	return nil
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

// Fields lists the JSON fields of Request the action reads, and "version",
// so that a surface can refuse a field that does not apply instead of
// silently dropping it. Nil for an unknown action.
func Fields(a Action) []string {
	r, ok := rules[a]
	if !ok {
		return nil
	}
	return append(slices.Clone(r.fields), "version")
}

// Allowed reports whether the actor may take the action on the case now: the
// role and scope permit it, the case is in a state it starts from, and its
// preconditions hold (a decision needs a pending request). Only the payload
// is left unchecked, so pages show exactly the buttons that can work.
func Allowed(c *minsheng.Case, a minsheng.Actor, act Action) bool {
	return check(c, a, act) == nil
}

func check(c *minsheng.Case, a minsheng.Actor, act Action) error {
	r, ok := rules[act]
	if !ok {
		return minsheng.Errorf(minsheng.ENOTFOUND, "unknown action %q", act)
	}
	lead := true
	switch minsheng.Permit(a.Role, minsheng.CaseOp(string(act))) {
	case minsheng.ScopeNone:
		return minsheng.Errorf(minsheng.EFORBIDDEN, "role %s may not %s a case", a.Role, act)
	case minsheng.ScopeUnit:
		if !InScope(c, a) {
			return minsheng.ErrNotFound
		}
	case minsheng.ScopeLead:
		if !InScope(c, a) {
			return minsheng.ErrNotFound
		}
		lead = InLeadScope(c, a)
	}
	// The state is no secret to whoever sees the case, so it is checked
	// before the lead unit's prerogative.
	if !slices.Contains(r.from, c.Status) {
		return minsheng.Errorf(minsheng.ECONFLICT, "cannot %s a case that is %s", act, c.Status)
	}
	if !lead {
		// A co-handling unit sees the case but does not act for it.
		return minsheng.Errorf(minsheng.EFORBIDDEN, "only the lead unit may %s this case", act)
	}
	if r.pre != nil {
		return r.pre(c, a)
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
	if c.ClueOrgID != 0 && c.ClueOrgID == a.OrgID {
		return true // referred to the unit as a discipline clue
	}
	if a.OrgPath == "" {
		return false
	}
	if c.OrgPath != "" && len(c.OrgPath) >= len(a.OrgPath) && c.OrgPath[:len(a.OrgPath)] == a.OrgPath {
		return true
	}
	return slices.Contains(c.CoOrgIDs, a.OrgID)
}
