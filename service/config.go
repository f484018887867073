package service

import (
	"context"

	"minsheng"
)

// Categories returns the category tree (大类/中类/小类).
func (s *Service) Categories(ctx context.Context, u *minsheng.User) ([]minsheng.Category, error) {
	if err := allow(u, minsheng.OpCategoryRead); err != nil {
		return nil, err
	}
	return s.store.Categories(ctx)
}

// CategoryNames maps category ids to names for the tables and pages that
// show a case's category, from the store's cache (a change made on another
// node shows within the cache's lifetime).
func (s *Service) CategoryNames(ctx context.Context, u *minsheng.User) (map[int64]string, error) {
	if err := allow(u, minsheng.OpCategoryRead); err != nil {
		return nil, err
	}
	cats, err := s.store.CachedCategories(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(cats))
	for _, c := range cats {
		out[c.ID] = c.Name
	}
	return out, nil
}

// CategoryPatch changes some fields of a category; nil fields stay as they
// are. Creating takes the same shape, with code, name and level required.
type CategoryPatch struct {
	ParentID *int64  `json:"parent_id"`
	Code     *string `json:"code"`
	Name     *string `json:"name"`
	Level    *int    `json:"level"`
	OrgID    *int64  `json:"org_id"`
	Disabled *bool   `json:"disabled"`
}

// SaveCategory creates a category (id 0) or patches one.
func (s *Service) SaveCategory(ctx context.Context, u *minsheng.User, id int64, p CategoryPatch) (*minsheng.Category, error) {
	if err := allow(u, minsheng.OpCategoryWrite); err != nil {
		return nil, err
	}
	var c minsheng.Category
	if id != 0 {
		cats, err := s.store.Categories(ctx)
		if err != nil {
			return nil, err
		}
		found := false
		for _, x := range cats {
			if x.ID == id {
				c, found = x, true
			}
		}
		if !found {
			return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such category")
		}
	}
	set(&c.ParentID, p.ParentID)
	set(&c.Code, p.Code)
	set(&c.Name, p.Name)
	set(&c.Level, p.Level)
	set(&c.OrgID, p.OrgID)
	set(&c.Disabled, p.Disabled)
	if err := s.store.SaveCategory(ctx, &c); err != nil {
		return nil, err
	}
	s.audit(u, "save category", c.ID)
	return &c, nil
}

// DeadlineRules returns the handling time limits.
func (s *Service) DeadlineRules(ctx context.Context, u *minsheng.User) ([]minsheng.DeadlineRule, error) {
	if err := allow(u, minsheng.OpRuleRead); err != nil {
		return nil, err
	}
	return s.store.DeadlineRules(ctx)
}

// RulePatch changes some fields of a deadline rule; nil fields stay as they are.
type RulePatch struct {
	CategoryID *int64            `json:"category_id"`
	Urgency    *minsheng.Urgency `json:"urgency"`
	Days       *int              `json:"days"`
	Hours      *int              `json:"hours"`
}

// SaveDeadlineRule creates a rule (id 0) or patches one.
func (s *Service) SaveDeadlineRule(ctx context.Context, u *minsheng.User, id int64, p RulePatch) (*minsheng.DeadlineRule, error) {
	if err := allow(u, minsheng.OpRuleWrite); err != nil {
		return nil, err
	}
	var r minsheng.DeadlineRule
	if id != 0 {
		rules, err := s.store.DeadlineRules(ctx)
		if err != nil {
			return nil, err
		}
		found := false
		for _, x := range rules {
			if x.ID == id {
				r, found = x, true
			}
		}
		if !found {
			return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such deadline rule")
		}
	}
	set(&r.CategoryID, p.CategoryID)
	set(&r.Urgency, p.Urgency)
	set(&r.Days, p.Days)
	set(&r.Hours, p.Hours)
	if err := s.store.SaveDeadlineRule(ctx, &r); err != nil {
		return nil, err
	}
	s.audit(u, "save deadline rule", r.ID)
	return &r, nil
}

// Holidays returns the dated exceptions of the working calendar.
func (s *Service) Holidays(ctx context.Context, u *minsheng.User) ([]minsheng.HolidayDay, error) {
	if err := allow(u, minsheng.OpHolidayRead); err != nil {
		return nil, err
	}
	return s.store.Holidays(ctx)
}

// SetHolidays replaces one year's holidays and make-up working days. days
// must be given: nil is refused, so that a body of the wrong shape never
// empties a year; an empty list clears it on purpose.
func (s *Service) SetHolidays(ctx context.Context, u *minsheng.User, year int, days []minsheng.HolidayDay) ([]minsheng.HolidayDay, error) {
	if err := allow(u, minsheng.OpHolidayWrite); err != nil {
		return nil, err
	}
	if year < 2000 || year > 2100 {
		return nil, minsheng.Invalid("year", "a year between 2000 and 2100")
	}
	if days == nil {
		return nil, minsheng.Invalid("items", "required: the year's days as GET /holidays lists them ([] clears the year)")
	}
	if err := s.store.SetHolidays(ctx, year, days); err != nil {
		return nil, err
	}
	s.audit(u, "set holidays", int64(year))
	return days, nil
}
