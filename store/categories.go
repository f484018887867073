package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"minsheng"
	"minsheng/calendar"
	"minsheng/lifecycle"
)

// policyCache holds the deadline policy and the category tree it was built from.
type policyCache struct {
	pol  *lifecycle.Policy
	cats []minsheng.Category
	at   time.Time
}

// Policy returns the cached deadline policy (rules, categories, calendar).
func (s *Store) Policy(ctx context.Context) (*lifecycle.Policy, error) {
	pc, err := s.policyCache(ctx)
	if err != nil {
		return nil, err
	}
	return pc.pol, nil
}

func (s *Store) policyCache(ctx context.Context) (*policyCache, error) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.policy != nil && time.Since(s.policy.at) < cacheTTL {
		return s.policy, nil
	}
	cats, err := s.Categories(ctx)
	if err != nil {
		return nil, err
	}
	rules, err := s.DeadlineRules(ctx)
	if err != nil {
		return nil, err
	}
	days, err := s.Holidays(ctx)
	if err != nil {
		return nil, err
	}
	cd := make([]calendar.Day, len(days))
	for i, d := range days {
		cd[i] = calendar.Day{Date: d.Date, Kind: calendar.DayKind(d.Kind), Name: d.Name}
	}
	cal, err := calendar.New(CST, calendar.DefaultHours(), cd)
	if err != nil {
		return nil, fmt.Errorf("holiday calendar: %w", err)
	}
	pol := &lifecycle.Policy{Cal: cal, Rules: rules, Parent: map[int64]int64{}}
	for _, c := range cats {
		pol.Parent[c.ID] = c.ParentID
	}
	s.policy = &policyCache{pol: pol, cats: cats, at: time.Now()}
	return s.policy, nil
}

// categorySubtree returns the id of a category and all its descendants.
func (s *Store) categorySubtree(ctx context.Context, id int64) ([]int64, error) {
	pc, err := s.policyCache(ctx)
	if err != nil {
		return nil, err
	}
	out := []int64{id}
	for changed := true; changed; {
		changed = false
		for _, c := range pc.cats {
			if c.ParentID != 0 && contains(out, c.ParentID) && !contains(out, c.ID) {
				out, changed = append(out, c.ID), true
			}
		}
	}
	return out, nil
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Categories returns the whole category tree ordered by code.
func (s *Store) Categories(ctx context.Context) ([]minsheng.Category, error) {
	rows, err := s.rdb(ctx).rows("SELECT id, parent_id, code, name, level, org_id, disabled FROM categories ORDER BY code")
	if err != nil {
		return nil, fmt.Errorf("load categories: %w", err)
	}
	defer rows.Close()
	var out []minsheng.Category
	for rows.Next() {
		var c minsheng.Category
		var parent, org sql.NullInt64
		if err := rows.Scan(&c.ID, &parent, &c.Code, &c.Name, &c.Level, &org, &c.Disabled); err != nil {
			return nil, err
		}
		c.ParentID, c.OrgID = parent.Int64, org.Int64
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCategory creates (ID 0) or updates a category. Errors: EINVALID, ENOTFOUND.
func (s *Store) SaveCategory(ctx context.Context, c *minsheng.Category) error {
	if err := c.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var n int
		if err := b.row("SELECT COUNT(*) FROM categories WHERE code = ? AND id <> ?", c.Code, c.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return minsheng.Invalid("code", "code %s is already used", c.Code)
		}
		if c.ID == 0 {
			id, err := b.insert("INSERT INTO categories (parent_id, code, name, level, org_id, disabled) VALUES (?, ?, ?, ?, ?, ?)",
				nullID(c.ParentID), c.Code, c.Name, c.Level, nullID(c.OrgID), c.Disabled)
			c.ID = id
			return err
		}
		return b.updateOne("UPDATE categories SET parent_id = ?, code = ?, name = ?, level = ?, org_id = ?, disabled = ? WHERE id = ?",
			nullID(c.ParentID), c.Code, c.Name, c.Level, nullID(c.OrgID), c.Disabled, c.ID)
	})
	s.invalidate()
	if err != nil {
		return fmt.Errorf("save category %s: %w", c.Code, err)
	}
	return nil
}

// DeadlineRules returns every deadline rule.
func (s *Store) DeadlineRules(ctx context.Context) ([]minsheng.DeadlineRule, error) {
	rows, err := s.rdb(ctx).rows("SELECT id, category_id, urgency, days, hours FROM deadline_rules ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("load deadline rules: %w", err)
	}
	defer rows.Close()
	var out []minsheng.DeadlineRule
	for rows.Next() {
		var r minsheng.DeadlineRule
		var cat sql.NullInt64
		if err := rows.Scan(&r.ID, &cat, &r.Urgency, &r.Days, &r.Hours); err != nil {
			return nil, err
		}
		r.CategoryID = cat.Int64
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveDeadlineRule creates (ID 0) or updates a rule. Errors: EINVALID, ENOTFOUND.
func (s *Store) SaveDeadlineRule(ctx context.Context, r *minsheng.DeadlineRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if r.ID == 0 {
			id, err := b.insert("INSERT INTO deadline_rules (category_id, urgency, days, hours) VALUES (?, ?, ?, ?)",
				nullID(r.CategoryID), r.Urgency, r.Days, r.Hours)
			r.ID = id
			return err
		}
		return b.updateOne("UPDATE deadline_rules SET category_id = ?, urgency = ?, days = ?, hours = ? WHERE id = ?",
			nullID(r.CategoryID), r.Urgency, r.Days, r.Hours, r.ID)
	})
	s.invalidate()
	if err != nil {
		return fmt.Errorf("save deadline rule: %w", err)
	}
	return nil
}

// Holidays returns the calendar's dated exceptions.
func (s *Store) Holidays(ctx context.Context) ([]minsheng.HolidayDay, error) {
	rows, err := s.rdb(ctx).rows("SELECT date, kind, name FROM holidays ORDER BY date")
	if err != nil {
		return nil, fmt.Errorf("load holidays: %w", err)
	}
	defer rows.Close()
	var out []minsheng.HolidayDay
	for rows.Next() {
		var d minsheng.HolidayDay
		if err := rows.Scan(&d.Date, &d.Kind, &d.Name); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SetHolidays replaces the days of one year with the given list, after
// checking that the whole calendar is valid. Errors: EINVALID.
func (s *Store) SetHolidays(ctx context.Context, year int, days []minsheng.HolidayDay) error {
	cd := make([]calendar.Day, len(days))
	prefix := fmt.Sprintf("%04d-", year)
	for i, d := range days {
		if len(d.Date) != 10 || d.Date[:5] != prefix {
			return minsheng.Invalid("days", "date %q is not in %d", d.Date, year)
		}
		cd[i] = calendar.Day{Date: d.Date, Kind: calendar.DayKind(d.Kind), Name: d.Name}
	}
	if _, err := calendar.New(CST, calendar.DefaultHours(), cd); err != nil {
		return minsheng.Invalid("days", "%v", err)
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		lo, hi := prefixRange(prefix)
		if _, err := b.exec("DELETE FROM holidays WHERE date >= ? AND date < ?", lo, hi); err != nil {
			return err
		}
		for _, d := range days {
			if _, err := b.exec("INSERT INTO holidays (date, kind, name) VALUES (?, ?, ?)", d.Date, d.Kind, d.Name); err != nil {
				return err
			}
		}
		return nil
	})
	s.invalidate()
	if err != nil {
		return fmt.Errorf("set holidays of %d: %w", year, err)
	}
	return nil
}
