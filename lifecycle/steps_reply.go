package lifecycle

import (
	"strconv"

	"minsheng"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func reply(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	content, err := text("content", r.Content, 2, 5000)
	if err != nil {
		return nil, err
	}
	if !r.Outcome.Valid() {
		return nil, minsheng.Invalid("outcome", "one of solved, explained, cannot_solve")
	}
	c.Reply, c.Outcome = content, r.Outcome
	t := env.Now
	c.RepliedAt = &t
	switch {
	case c.Status == minsheng.StatusReferred:
		c.Status = minsheng.StatusClosed
	case env.CaseOrg != nil && env.CaseOrg.LeadApproval:
		c.Status = minsheng.StatusPendingLead
	default:
		c.Status = minsheng.StatusPendingReview
	}
	return map[string]any{"content": content, "outcome": r.Outcome}, nil
}

func leadApprove(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (map[string]any, error) {
	ok := r.Approve == nil || *r.Approve
	if !ok {
		if _, err := text("comment", r.Comment, 2, 1000); err != nil {
			return nil, err
		}
		c.Status = minsheng.StatusHandling
	} else {
		c.Status = minsheng.StatusPendingReview
	}
	return map[string]any{"approve": ok, "comment": r.Comment}, nil
}

// review is the hotline's check of substance; a send-back (退回重办) is counted.
func review(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (map[string]any, error) {
	if r.Approve == nil {
		return nil, minsheng.Invalid("approve", "required: true or false")
	}
	if !*r.Approve {
		comment, err := text("comment", r.Comment, 2, 1000)
		if err != nil {
			return nil, err
		}
		c.SendBacks++
		c.Status = minsheng.StatusHandling
		return map[string]any{"approve": false, "comment": comment}, nil
	}
	c.Status = minsheng.StatusPendingVisit
	if c.Citizen.Phone == "" || c.Citizen.Anonymous {
		c.Status = minsheng.StatusClosed // nobody to call back
	}
	return map[string]any{"approve": true, "comment": r.Comment}, nil
}

// visit records the return call; solved and satisfied are separate answers so
// that satisfaction pressed out of people cannot hide an unsolved problem.
func visit(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (map[string]any, error) {
	if r.Reached == nil {
		return nil, minsheng.Invalid("reached", "required: true or false")
	}
	if !*r.Reached {
		c.VisitTries++
		if c.VisitTries >= MaxAttempts {
			c.Status = minsheng.StatusClosed
		}
		return map[string]any{"reached": false, "attempt": c.VisitTries, "note": r.Note}, nil
	}
	if r.Solved == nil {
		return nil, minsheng.Invalid("solved", "required when the citizen was reached")
	}
	if !r.Satisfaction.Valid() {
		return nil, minsheng.Invalid("satisfaction", "one of satisfied, basically_satisfied, dissatisfied")
	}
	solved := *r.Solved
	c.Solved, c.Satisfaction = &solved, r.Satisfaction
	c.VisitTries++
	if solved {
		c.Status = minsheng.StatusClosed
	} else {
		c.Status = minsheng.StatusHandling
		c.ReopenCount++
		c.VisitTries = 0 // the next round of return calls starts afresh
	}
	return map[string]any{"reached": true, "solved": solved, "satisfaction": r.Satisfaction, "note": r.Note}, nil
}

func pause(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	reason, err := text("reason", r.Reason, 2, 1000)
	if err != nil {
		return nil, err
	}
	t := env.Now
	c.PausedAt, c.PausedFrom, c.Status = &t, c.Status, minsheng.StatusPaused
	return map[string]any{"reason": reason}, nil
}

// resume restarts the clock: the deadline moves by the working time paused.
func resume(c *minsheng.Case, _ minsheng.Actor, _ Request, env Env) (map[string]any, error) {
	if c.PausedAt != nil && env.Shift != nil && !c.DueAt.IsZero() {
		c.DueAt = env.Shift(c.DueAt, *c.PausedAt, env.Now)
	}
	c.Status = c.PausedFrom
	if c.Status == "" {
		c.Status = minsheng.StatusHandling
	}
	c.PausedAt, c.PausedFrom = nil, ""
	return map[string]any{"due_at": c.DueAt}, nil
}

func reopen(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	reason, err := text("reason", r.Reason, 2, 1000)
	if err != nil {
		return nil, err
	}
	c.ReopenCount++
	c.Solved, c.Satisfaction, c.ClosedAt, c.VisitTries = nil, "", nil, 0
	c.Status = minsheng.StatusHandling
	if c.OrgID == 0 || c.Track != minsheng.TrackService {
		c.Status = minsheng.StatusPendingDispatch
		c.OrgID, c.OrgPath, c.OrgChain, c.CoOrgIDs = 0, "", nil, nil
	}
	if env.Deadline != nil {
		c.DueAt = env.Deadline(c, env.Now)
	}
	return map[string]any{"reason": reason, "due_at": c.DueAt}, nil
}

// merge makes a duplicate follow its master case.
func merge(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	if r.Into == 0 {
		return nil, minsheng.Invalid("into", "required: the id of the master case")
	}
	m := env.Master
	if m == nil || m.ID == c.ID {
		return nil, minsheng.Invalid("into", "no such other case")
	}
	if m.Status == minsheng.StatusMerged {
		return nil, minsheng.Invalid("into", "case %s is itself merged into another; merge into that one", m.Number)
	}
	c.MergedInto, c.Status = m.ID, minsheng.StatusMerged
	return map[string]any{"into": m.ID, "into_number": m.Number}, nil
}

func supervise(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (map[string]any, error) {
	if r.Level < 1 || r.Level > 3 {
		return nil, minsheng.Invalid("level", "1 (一般督办), 2 (重点督办) or 3 (挂牌督办)")
	}
	c.Supervision = r.Level
	return map[string]any{"level": r.Level, "note": r.Note}, nil
}

func comment(_ *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (map[string]any, error) {
	t, err := text("text", r.Text, 1, 2000)
	if err != nil {
		return nil, err
	}
	return map[string]any{"text": t}, nil
}
