package lifecycle

import (
	"minsheng"
)

// Extensions and pauses change the clock, never the handling unit: the lead
// unit asks, the hotline decides (DOMAIN.md, "Who may do what").

func requestExtension(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (any, error) {
	if r.Days < 1 || r.Days > 30 {
		return nil, minsheng.Invalid("days", "1 to 30 working days")
	}
	reason, err := text("reason", r.Reason, 5, 1000)
	if err != nil {
		return nil, err
	}
	c.ExtDays = r.Days
	return minsheng.RequestExtensionPayload{Days: r.Days, Reason: reason}, nil
}

func decideExtension(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	if r.Approve == nil {
		return nil, minsheng.Invalid("approve", "required: true or false")
	}
	comment, err := optText("comment", r.Comment, MaxNote)
	if err != nil {
		return nil, err
	}
	p := minsheng.DecideExtensionPayload{Approve: *r.Approve, Days: c.ExtDays, Comment: comment}
	if *r.Approve {
		c.DueAt = env.Extend(c.DueAt, c.ExtDays)
		due := c.DueAt
		p.DueAt = &due
	}
	c.ExtDays = 0
	return p, nil
}

// pause stops the clock (挂起): directly by the hotline, or through
// decidePause on the lead unit's request.
func pause(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	reason, err := text("reason", r.Reason, 2, 1000)
	if err != nil {
		return nil, err
	}
	stop(c, env)
	return minsheng.PausePayload{Reason: reason}, nil
}

// stop pauses the case now; a pending request is settled by it.
func stop(c *minsheng.Case, env Env) {
	t := env.Now
	c.PausedAt, c.PausedFrom, c.Status = &t, c.Status, minsheng.StatusPaused
	c.PauseRequested = false
}

func requestPause(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (any, error) {
	reason, err := text("reason", r.Reason, 2, 1000)
	if err != nil {
		return nil, err
	}
	c.PauseRequested = true
	return minsheng.RequestPausePayload{Reason: reason}, nil
}

func decidePause(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	if r.Approve == nil {
		return nil, minsheng.Invalid("approve", "required: true or false")
	}
	comment, err := optText("comment", r.Comment, MaxNote)
	if err != nil {
		return nil, err
	}
	if *r.Approve {
		stop(c, env)
	}
	c.PauseRequested = false
	return minsheng.DecidePausePayload{Approve: *r.Approve, Comment: comment}, nil
}

// resume restarts the clock with the working time that was left at the pause,
// so a pause never costs the unit time nor grants it any (see Policy.Shift).
func resume(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	if c.PausedAt != nil && env.Shift != nil && !c.DueAt.IsZero() {
		c.DueAt = env.Shift(c.DueAt, *c.PausedAt, env.Now)
	}
	c.Status = c.PausedFrom
	if c.Status == "" {
		c.Status = minsheng.StatusHandling
	}
	c.PausedAt, c.PausedFrom = nil, ""
	return minsheng.ResumePayload{DueAt: c.DueAt, Note: note}, nil
}
