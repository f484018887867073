package minsheng

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CaseFilter selects cases for lists, search and queues. Zero fields do not filter.
type CaseFilter struct {
	Status     []Status
	Track      Track
	OrgID      int64 // the organisation's whole subtree
	CategoryID int64 // the category and its descendants
	Channel    Channel
	Overdue    bool
	Supervised bool
	// ReturnedOnly keeps cases a unit has given back at least once (退单).
	ReturnedOnly bool
	// ExtensionPending keeps cases whose extension request waits for a decision.
	ExtensionPending bool
	// RepeatOnly keeps repeat calls: the caller brought a similar problem
	// within RepeatWindow before (the supervision board's 重复来电).
	RepeatOnly bool
	// DueAfter (inclusive) and DueBefore (exclusive) bound the deadline; a
	// case without a deadline never matches either.
	DueAfter, DueBefore time.Time
	// CreatedBy keeps cases recorded by this user (an agent's or field
	// worker's own intake).
	CreatedBy int64
	From, To  time.Time // created range, To exclusive
	Phone     string    // the citizen's phone, normalised before matching
	Query     string    // Chinese full-text search; newest first only
	// Scope limits a unit user to their subtree; hotline-wide roles leave it zero.
	Scope *Actor
	// Sort orders the list; zero is SortReceived.
	Sort Sort
	// Cursor is the opaque position returned with the previous page; the
	// next page starts after it in the same sort.
	Cursor string
	// After is the older cursor of the received sort: only cases with a
	// smaller id. Kept for callers that page by id; Cursor supersedes it.
	After int64
	Limit int
}

// MaxPage is the largest page a list returns.
const MaxPage = 200

// Sort is the order of a case list.
type Sort string

// The orders a list can take. Every order ends on the case id, so that cases
// with equal keys still have one fixed place and pages neither skip nor repeat.
const (
	// SortReceived is newest first (by id, which grows with receipt).
	SortReceived Sort = "received"
	// SortDue is the soonest deadline first. Intake gives every case a
	// deadline; one stored without (zero) would sort first.
	SortDue Sort = "due"
	// SortUrgency is immediate, then urgent, then normal, each soonest due first.
	SortUrgency Sort = "urgency"
)

// Sorts lists every order.
var Sorts = []Sort{SortReceived, SortDue, SortUrgency}

// Valid reports whether s is a known order; zero counts as SortReceived.
func (s Sort) Valid() bool {
	return s == "" || s == SortReceived || s == SortDue || s == SortUrgency
}

// UrgencyRank places an urgency in SortUrgency: immediate 0, urgent 1,
// normal (and anything unknown) 2.
func UrgencyRank(u Urgency) int {
	switch u {
	case UrgencyImmediate:
		return 0
	case UrgencyUrgent:
		return 1
	}
	return 2
}

// Validate checks the combinations a store cannot serve. An empty due
// window is not an error: narrowing a queue with WithDue may leave nothing.
func (f *CaseFilter) Validate() error {
	if !f.Sort.Valid() {
		return Invalid("sort", "one of received, due, urgency")
	}
	if f.Query != "" && f.Sort != "" && f.Sort != SortReceived {
		return Invalid("sort", "full-text search lists newest first only; leave sort out or use received")
	}
	return nil
}

// CursorAfter is the opaque cursor that continues a list in order s after
// case c (the last of a page): the case's sort keys, base64-encoded so that
// clients pass it back unchanged and never build one.
func (s Sort) CursorAfter(c *Case) string {
	var due int64
	if !c.DueAt.IsZero() {
		due = c.DueAt.UnixMilli()
	}
	var raw string
	switch s {
	case SortDue:
		raw = fmt.Sprintf("due:%d:%d", due, c.ID)
	case SortUrgency:
		raw = fmt.Sprintf("urgency:%d:%d:%d", UrgencyRank(c.Urgency), due, c.ID)
	default:
		raw = fmt.Sprintf("received:%d", c.ID)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// CursorKeys decodes a cursor of order s into its sort keys, in order: the id
// for SortReceived; due time in ms and id for SortDue; urgency rank, due time
// and id for SortUrgency. A cursor of another order, or not made by
// CursorAfter, is EINVALID.
func (s Sort) CursorKeys(cursor string) ([]int64, error) {
	if s == "" {
		s = SortReceived
	}
	bad := Invalid("cursor", "not a cursor of this list; start again without one")
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return nil, bad
	}
	parts := strings.Split(string(raw), ":")
	want := map[Sort]int{SortReceived: 1, SortDue: 2, SortUrgency: 3}[s]
	if len(parts) != want+1 || parts[0] != string(s) {
		return nil, bad
	}
	keys := make([]int64, want)
	for i, p := range parts[1:] {
		if keys[i], err = strconv.ParseInt(p, 10, 64); err != nil {
			return nil, bad
		}
	}
	return keys, nil
}

// CasePage is one page of a list: its cases, how many match the filter in
// all, and the cursor of the next page ("" on the last one).
type CasePage struct {
	Cases []*Case `json:"cases"`
	Total int     `json:"total"`
	Next  string  `json:"next_cursor,omitempty"`
}

// WithDue narrows the filter's deadline bounds to [after, before), keeping
// the tighter of each bound, so that a user's due_before/due_after can refine
// a queue (due soon, overdue) without widening it. Zero bounds are ignored.
func (f CaseFilter) WithDue(after, before time.Time) CaseFilter {
	if !after.IsZero() && (f.DueAfter.IsZero() || after.After(f.DueAfter)) {
		f.DueAfter = after
	}
	if !before.IsZero() && (f.DueBefore.IsZero() || before.Before(f.DueBefore)) {
		f.DueBefore = before
	}
	return f
}
