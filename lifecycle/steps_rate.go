package lifecycle

import "minsheng"

// notRated holds until the citizen has rated the case: one rating per case,
// so a rating cannot be pressed again and again to keep a case open.
func notRated(c *minsheng.Case, _ minsheng.Actor) error {
	if c.RatedAt != nil {
		return minsheng.Errorf(minsheng.ECONFLICT, "the case was already rated")
	}
	return nil
}

// rate records the citizen's own rating of a closed case (issue 8). Solved
// leaves the case closed. Unsolved sends it to the return-visit queue with
// the visit's deadline, so that a return-visit agent calls the citizen back
// and decides whether it goes back to the unit; a case without anyone to
// call (no phone, or anonymous) goes straight back to handling instead, as a
// reopened case does, since the visit queue could only give up on it.
func rate(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	if r.Solved == nil {
		return nil, minsheng.Invalid("solved", "required: true or false")
	}
	if !r.Satisfaction.Valid() {
		return nil, minsheng.Invalid("satisfaction", "one of satisfied, basically_satisfied, dissatisfied")
	}
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	solved, at := *r.Solved, env.Now
	c.CitizenSolved, c.CitizenSatisfaction, c.RatedAt = &solved, r.Satisfaction, &at
	p := minsheng.RatePayload{Solved: solved, Satisfaction: r.Satisfaction, Note: note}
	if solved {
		return p, nil
	}
	if c.Citizen.Phone == "" || c.Citizen.Anonymous {
		backToWork(c, env)
		p.DueAt = timePtr(c.DueAt)
		return p, nil
	}
	c.Status = minsheng.StatusPendingVisit
	c.Solved, c.Satisfaction, c.ClosedAt, c.VisitTries = nil, "", nil, 0
	if env.VisitDue != nil {
		c.DueAt = env.VisitDue(env.Now)
		p.DueAt = timePtr(c.DueAt)
	}
	return p, nil
}
