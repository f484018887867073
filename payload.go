package minsheng

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Event payloads are typed, one struct per action, so that views, the
// assistant and the KPI analysis read them without guessing at keys. The JSON
// names are the ones events have been written with since the first release;
// they never change, because stored events must keep decoding. A field that
// was only written in some cases carries omitempty, so that re-encoding an old
// event gives the same keys.

// CreatePayload records where a request came in (受理).
type CreatePayload struct {
	Channel    Channel `json:"channel"`
	ChannelRef string  `json:"channel_ref"`
}

// AnswerPayload is a direct answer (直接答复); ArticleID names the
// knowledge-base article it came from, whose body Content then is.
type AnswerPayload struct {
	Content   string  `json:"content"`
	ArticleID int64   `json:"article_id,omitempty"`
	Outcome   Outcome `json:"outcome,omitempty"` // solved on the spot; empty: explained
}

// TriagePayload is a first-screening decision: the track, and the category
// when the dispatcher corrected it (DueAt is then the recounted deadline).
type TriagePayload struct {
	FromTrack      Track      `json:"from_track"`
	Track          Track      `json:"track"`
	FromCategoryID *int64     `json:"from_category_id,omitempty"`
	CategoryID     int64      `json:"category_id,omitempty"`
	DueAt          *time.Time `json:"due_at,omitempty"`
	Reason         string     `json:"reason,omitempty"`
}

// DispatchPayload is a dispatch (派单) by the hotline. Ranks is set when the
// assistant offered suggestions at the time.
type DispatchPayload struct {
	OrgID          int64     `json:"org_id"`
	OrgName        string    `json:"org_name"`
	CoOrgIDs       []int64   `json:"co_org_ids"`
	Track          Track     `json:"track"`
	FromCategoryID *int64    `json:"from_category_id,omitempty"`
	CategoryID     int64     `json:"category_id,omitempty"`
	DueAt          time.Time `json:"due_at"`
	Note           string    `json:"note,omitempty"`
	*Ranks
}

// Ranks says how a dispatch compares with the suggestions shown: how many
// organisations and categories were offered and the 1-based rank of the
// chosen ones (0: not among them). The assistant's live agreement reads it.
type Ranks struct {
	SuggestedOrgs       int `json:"suggested_orgs"`
	OrgRank             int `json:"org_rank"`
	SuggestedCategories int `json:"suggested_categories"`
	CategoryRank        int `json:"category_rank"`
}

// AcceptPayload is a unit signing for the order (签收).
type AcceptPayload struct {
	OrgID int64  `json:"org_id"`
	Note  string `json:"note,omitempty"`
}

// SubdispatchPayload is a unit passing the order down (二级派单).
type SubdispatchPayload struct {
	OrgID   int64  `json:"org_id"`
	OrgName string `json:"org_name"`
	Note    string `json:"note,omitempty"`
}

// ReturnPayload is a unit giving the order back (退单): OrgID is the unit
// that returned it, ToOrgID the unit it went back to (0: the hotline).
type ReturnPayload struct {
	Reason  string `json:"reason"`
	OrgID   int64  `json:"org_id"`
	ToOrgID int64  `json:"to_org_id,omitempty"`
	// NotOurs: the unit says the case is not its responsibility (职责争议).
	NotOurs bool `json:"not_ours,omitempty"`
}

// ReferCluePayload refers a case to a discipline body as a clue of
// misconduct (问题线索移送), with what was wrong.
type ReferCluePayload struct {
	OrgID   int64  `json:"org_id"`
	OrgName string `json:"org_name"`
	Reason  string `json:"reason"`
}

// ArbitratePayload is the hotline's decision on a responsibility dispute:
// the dispatch it makes, the department that disputed, whether that
// department was right (Upheld: the case went elsewhere) and whether the
// responsibility list was changed to match.
type ArbitratePayload struct {
	DispatchPayload
	FromOrgID  int64 `json:"from_org_id"`
	Upheld     bool  `json:"upheld"`
	UpdateList bool  `json:"update_list"`
}

// ReroutePayload is the hotline moving a case to another organisation (改派);
// it is not counted as a return by the unit.
type ReroutePayload struct {
	FromOrgID int64   `json:"from_org_id"`
	OrgID     int64   `json:"org_id"`
	OrgName   string  `json:"org_name"`
	CoOrgIDs  []int64 `json:"co_org_ids"`
	Reason    string  `json:"reason"`
}

// RequestExtensionPayload is a unit asking for more working days (延期申请).
type RequestExtensionPayload struct {
	Days   int    `json:"days"`
	Reason string `json:"reason"`
}

// DecideExtensionPayload is the hotline's decision; DueAt is the new deadline
// when approved.
type DecideExtensionPayload struct {
	Approve bool       `json:"approve"`
	Days    int        `json:"days"`
	Comment string     `json:"comment"`
	DueAt   *time.Time `json:"due_at,omitempty"`
}

// ReplyPayload is the unit's answer (答复). DueAt is the unit's deadline at
// the time of the reply, so that analysis can tell an on-time reply (event
// time not after DueAt) even after the case moves on to its visit deadline.
type ReplyPayload struct {
	Content string     `json:"content"`
	Outcome Outcome    `json:"outcome"`
	DueAt   *time.Time `json:"due_at,omitempty"`
}

// LeadApprovePayload is the unit lead's check of a reply (部门审核).
type LeadApprovePayload struct {
	Approve bool   `json:"approve"`
	Comment string `json:"comment"`
}

// ReviewPayload is the hotline's check of substance. On approval UnitDueAt is
// the unit's deadline the reply was measured against and DueAt the return
// visit's own deadline, which the case carries from then on.
type ReviewPayload struct {
	Approve   bool       `json:"approve"`
	Comment   string     `json:"comment"`
	UnitDueAt *time.Time `json:"unit_due_at,omitempty"`
	DueAt     *time.Time `json:"due_at,omitempty"`
}

// VisitPayload is one return call (回访). Solved and Satisfaction are set
// when the citizen was reached; Attempt counts calls that did not reach them.
// DueAt is the new handling deadline when an unsolved problem reopens the case.
type VisitPayload struct {
	Reached      bool         `json:"reached"`
	Attempt      int          `json:"attempt,omitempty"`
	Solved       *bool        `json:"solved,omitempty"`
	Satisfaction Satisfaction `json:"satisfaction,omitempty"`
	Note         string       `json:"note"`
	DueAt        *time.Time   `json:"due_at,omitempty"`
}

// PausePayload is a pause (挂起), taken directly by the hotline or granted on
// a unit's request (then Requested is true).
type PausePayload struct {
	Reason    string `json:"reason"`
	Requested bool   `json:"requested,omitempty"`
}

// RequestPausePayload is a unit asking the hotline to pause its case.
type RequestPausePayload struct {
	Reason string `json:"reason"`
}

// DecidePausePayload is the hotline's decision on a pause request.
type DecidePausePayload struct {
	Approve bool   `json:"approve"`
	Comment string `json:"comment,omitempty"`
}

// ResumePayload restarts the clock; DueAt is the deadline after the pause.
type ResumePayload struct {
	DueAt time.Time `json:"due_at"`
	Note  string    `json:"note,omitempty"`
}

// ReopenPayload is a closed case taken up again (重办).
type ReopenPayload struct {
	Reason string    `json:"reason"`
	DueAt  time.Time `json:"due_at"`
}

// MergePayload makes a duplicate follow its master case (合并).
type MergePayload struct {
	Into       int64  `json:"into"`
	IntoNumber string `json:"into_number"`
	Note       string `json:"note,omitempty"`
}

// SupervisePayload sets the supervision level (督办).
type SupervisePayload struct {
	Level int    `json:"level"`
	Note  string `json:"note"`
}

// LeaderAssignPayload is a leader's instruction handing a case down (领导交办批示).
type LeaderAssignPayload struct {
	Note string `json:"note"`
}

// CampaignAnswerPayload is the answer a topic campaign gives each of its
// cases when it closes (专题答复).
type CampaignAnswerPayload struct {
	CampaignID int64      `json:"campaign_id"`
	Content    string     `json:"content"`
	Outcome    Outcome    `json:"outcome"`
	UnitDueAt  *time.Time `json:"unit_due_at,omitempty"`
	DueAt      *time.Time `json:"due_at,omitempty"`
}

// CommentPayload is an internal note on the timeline.
type CommentPayload struct {
	Text string `json:"text"`
}

// OpinionPayload is a co-handling unit's part of the work (协办意见), addressed
// to the lead unit; OrgID is the co-handling unit.
type OpinionPayload struct {
	Text  string `json:"text"`
	OrgID int64  `json:"org_id"`
}

// RatePayload is the citizen's own rating of a closed case on the portal
// (市民评价): solved and satisfied are separate answers, as at the return
// visit. DueAt is the return visit's deadline when an unsolved rating sends
// the case to the visit queue, or the handling deadline when nobody can be
// called back and the case goes straight back to handling.
type RatePayload struct {
	Solved       bool         `json:"solved"`
	Satisfaction Satisfaction `json:"satisfaction"`
	Note         string       `json:"note,omitempty"`
	DueAt        *time.Time   `json:"due_at,omitempty"`
}

// payloadTypes maps an event's action to a constructor of its payload.
var payloadTypes = map[string]func() any{
	"create":            newOf[CreatePayload],
	"answer":            newOf[AnswerPayload],
	"triage":            newOf[TriagePayload],
	"dispatch":          newOf[DispatchPayload],
	"accept":            newOf[AcceptPayload],
	"subdispatch":       newOf[SubdispatchPayload],
	"return":            newOf[ReturnPayload],
	"reroute":           newOf[ReroutePayload],
	"request_extension": newOf[RequestExtensionPayload],
	"decide_extension":  newOf[DecideExtensionPayload],
	"reply":             newOf[ReplyPayload],
	"lead_approve":      newOf[LeadApprovePayload],
	"review":            newOf[ReviewPayload],
	"visit":             newOf[VisitPayload],
	"pause":             newOf[PausePayload],
	"request_pause":     newOf[RequestPausePayload],
	"decide_pause":      newOf[DecidePausePayload],
	"resume":            newOf[ResumePayload],
	"reopen":            newOf[ReopenPayload],
	"merge":             newOf[MergePayload],
	"supervise":         newOf[SupervisePayload],
	"comment":           newOf[CommentPayload],
	"opinion":           newOf[OpinionPayload],
	"leader_assign":     newOf[LeaderAssignPayload],
	"campaign_answer":   newOf[CampaignAnswerPayload],
	"arbitrate":         newOf[ArbitratePayload],
	"refer_clue":        newOf[ReferCluePayload],
	"rate":              newOf[RatePayload], // the citizen's rating (issue 8)
}

func newOf[T any]() any { return new(T) }

// PayloadActions lists the actions DecodePayload knows, for tests that hold
// the lifecycle's actions against them.
func PayloadActions() []string {
	out := make([]string, 0, len(payloadTypes))
	for a := range payloadTypes {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// DecodePayload decodes an event's payload into the struct of its action and
// returns a pointer to it (*DispatchPayload for "dispatch"). An empty payload
// decodes to the zero struct. Errors: EINVALID for an unknown action; a JSON
// error for a payload that does not fit its action.
func DecodePayload(action string, raw json.RawMessage) (any, error) {
	mk, ok := payloadTypes[action]
	if !ok {
		return nil, Errorf(EINVALID, "no payload type for action %q", action)
	}
	p := mk()
	if len(raw) == 0 || string(raw) == "null" {
		return p, nil
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return nil, fmt.Errorf("%s payload: %w", action, err)
	}
	return p, nil
}

// Decode is DecodePayload into a payload type the caller already knows:
// Decode[DispatchPayload](ev) for an event whose action is "dispatch".
// Errors as DecodePayload, and EINVALID when T is not the event's type.
func Decode[T any](ev Event) (*T, error) {
	p, err := DecodePayload(ev.Action, ev.Payload)
	if err != nil {
		return nil, err
	}
	t, ok := p.(*T)
	if !ok {
		return nil, Errorf(EINVALID, "a %s event has a %T payload", ev.Action, p)
	}
	return t, nil
}
