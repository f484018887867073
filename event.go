package minsheng

import (
	"encoding/json"
	"time"
	"unicode/utf8"
)

// Event is one entry of a case's timeline: who did what, when, from which state
// to which, and why. Events are append-only; a correction is a new event.
type Event struct {
	ID        int64           `json:"id"`
	CaseID    int64           `json:"case_id"`
	Action    string          `json:"action"`
	ActorID   int64           `json:"actor_id,omitempty"`
	ActorName string          `json:"actor_name,omitempty"`
	ActorRole Role            `json:"actor_role,omitempty"`
	OrgID     int64           `json:"org_id,omitempty"`
	At        time.Time       `json:"at"`
	From      Status          `json:"from,omitempty"`
	To        Status          `json:"to,omitempty"`
	Payload   json.RawMessage `json:"payload,omitempty"`
	// Public marks events a citizen may see on the tracking page (never
	// comments, supervision or internal review notes).
	Public bool `json:"public"`
}

// Category is a node of the three-level classification (大类/中类/小类) with a
// six-digit code in the style of GB/T 39666-2020.
type Category struct {
	ID       int64  `json:"id"`
	ParentID int64  `json:"parent_id,omitempty"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Level    int    `json:"level"`
	// OrgID is the default handling organisation from the responsibility list
	// (职责清单), 0 when none is set.
	OrgID    int64 `json:"org_id,omitempty"`
	Disabled bool  `json:"disabled"`
}

// Validate checks the fields an admin supplies.
func (c *Category) Validate() error {
	if err := checkTexts([2]string{"code", c.Code}, [2]string{"name", c.Name}); err != nil {
		return err
	}
	if len(c.Code) != 6 {
		return Invalid("code", "six digits")
	}
	for _, r := range c.Code {
		if r < '0' || r > '9' {
			return Invalid("code", "six digits")
		}
	}
	if c.Name == "" || len([]rune(c.Name)) > 60 {
		return Invalid("name", "1-60 characters")
	}
	if c.Level < 1 || c.Level > 3 {
		return Invalid("level", "1, 2 or 3")
	}
	if c.ParentID < 0 || (c.ID != 0 && c.ParentID == c.ID) {
		return Invalid("parent_id", "a category cannot be its own parent")
	}
	if c.OrgID < 0 {
		return Invalid("org_id", "no such organisation")
	}
	return nil
}

// DeadlineRule gives the handling time limit for a category (and its
// descendants) at an urgency: Days working days, or Hours working hours when
// Days is 0 (即时 rules).
type DeadlineRule struct {
	ID         int64   `json:"id"`
	CategoryID int64   `json:"category_id,omitempty"` // 0 = any category
	Urgency    Urgency `json:"urgency"`
	Days       int     `json:"days"`
	Hours      int     `json:"hours"`
}

// Validate checks the fields an admin supplies.
func (r *DeadlineRule) Validate() error {
	if r.CategoryID < 0 {
		return Invalid("category_id", "no such category")
	}
	if !r.Urgency.Valid() {
		return Invalid("urgency", "one of normal, urgent, immediate")
	}
	if r.Days < 0 || r.Days > 60 || r.Hours < 0 || r.Hours > 48 || (r.Days == 0 && r.Hours == 0) {
		return Invalid("days", "either 1-60 working days or 1-48 working hours")
	}
	return nil
}

// HolidayDay is one dated exception of the working calendar: an extra day off
// or a make-up working day (调休).
type HolidayDay struct {
	Date string `json:"date"` // YYYY-MM-DD
	Kind string `json:"kind"` // holiday | workday
	Name string `json:"name"`
}

// The kinds of a HolidayDay.
const (
	DayHoliday = "holiday"
	DayWorkday = "workday"
)

// Validate checks one day of the calendar an admin supplies; the caller checks
// that it lies in the year being set and is listed once.
func (d *HolidayDay) Validate() error {
	if err := checkTexts([2]string{"date", d.Date}, [2]string{"kind", d.Kind}, [2]string{"name", d.Name}); err != nil {
		return err
	}
	if t, err := time.Parse(time.DateOnly, d.Date); err != nil || t.Format(time.DateOnly) != d.Date {
		return Invalid("date", "a date written YYYY-MM-DD, got %q", d.Date)
	}
	if d.Kind != DayHoliday && d.Kind != DayWorkday {
		return Invalid("kind", "holiday or workday, got %q", d.Kind)
	}
	if utf8.RuneCountInString(d.Name) > 50 {
		return Invalid("name", "at most 50 characters")
	}
	return nil
}
