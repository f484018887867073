package service

import (
	"context"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// citizenActor is the person who made the request, rating it on the portal:
// no account, so no user id; the name says where the rating came from.
var citizenActor = minsheng.Actor{Name: "市民（网站）", Role: minsheng.RoleCitizen}

// Rating is the citizen's answer to the two questions asked after closure
// (issue 8): was the problem solved, and are they satisfied. They are
// separate answers, as at the return visit.
type Rating struct {
	Solved       *bool                 `json:"solved"`
	Satisfaction minsheng.Satisfaction `json:"satisfaction"`
	Note         string                `json:"note,omitempty"`
}

// PublicRating is the rating as the tracking page shows it back.
type PublicRating struct {
	Solved       bool                  `json:"solved"`
	Satisfaction minsheng.Satisfaction `json:"satisfaction"`
	RatedAt      time.Time             `json:"rated_at"`
}

func publicRating(c *minsheng.Case) *PublicRating {
	if c.RatedAt == nil || c.CitizenSolved == nil {
		return nil
	}
	return &PublicRating{Solved: *c.CitizenSolved, Satisfaction: c.CitizenSatisfaction, RatedAt: *c.RatedAt}
}

// RateCase records the citizen's rating of the closed case with this
// tracking code and returns the tracking view with it. The tracking code is
// the citizen's only key, so an unknown code counts against the address as
// a tracking guess does, and accepted ratings are throttled per address
// (client) like portal submissions. An unsolved rating sends the case to
// the return-visit queue (see lifecycle's rate). Errors: EINVALID naming the
// field; ENOTFOUND for an unknown code; ECONFLICT when the case is not
// closed yet or was already rated; ERATELIMIT.
func (s *Service) RateCase(ctx context.Context, client, code string, in Rating) (*Tracking, error) {
	if ok, wait := s.ratings.Allow(client, s.Now()); !ok {
		return nil, RetryAfter(wait, minsheng.Errorf(minsheng.ERATELIMIT, "too many ratings from this address; try again later"))
	}
	c, err := s.caseByCode(ctx, client, code)
	if err != nil {
		return nil, err
	}
	switch {
	case c.RatedAt != nil:
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "already rated: a request is rated once")
	case c.Status == minsheng.StatusMerged:
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "this request was merged into another and is rated there")
	case c.Status != minsheng.StatusClosed:
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "not closed yet: a request can be rated once it is closed")
	}
	req := lifecycle.Request{Action: lifecycle.Rate, Solved: in.Solved, Satisfaction: in.Satisfaction, Note: in.Note, Version: c.Version}
	if c, _, err = s.store.Act(ctx, c.ID, citizenActor, req); err != nil {
		return nil, err
	}
	s.ratings.Fail(client, s.Now()) // every accepted rating counts
	return s.tracking(ctx, c)
}
