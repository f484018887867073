package service

import (
	"context"
	"time"

	"minsheng"
)

// DuePreview is the deadline a dispatch would leave on a case, counted on
// the working-day calendar, so the dispatcher sees it before sending.
type DuePreview struct {
	Due time.Time `json:"due"`
	// WorkingDays is how many working days remain from now (0 when past).
	WorkingDays int `json:"working_days"`
	// Custom is set when the preview is of a deadline the dispatcher typed
	// rather than the rule's.
	Custom bool `json:"custom"`
	// OffDay warns that the deadline falls on a rest day (weekend, holiday).
	OffDay bool `json:"off_day"`
	// Past says the deadline has already gone by.
	Past bool `json:"past"`
}

// PreviewDue computes the deadline of dispatching case id now: the rule's
// deadline for its category and urgency (what intake set), or custom when
// the dispatcher typed one. Only a user who may dispatch may ask; a case
// outside their scope is not found.
func (s *Service) PreviewDue(ctx context.Context, u *minsheng.User, id int64, custom time.Time) (*DuePreview, error) {
	if err := allow(u, minsheng.CaseOp("dispatch")); err != nil {
		return nil, err
	}
	c, err := s.visibleCase(ctx, u, id)
	if err != nil {
		return nil, err
	}
	pol, err := s.store.Policy(ctx)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	p := &DuePreview{Due: c.DueAt}
	if p.Due.IsZero() {
		p.Due = pol.Due(c, now)
	}
	if !custom.IsZero() {
		p.Due, p.Custom = custom, true
	}
	p.Past = !p.Due.After(now)
	if !p.Past {
		p.WorkingDays = pol.Cal.WorkingDaysBetween(now, p.Due)
	}
	p.OffDay = !pol.Cal.IsWorkingDay(p.Due)
	return p, nil
}
