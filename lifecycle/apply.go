package lifecycle

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"minsheng"
)

// Request is one action with its payload, as decoded from the API body. Only
// the fields of the action at hand are read; Fields lists them, so that a
// surface can refuse the others instead of dropping them unseen.
type Request struct {
	Action       Action                `json:"-"`
	Track        minsheng.Track        `json:"track,omitempty"`
	OrgID        int64                 `json:"org_id,omitempty"`
	CoOrgIDs     []int64               `json:"co_org_ids,omitempty"`
	DueAt        *time.Time            `json:"due_at,omitempty"`
	Reason       string                `json:"reason,omitempty"`
	Content      string                `json:"content,omitempty"`
	Outcome      minsheng.Outcome      `json:"outcome,omitempty"`
	Comment      string                `json:"comment,omitempty"`
	Text         string                `json:"text,omitempty"`
	Note         string                `json:"note,omitempty"`
	Days         int                   `json:"days,omitempty"`
	Approve      *bool                 `json:"approve,omitempty"`
	Reached      *bool                 `json:"reached,omitempty"`
	Solved       *bool                 `json:"solved,omitempty"`
	Satisfaction minsheng.Satisfaction `json:"satisfaction,omitempty"`
	Level        int                   `json:"level,omitempty"`
	Into         int64                 `json:"into,omitempty"`
	ArticleID    int64                 `json:"article_id,omitempty"`
	Version      int                   `json:"version,omitempty"`
	CategoryID   int64                 `json:"category_id,omitempty"`
	// NotOurs marks a return as a responsibility dispute (不属于本单位职责),
	// for the hotline to arbitrate; UpdateList makes the arbitration change
	// the responsibility list (职责清单) of the case's category.
	NotOurs    bool `json:"not_ours,omitempty"`
	UpdateList bool `json:"update_list,omitempty"`
	// Shown is what the suggestions offered when the dispatcher decided; it is
	// set by the server, never by the client, and recorded with the dispatch.
	Shown *Shown `json:"-"`
}

// Shown lists the suggested organisations and categories, best first, so that
// the dispatch event can record whether the dispatcher took a suggestion.
type Shown struct {
	Orgs, Categories []int64
}

// rankOf is the 1-based place of id in ids, 0 when absent.
func rankOf(ids []int64, id int64) int {
	for i, x := range ids {
		if x == id {
			return i + 1
		}
	}
	return 0
}

// Env is what the rules need from outside, loaded by the store inside the
// transaction before Apply runs.
type Env struct {
	Now time.Time
	// Target is the organisation named by OrgID (dispatch, subdispatch, reroute).
	Target *minsheng.Org
	// CoOrgs are the organisations named by CoOrgIDs.
	CoOrgs []*minsheng.Org
	// CaseOrg is the organisation currently handling the case.
	CaseOrg *minsheng.Org
	// Master is the case named by Into (merge).
	Master *minsheng.Case
	// Article is the knowledge-base article named by ArticleID (answer), nil
	// when there is no such article.
	Article *minsheng.Article
	// Deadline computes the rule-based deadline of c counted from the given time.
	Deadline func(c *minsheng.Case, from time.Time) time.Time
	// VisitDue is the deadline of a return visit that becomes due at from.
	VisitDue func(from time.Time) time.Time
	// Extend moves a deadline by working days.
	Extend func(due time.Time, days int) time.Time
	// Shift gives the deadline of a case resumed at to that was paused at
	// from with deadline due: the working time left at the pause, counted
	// again from the resumption.
	Shift func(due, from, to time.Time) time.Time
	// CategoryExists reports whether a category id is known.
	CategoryExists func(id int64) bool
}

// MaxAttempts is how many unanswered return-visit calls close a case as unreachable.
const MaxAttempts = 3

// Intake prepares a new case and its first event.
func Intake(c *minsheng.Case, a minsheng.Actor, now time.Time) minsheng.Event {
	c.Status = minsheng.StatusPendingDispatch
	if c.Track == "" {
		c.Track = minsheng.TrackService
	}
	c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
	c.CreatedBy = a.UserID
	payload, _ := json.Marshal(minsheng.CreatePayload{Channel: c.Channel, ChannelRef: c.ChannelRef})
	return minsheng.Event{Action: string(Create), ActorID: a.UserID, ActorName: a.Name, ActorRole: a.Role,
		OrgID: a.OrgID, At: now, To: c.Status, Payload: payload, Public: true}
}

// Apply checks that the actor may take the action on the case in its current
// state with this payload, changes c accordingly and returns the event to
// record. On error c is left unchanged. Errors are *minsheng.Error: EFORBIDDEN
// for a wrong role, ENOTFOUND outside scope, ECONFLICT in the wrong state or
// version, EINVALID for a bad payload.
func Apply(c *minsheng.Case, a minsheng.Actor, req Request, env Env) (minsheng.Event, error) {
	if err := check(c, a, req.Action); err != nil {
		return minsheng.Event{}, err
	}
	if req.Version != 0 && req.Version != c.Version {
		return minsheng.Event{}, minsheng.ErrConflict
	}
	next := *c
	payload, err := steps[req.Action](&next, a, req, env)
	if err != nil {
		return minsheng.Event{}, err
	}
	from := c.Status
	next.Version++
	next.UpdatedAt = env.Now
	if next.Status == minsheng.StatusClosed && from != minsheng.StatusClosed {
		t := env.Now
		next.ClosedAt = &t
	}
	*c = next
	raw, err := json.Marshal(payload)
	if err != nil {
		return minsheng.Event{}, err
	}
	ev := minsheng.Event{CaseID: c.ID, Action: string(req.Action), ActorID: a.UserID, ActorName: a.Name,
		ActorRole: a.Role, OrgID: a.OrgID, At: env.Now, From: from, To: c.Status, Payload: raw,
		Public: rules[req.Action].public}
	// An approved reply, a referred body's answer that closes the case, or a
	// granted pause is news for the citizen; a send-back or refusal is internal.
	if (req.Action == Review && c.Status != minsheng.StatusHandling) || (req.Action == Reply && c.Status == minsheng.StatusClosed) ||
		(req.Action == DecidePause && c.Status == minsheng.StatusPaused) {
		ev.Public = true
	}
	return ev, nil
}

// step changes the case for one action and returns the event's payload, one
// of minsheng's typed payloads (minsheng.DispatchPayload for dispatch).
type step func(c *minsheng.Case, a minsheng.Actor, r Request, env Env) (any, error)

var steps map[Action]step

func init() {
	steps = map[Action]step{
		Answer: answer, Triage: triage, Dispatch: dispatch, Accept: accept, Subdispatch: subdispatch,
		Return: returnCase, Reroute: reroute, RequestExtension: requestExtension, DecideExtension: decideExtension,
		Reply: reply, LeadApprove: leadApprove, Review: review, Visit: visit, Pause: pause,
		RequestPause: requestPause, DecidePause: decidePause, Resume: resume, Reopen: reopen, Merge: merge,
		Supervise: supervise, Comment: comment, Opinion: opinion, LeaderAssign: leaderAssign,
		CampaignAnswer: campaignAnswer, Arbitrate: arbitrate, ReferClue: referClue,
		Rate: rate,
	}
}

// text checks a required free-text field and returns it trimmed.
func text(field, v string, min, max int) (string, error) {
	v, err := optText(field, v, max)
	if err != nil {
		return "", err
	}
	n := utf8.RuneCountInString(v)
	if n == 0 {
		return "", minsheng.Invalid(field, "required")
	}
	if n < min {
		return "", minsheng.Invalid(field, "at least %d characters, please say more", min)
	}
	return v, nil
}

// MaxNote is the length of an optional note or comment, in characters.
const MaxNote = 2000

// optText checks an optional free-text field and returns it trimmed. A NUL
// character is refused: it truncates text in C-based tools and PostgreSQL
// rejects it, so it would fail late or vanish silently.
func optText(field, v string, max int) (string, error) {
	if !utf8.ValidString(v) {
		return "", minsheng.Invalid(field, "is not valid UTF-8")
	}
	if strings.ContainsRune(v, 0) {
		return "", minsheng.Invalid(field, "must not contain NUL (U+0000) characters")
	}
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) > max {
		return "", minsheng.Invalid(field, "at most %d characters", max)
	}
	return v, nil
}
