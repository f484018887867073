package service

import (
	"context"
	"fmt"
	"time"

	"minsheng"
	"minsheng/calendar"
)

// EscalationRules returns the rules the escalation job applies.
func (s *Service) EscalationRules(ctx context.Context, u *minsheng.User) (*minsheng.EscalationRules, error) {
	if err := allow(u, minsheng.OpEscalationRead); err != nil {
		return nil, err
	}
	return s.store.EscalationRules(ctx)
}

// SetEscalationRules replaces the rules; the next run of the job applies them.
func (s *Service) SetEscalationRules(ctx context.Context, u *minsheng.User, r minsheng.EscalationRules) (*minsheng.EscalationRules, error) {
	if err := allow(u, minsheng.OpEscalationWrite); err != nil {
		return nil, err
	}
	r.UpdatedBy = u.ID
	if err := s.store.SaveEscalationRules(ctx, &r); err != nil {
		return nil, err
	}
	s.audit(u, "escalation rules", 1)
	return s.store.EscalationRules(ctx)
}

// EscalateNow runs the escalation job at an admin's request, at once
// rather than at its next turn.
func (s *Service) EscalateNow(ctx context.Context, u *minsheng.User) (*EscalationRun, error) {
	if err := allow(u, minsheng.OpEscalationWrite); err != nil {
		return nil, err
	}
	return s.Escalate(ctx)
}

// EscalationRun says what one run of the escalation job did.
type EscalationRun struct {
	// Skipped: another run held the job's lock (on this node or another),
	// or the rules are switched off.
	Skipped   bool `json:"skipped"`
	Reminders int  `json:"reminders"`
	Level1    int  `json:"level1"`
	Level2    int  `json:"level2"`
}

// escalationBatch is how many cases one query of a rule takes; a run goes
// on while a batch applies something, up to escalationBatches of them, so
// that one run after a long stop neither loads everything nor stops early.
const (
	escalationBatch   = 200
	escalationBatches = 50
)

// Escalate applies the escalation rules once: reminders for cases due soon,
// supervision level 1 for overdue cases with their department lead told,
// level 2 for cases long overdue (in working days) or sent back again, on
// the leaders' list. Every step is idempotent (a case gets each alert once,
// a reminder once per deadline), and only one node runs it at a time.
func (s *Service) Escalate(ctx context.Context) (*EscalationRun, error) {
	unlock, ok, err := s.store.TryJobLock(ctx, "escalation")
	if err != nil || !ok {
		return &EscalationRun{Skipped: true}, err
	}
	defer unlock()
	rules, err := s.store.EscalationRules(ctx)
	if err != nil || !rules.Enabled {
		return &EscalationRun{Skipped: true}, err
	}
	pol, err := s.store.Policy(ctx)
	if err != nil {
		return nil, err
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	run := &EscalationRun{}
	for _, r := range escalationPasses(rules, pol.Cal, now) {
		n, err := s.escalatePass(ctx, r, users)
		if err != nil {
			return run, err
		}
		switch r.q.Kind {
		case minsheng.AlertDueSoon:
			run.Reminders += n
		case minsheng.AlertLevel1:
			run.Level1 += n
		default:
			run.Level2 += n
		}
	}
	return run, nil
}

// pass is one rule: which cases it looks at, whether it still holds for a
// case, why (for the timeline and the notification), and who is told.
type pass struct {
	q      minsheng.AlertQuery
	holds  func(c *minsheng.Case) bool
	reason func(c *minsheng.Case) string
	roles  []minsheng.Role
}

// escalationPasses turns the admin's rules into passes at time now.
func escalationPasses(r *minsheng.EscalationRules, cal *calendar.Calendar, now time.Time) []pass {
	var out []pass
	if r.DueSoonHours > 0 {
		until := now.Add(time.Duration(r.DueSoonHours) * time.Hour)
		out = append(out, pass{
			q: minsheng.AlertQuery{Kind: minsheng.AlertDueSoon, DueFrom: now, DueBefore: until},
			holds: func(c *minsheng.Case) bool {
				return c.Status.DeadlineRuns() && c.DueAt.After(now) && c.DueAt.Before(until)
			},
			reason: func(c *minsheng.Case) string {
				return fmt.Sprintf("办理时限将到：%s 前须办结", c.DueAt.In(cal.Location()).Format("2006-01-02 15:04"))
			},
			roles: []minsheng.Role{minsheng.RoleHandler},
		})
	}
	if r.OverdueLevel1 {
		out = append(out, pass{
			q:     minsheng.AlertQuery{Kind: minsheng.AlertLevel1, DueBefore: now, BelowLevel: 1},
			holds: func(c *minsheng.Case) bool { return c.Overdue(now) && c.Supervision < 1 },
			reason: func(c *minsheng.Case) string {
				return fmt.Sprintf("超期未办结（时限 %s），自动一般督办", c.DueAt.In(cal.Location()).Format("2006-01-02 15:04"))
			},
			roles: []minsheng.Role{minsheng.RoleDeptLead},
		})
	}
	if n := r.Level2OverdueDays; n > 0 {
		out = append(out, pass{
			q: minsheng.AlertQuery{Kind: minsheng.AlertLevel2, DueBefore: overdueSince(cal, now, n), BelowLevel: 2},
			holds: func(c *minsheng.Case) bool {
				return c.Overdue(now) && c.Supervision < 2 && cal.WorkingDaysBetween(c.DueAt, now) >= n
			},
			reason: func(c *minsheng.Case) string {
				return fmt.Sprintf("超期 %d 个工作日，升级为重点督办，列入领导督办清单", cal.WorkingDaysBetween(c.DueAt, now))
			},
			roles: leadersListRoles,
		})
	}
	if n := r.Level2SendBacks; n > 0 {
		out = append(out, pass{
			q:     minsheng.AlertQuery{Kind: minsheng.AlertLevel2, MinSendBacks: n, BelowLevel: 2},
			holds: func(c *minsheng.Case) bool { return c.Status.Open() && c.Supervision < 2 && c.SendBacks >= n },
			reason: func(c *minsheng.Case) string {
				return fmt.Sprintf("答复被退回重办 %d 次，升级为重点督办，列入领导督办清单", c.SendBacks)
			},
			roles: leadersListRoles,
		})
	}
	return out
}

// leadersListRoles are told of a case that goes on the leaders' list: the
// hotline's supervisors, and the unit's department lead.
var leadersListRoles = []minsheng.Role{minsheng.RoleSupervisor, minsheng.RoleDeptLead}

// overdueSince is the start of the day before which a deadline must fall
// for a case to be overdue by at least n working days at now
// (calendar.WorkingDaysBetween(due, now) >= n): the n-th working day
// counting back from now's own date.
func overdueSince(cal *calendar.Calendar, now time.Time, n int) time.Time {
	loc := cal.Location()
	d := now.In(loc)
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	for seen, i := 0, 0; i < 3700; i++ {
		if cal.IsWorkingDay(d) {
			if seen++; seen == n {
				return d
			}
		}
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// escalatePass applies one rule to its candidates, batch after batch.
func (s *Service) escalatePass(ctx context.Context, p pass, users []*minsheng.User) (int, error) {
	p.q.Limit = escalationBatch
	total := 0
	for range escalationBatches {
		cases, err := s.store.AlertCandidates(ctx, p.q)
		if err != nil {
			return total, err
		}
		applied := 0
		for _, c := range cases {
			al := minsheng.Alert{CaseID: c.ID, Kind: p.q.Kind, Reason: p.reason(c),
				Recipients: recipients(users, c, p.roles), Holds: p.holds}
			ok, err := s.store.ApplyAlert(ctx, al)
			if err != nil {
				return total, err
			}
			if ok {
				applied++
			}
		}
		total += applied
		if len(cases) < escalationBatch || applied == 0 || ctx.Err() != nil {
			break
		}
	}
	return total, ctx.Err()
}

// recipients are the active users of the given roles who answer for the
// case. Hotline-wide roles (supervisors) all answer for every case; a unit's
// role answers through the nearest unit above the case (or the case's own)
// that has someone in that role, so a street office's case reaches the
// street's handler, or the district's when the street has none.
func recipients(users []*minsheng.User, c *minsheng.Case, roles []minsheng.Role) []int64 {
	var out []int64
	for _, r := range roles {
		best, ids := -1, []int64(nil)
		for _, u := range users {
			if u.Disabled || u.Role != r {
				continue
			}
			if r.HotlineWide() {
				out = append(out, u.ID)
				continue
			}
			if u.OrgPath == "" || c.OrgPath == "" || len(u.OrgPath) > len(c.OrgPath) || c.OrgPath[:len(u.OrgPath)] != u.OrgPath {
				continue
			}
			switch {
			case len(u.OrgPath) > best:
				best, ids = len(u.OrgPath), []int64{u.ID}
			case len(u.OrgPath) == best:
				ids = append(ids, u.ID)
			}
		}
		out = append(out, ids...)
	}
	return out
}
