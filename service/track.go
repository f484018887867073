package service

import (
	"context"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// Tracking is the citizen's view of a case by its tracking code: status,
// public steps and the approved reply; never personal data, staff names or
// internal notes.
type Tracking struct {
	Number     string          `json:"number"`
	Title      string          `json:"title"`
	Status     minsheng.Status `json:"status"`
	CreatedAt  time.Time       `json:"created_at"`
	DueAt      *time.Time      `json:"due_at,omitempty"`
	Timeline   []PublicStep    `json:"timeline"`
	MergedInto *MergedInto     `json:"merged_into,omitempty"`
	Reply      *PublicReply    `json:"reply,omitempty"`
	// Rating is the citizen's own rating, once given; CanRate says the case
	// waits for one (closed and not rated yet), so the page offers the form.
	Rating  *PublicRating `json:"rating,omitempty"`
	CanRate bool          `json:"can_rate"`
}

// PublicStep is one step of the citizen's timeline.
type PublicStep struct {
	At      time.Time       `json:"at"`
	Action  string          `json:"action"`
	Status  minsheng.Status `json:"status,omitempty"`
	OrgName string          `json:"org_name,omitempty"`
}

// MergedInto names the case a duplicate follows.
type MergedInto struct {
	Number string          `json:"number"`
	Status minsheng.Status `json:"status"`
}

// PublicReply is the answer the citizen may read.
type PublicReply struct {
	Content   string           `json:"content"`
	Outcome   minsheng.Outcome `json:"outcome"`
	RepliedAt *time.Time       `json:"replied_at"`
}

// Track returns the citizen's view of the case with this code. Unknown codes
// from one address are throttled (client is the address), since many misses
// look like someone guessing. A merged case shows its master's progress, so
// every caller gets the answer.
func (s *Service) Track(ctx context.Context, client, code string) (*Tracking, error) {
	c, err := s.caseByCode(ctx, client, code)
	if err != nil {
		return nil, err
	}
	return s.tracking(ctx, c)
}

// caseByCode finds the case a citizen's tracking code names. The code is
// the citizen's only key, so unknown codes count against the address
// (client) and too many of them are refused for a while. Errors: EINVALID
// for a NUL; ENOTFOUND; ERATELIMIT.
func (s *Service) caseByCode(ctx context.Context, client, code string) (*minsheng.Case, error) {
	if strings.ContainsRune(code, 0) {
		return nil, minsheng.Invalid("code", "must not contain the NUL character (U+0000)")
	}
	now := s.Now()
	if ok, wait := s.guesses.Allow(client, now); !ok {
		return nil, RetryAfter(wait, minsheng.Errorf(minsheng.ERATELIMIT, "too many unknown tracking codes from this address; try again later"))
	}
	var c *minsheng.Case
	err := error(minsheng.ErrNotFound)
	if validTrackingCode(code) {
		c, err = s.store.CaseByTrackingCode(ctx, code)
	}
	if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
		s.guesses.Fail(client, now)
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no request has this tracking code")
	}
	return c, err
}

// tracking builds the citizen's view of a case.
func (s *Service) tracking(ctx context.Context, c *minsheng.Case) (*Tracking, error) {
	evs, err := s.store.Events(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out := &Tracking{Number: c.Number, Title: c.Title, Status: c.Status, CreatedAt: c.CreatedAt, Timeline: publicTimeline(evs)}
	if c.Status.Open() {
		due := c.DueAt
		out.DueAt = &due
	}
	src := c
	if c.MergedInto != 0 {
		if m, err := s.store.Case(ctx, c.MergedInto); err == nil {
			src = m
			out.MergedInto = &MergedInto{Number: m.Number, Status: m.Status}
		}
	}
	if ReplyPublished(src) {
		out.Reply = &PublicReply{Content: src.Reply, Outcome: src.Outcome, RepliedAt: src.RepliedAt}
	}
	out.Rating, out.CanRate = publicRating(c), lifecycle.Allowed(c, citizenActor, lifecycle.Rate)
	return out, nil
}

// validTrackingCode accepts what a tracking code can look like (8–32 letters
// and digits), so nothing else reaches the database.
func validTrackingCode(code string) bool {
	if len(code) < 8 || len(code) > 32 {
		return false
	}
	for _, r := range code {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// ReplyPublished reports whether the reply passed review (or was a direct
// answer or a referred body's answer), so the citizen may read it.
func ReplyPublished(c *minsheng.Case) bool {
	if c.Reply == "" {
		return false
	}
	return c.Status == minsheng.StatusPendingVisit || c.Status == minsheng.StatusClosed
}

func publicTimeline(evs []minsheng.Event) []PublicStep {
	out := []PublicStep{}
	for _, e := range evs {
		if !e.Public {
			continue
		}
		st := PublicStep{At: e.At, Action: e.Action, Status: e.To}
		switch lifecycle.Action(e.Action) {
		case lifecycle.Dispatch:
			if p, err := minsheng.Decode[minsheng.DispatchPayload](e); err == nil {
				st.OrgName = p.OrgName
			}
		case lifecycle.Subdispatch:
			if p, err := minsheng.Decode[minsheng.SubdispatchPayload](e); err == nil {
				st.OrgName = p.OrgName
			}
		case lifecycle.Reroute:
			if p, err := minsheng.Decode[minsheng.ReroutePayload](e); err == nil {
				st.OrgName = p.OrgName
			}
		}
		out = append(out, st)
	}
	return out
}

// Throttled is a rate-limit refusal that says when to try again.
type Throttled struct {
	error
	Wait time.Duration
}

// Unwrap keeps the refusal's kind visible to minsheng.ErrorCode.
func (t *Throttled) Unwrap() error { return t.error }

// RetryAfterSeconds is the value of the Retry-After header.
func (t *Throttled) RetryAfterSeconds() string { return strconv.Itoa(int(t.Wait.Seconds()) + 1) }

// RetryAfter wraps a refusal with how long to wait.
func RetryAfter(wait time.Duration, err error) error { return &Throttled{error: err, Wait: wait} }
