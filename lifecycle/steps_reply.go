package lifecycle

import (
	"strconv"
	"time"

	"minsheng"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// reply records the unit's answer (答复) with the deadline it is measured
// against, since the case's own deadline moves on to the return visit.
func reply(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
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
	return minsheng.ReplyPayload{Content: content, Outcome: r.Outcome, DueAt: timePtr(c.DueAt)}, nil
}

// timePtr is nil for the zero time, so that an unknown deadline is left out.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func leadApprove(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (any, error) {
	ok := r.Approve == nil || *r.Approve
	comment, err := optText("comment", r.Comment, MaxNote)
	if err != nil {
		return nil, err
	}
	if !ok {
		if comment, err = text("comment", comment, 2, 1000); err != nil {
			return nil, err
		}
		c.Status = minsheng.StatusHandling
	} else {
		c.Status = minsheng.StatusPendingReview
	}
	return minsheng.LeadApprovePayload{Approve: ok, Comment: comment}, nil
}

// VisitDays is the working days the hotline gives itself for a return visit
// once a reply is approved.
const VisitDays = 3

// review is the hotline's check of substance; a send-back (退回重办) is
// counted. Approval ends the unit's part: the case's deadline becomes the
// return visit's, and the event keeps the unit's deadline for analysis.
func review(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
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
		return minsheng.ReviewPayload{Approve: false, Comment: comment}, nil
	}
	comment, err := optText("comment", r.Comment, MaxNote)
	if err != nil {
		return nil, err
	}
	p := minsheng.ReviewPayload{Approve: true, Comment: comment, UnitDueAt: timePtr(c.DueAt)}
	c.Status = minsheng.StatusPendingVisit
	if c.Citizen.Phone == "" || c.Citizen.Anonymous {
		c.Status = minsheng.StatusClosed // nobody to call back
		return p, nil
	}
	if env.VisitDue != nil {
		c.DueAt = env.VisitDue(env.Now)
		p.DueAt = timePtr(c.DueAt)
	}
	return p, nil
}

// visit records the return call; solved and satisfied are separate answers so
// that satisfaction pressed out of people cannot hide an unsolved problem.
// An unsolved problem goes back to the unit with a fresh deadline, as a
// reopened case does: the old one passed while the reply was reviewed.
func visit(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	if r.Reached == nil {
		return nil, minsheng.Invalid("reached", "required: true or false")
	}
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	if !*r.Reached {
		c.VisitTries++
		if c.VisitTries >= MaxAttempts {
			c.Status = minsheng.StatusClosed
		}
		return minsheng.VisitPayload{Reached: false, Attempt: c.VisitTries, Note: note}, nil
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
	p := minsheng.VisitPayload{Reached: true, Solved: &solved, Satisfaction: r.Satisfaction, Note: note}
	if solved {
		c.Status = minsheng.StatusClosed
		return p, nil
	}
	c.Status = minsheng.StatusHandling
	if c.OrgID == 0 {
		// Answered by the hotline itself (a direct answer the citizen rated
		// unsolved): no unit to go back to, so the hotline dispatches it.
		c.Status = minsheng.StatusPendingDispatch
	}
	c.ReopenCount++
	c.VisitTries = 0 // the next round of return calls starts afresh
	if env.Deadline != nil {
		c.DueAt = env.Deadline(c, env.Now)
		p.DueAt = timePtr(c.DueAt)
	}
	return p, nil
}

func reopen(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	reason, err := text("reason", r.Reason, 2, 1000)
	if err != nil {
		return nil, err
	}
	backToWork(c, env)
	return minsheng.ReopenPayload{Reason: reason, DueAt: c.DueAt}, nil
}

// backToWork takes a closed case up again (重办): back to its unit with a
// fresh deadline, or to the hotline's dispatch when no unit of the service
// track holds it; the last visit's answers no longer stand.
func backToWork(c *minsheng.Case, env Env) {
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
}

// merge makes a duplicate follow its master case.
func merge(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
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
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	c.MergedInto, c.Status = m.ID, minsheng.StatusMerged
	return minsheng.MergePayload{Into: m.ID, IntoNumber: m.Number, Note: note}, nil
}

func supervise(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (any, error) {
	if r.Level < 1 || r.Level > 3 {
		return nil, minsheng.Invalid("level", "1 (一般督办), 2 (重点督办) or 3 (挂牌督办)")
	}
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	c.Supervision = r.Level
	return minsheng.SupervisePayload{Level: r.Level, Note: note}, nil
}

// leaderAssign marks the case as handed down by a leader (领导交办) with
// the leader's instruction, which the units see on the timeline.
func leaderAssign(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (any, error) {
	note, err := text("note", r.Note, 2, MaxNote)
	if err != nil {
		return nil, err
	}
	c.LeaderAssigned = true
	return minsheng.LeaderAssignPayload{Note: note}, nil
}

// campaignAnswer gives the case its topic campaign's answer: the reply, as
// if the unit had replied and the hotline approved, so the return visit
// asks the citizen whether it solved their problem. Pending requests and a
// pause end with it.
func campaignAnswer(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	content, err := text("content", r.Content, 2, 5000)
	if err != nil {
		return nil, err
	}
	if !r.Outcome.Valid() {
		return nil, minsheng.Invalid("outcome", "one of solved, explained, cannot_solve")
	}
	p := minsheng.CampaignAnswerPayload{CampaignID: c.CampaignID, Content: content, Outcome: r.Outcome, UnitDueAt: timePtr(c.DueAt)}
	now := env.Now
	c.Reply, c.Outcome, c.RepliedAt = content, r.Outcome, &now
	c.ExtDays, c.PauseRequested, c.PausedAt, c.PausedFrom = 0, false, nil, ""
	c.Status = minsheng.StatusPendingVisit
	if c.Citizen.Phone == "" || c.Citizen.Anonymous {
		c.Status = minsheng.StatusClosed // nobody to call back
		return p, nil
	}
	if env.VisitDue != nil {
		c.DueAt = env.VisitDue(now)
		p.DueAt = timePtr(c.DueAt)
	}
	return p, nil
}

func comment(_ *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (any, error) {
	t, err := text("text", r.Text, 1, MaxNote)
	if err != nil {
		return nil, err
	}
	return minsheng.CommentPayload{Text: t}, nil
}

// opinion is a co-handling unit's part (协办意见), for the lead unit to take
// into its reply; it changes nothing else.
func opinion(_ *minsheng.Case, a minsheng.Actor, r Request, _ Env) (any, error) {
	t, err := text("text", r.Text, 2, 5000)
	if err != nil {
		return nil, err
	}
	return minsheng.OpinionPayload{Text: t, OrgID: a.OrgID}, nil
}
