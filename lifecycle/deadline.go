package lifecycle

import (
	"time"

	"minsheng"
	"minsheng/calendar"
)

// Policy computes deadlines (办理时限) from the admin's rules on the working-day
// calendar. It is immutable once built, so one value serves every request.
type Policy struct {
	Cal   *calendar.Calendar
	Rules []minsheng.DeadlineRule
	// Parent maps a category id to its parent id, so that a rule set on a
	// 大类 applies to its 中类 and 小类.
	Parent map[int64]int64
}

// fallbackDays are used when no rule matches, so that every case has a deadline.
var fallbackDays = map[minsheng.Urgency]int{minsheng.UrgencyNormal: 5, minsheng.UrgencyUrgent: 1}

// Due is the deadline of a case counted from the given time: the rule of the
// nearest category (the case's own, then its ancestors, then any category)
// for the case's urgency.
func (p *Policy) Due(c *minsheng.Case, from time.Time) time.Time {
	urg := c.Urgency
	if urg == "" {
		urg = minsheng.UrgencyNormal
	}
	seen := 0
	for cat := c.CategoryID; ; cat = p.Parent[cat] {
		for _, r := range p.Rules {
			if r.CategoryID == cat && r.Urgency == urg {
				return p.apply(r, from)
			}
		}
		if cat == 0 || seen > 10 {
			break
		}
		seen++
	}
	if d, ok := fallbackDays[urg]; ok {
		return p.Cal.AddWorkingDays(from, d)
	}
	return p.Cal.AddWorkingHours(from, 2)
}

func (p *Policy) apply(r minsheng.DeadlineRule, from time.Time) time.Time {
	if r.Days > 0 {
		return p.Cal.AddWorkingDays(from, r.Days)
	}
	return p.Cal.AddWorkingHours(from, float64(r.Hours))
}

// Extend moves a deadline by approved extension days, counted in working days
// from the old deadline.
func (p *Policy) Extend(due time.Time, days int) time.Time {
	return p.Cal.AddWorkingDays(due, days)
}

// Shift returns the deadline of a case resumed at to that was paused at from
// with deadline due. The working time that was left at the pause is counted
// again from the resumption, so a pause neither costs the unit time nor grants
// it any: a case due Friday 18:00 and paused at 17:00 still has its working
// hour when it resumes, whether that is ten minutes later (due Monday 09:10)
// or on Monday morning (due 10:00): the weekend is never granted, since it is
// no working time. A case already due at the pause stays overdue by the same
// working time.
func (p *Policy) Shift(due, from, to time.Time) time.Time {
	if left := p.Cal.WorkingDuration(from, due); left > 0 {
		return p.Cal.AddWorkingDuration(to, left)
	}
	return p.Cal.AddWorkingDuration(due, p.Cal.WorkingDuration(from, to))
}

// VisitDue is the deadline of a return visit that becomes due at from:
// VisitDays working days, the end of the working day like any day limit.
func (p *Policy) VisitDue(from time.Time) time.Time {
	return p.Cal.AddWorkingDays(from, VisitDays)
}

// Env returns an Env with the policy's deadline functions at time now.
func (p *Policy) Env(now time.Time) Env {
	return Env{Now: now, Deadline: p.Due, VisitDue: p.VisitDue, Extend: p.Extend, Shift: p.Shift,
		CategoryExists: func(id int64) bool {
			_, ok := p.Parent[id]
			return ok
		}}
}
