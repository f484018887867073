package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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

// CachedCategories returns the categories as the deadline policy holds
// them: loaded at most cacheTTL ago, and again after a change on this node.
// Pages that only name a case's category use it instead of reading the
// table on every request. Callers must not modify the slice.
func (s *Store) CachedCategories(ctx context.Context) ([]minsheng.Category, error) {
	pc, err := s.policyCache(ctx)
	if err != nil {
		return nil, err
	}
	return pc.cats, nil
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

// SaveCategory creates (ID 0) or updates a category, keeping the tree a tree:
// the parent exists and is neither the category nor one of its descendants,
// the level is the parent's plus one (1 at the top), and children still fit
// under a category whose level changes. Errors: EINVALID, ENOTFOUND.
func (s *Store) SaveCategory(ctx context.Context, c *minsheng.Category) error {
	if err := c.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if c.ID != 0 {
			if err := categoryExists(b, c.ID, "id"); err != nil {
				if minsheng.ErrorCode(err) == minsheng.EINVALID {
					return fmt.Errorf("category %d: %w", c.ID, minsheng.ErrNotFound)
				}
				return err
			}
		}
		var n int
		if err := b.row("SELECT COUNT(*) FROM categories WHERE code = ? AND id <> ?", c.Code, c.ID).Scan(&n); err != nil {
			return fmt.Errorf("check code: %w", err)
		}
		if n > 0 {
			return minsheng.Invalid("code", "code %s is already used", c.Code)
		}
		if err := checkCategoryPlace(b, c); err != nil {
			return err
		}
		if c.OrgID != 0 {
			if err := orgExists(b, c.OrgID, "org_id"); err != nil {
				return err
			}
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
		err = invalidRef(invalidRef(err, "parent_id", "category"), "org_id", "organisation")
		return fmt.Errorf("save category %s: %w", c.Code, err)
	}
	return nil
}

// checkCategoryPlace checks where a category goes in the tree: its parent
// exists and is not itself or below it, its level is one under the parent,
// and its children's levels are one under its own.
func checkCategoryPlace(b db, c *minsheng.Category) error {
	parentLevel := 0
	if c.ParentID != 0 {
		err := b.row("SELECT level FROM categories WHERE id = ?", c.ParentID).Scan(&parentLevel)
		if errors.Is(err, sql.ErrNoRows) {
			return minsheng.Invalid("parent_id", "no such category")
		}
		if err != nil {
			return fmt.Errorf("load parent category: %w", err)
		}
		if c.ID != 0 {
			// Walk up from the new parent: meeting c means c would sit
			// below itself. The bound guards against a cycle already stored.
			for id, depth := c.ParentID, 0; id != 0; depth++ {
				if id == c.ID {
					return minsheng.Invalid("parent_id", "category %d is below this category; a category cannot be under itself", c.ParentID)
				}
				if depth > 100 {
					return fmt.Errorf("category tree has a cycle above %d", c.ParentID)
				}
				var up sql.NullInt64
				if err := b.row("SELECT parent_id FROM categories WHERE id = ?", id).Scan(&up); err != nil {
					return fmt.Errorf("walk category tree: %w", err)
				}
				id = up.Int64
			}
		}
	}
	if c.Level != parentLevel+1 {
		if c.ParentID == 0 {
			return minsheng.Invalid("level", "a category without a parent is at level 1")
		}
		return minsheng.Invalid("level", "must be %d, one below its parent's level %d", parentLevel+1, parentLevel)
	}
	if c.ID != 0 {
		var misfits int
		if err := b.row("SELECT COUNT(*) FROM categories WHERE parent_id = ? AND level <> ?", c.ID, c.Level+1).Scan(&misfits); err != nil {
			return fmt.Errorf("check child categories: %w", err)
		}
		if misfits > 0 {
			return minsheng.Invalid("level", "%d child categories would no longer be one level below; move them first", misfits)
		}
	}
	return nil
}

// categoryExists checks a category reference inside or outside a write,
// answering EINVALID naming field when there is no such category.
func categoryExists(b db, id int64, field string) error {
	var one int
	err := b.row("SELECT 1 FROM categories WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return minsheng.Invalid(field, "no such category")
	}
	if err != nil {
		return fmt.Errorf("check category %d: %w", id, err)
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
		if r.CategoryID != 0 {
			if err := categoryExists(b, r.CategoryID, "category_id"); err != nil {
				return err
			}
		}
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
		return fmt.Errorf("save deadline rule: %w", invalidRef(err, "category_id", "category"))
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

// SetHolidays replaces the days of one year with the given list; an empty
// list clears the year (the API makes sure that is what the caller sent).
// Every day must be a real date of that year, of kind holiday or workday,
// listed once. Errors: EINVALID naming the item, as "items[3].date".
func (s *Store) SetHolidays(ctx context.Context, year int, days []minsheng.HolidayDay) error {
	if year < 1 || year > 9999 {
		return minsheng.Invalid("year", "a year between 1 and 9999")
	}
	prefix := fmt.Sprintf("%04d-", year)
	seen := make(map[string]int, len(days))
	cd := make([]calendar.Day, len(days))
	for i, d := range days {
		if err := d.Validate(); err != nil {
			return itemError(i, err)
		}
		if d.Date[:5] != prefix {
			return minsheng.Invalid(fmt.Sprintf("items[%d].date", i), "%s is not in %d", d.Date, year)
		}
		if j, dup := seen[d.Date]; dup {
			return minsheng.Invalid(fmt.Sprintf("items[%d].date", i), "%s is already listed as items[%d]", d.Date, j)
		}
		seen[d.Date] = i
		cd[i] = calendar.Day{Date: d.Date, Kind: calendar.DayKind(d.Kind), Name: d.Name}
	}
	if _, err := calendar.New(CST, calendar.DefaultHours(), cd); err != nil {
		var de *calendar.DateError
		if errors.As(err, &de) {
			return minsheng.Invalid(fmt.Sprintf("items[%d].date", de.Index), "%v", de.Err)
		}
		return minsheng.Invalid("items", "%v", err)
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

// itemError puts an EINVALID of one list item under the item's field name,
// items[i].field, so that a form can point at the row.
func itemError(i int, err error) error {
	var e *minsheng.Error
	if errors.As(err, &e) && e.Code == minsheng.EINVALID {
		field := fmt.Sprintf("items[%d].%s", i, e.Field)
		msg := strings.TrimPrefix(e.Message, e.Field+": ")
		return minsheng.Invalid(field, "%s", msg)
	}
	return err
}
