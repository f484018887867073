package minsheng

import "time"

// CaseFilter selects cases for lists and search. Zero fields do not filter.
type CaseFilter struct {
	Status     []Status
	Track      Track
	OrgID      int64 // the organisation's whole subtree
	CategoryID int64 // the category and its descendants
	Channel    Channel
	Overdue    bool
	Supervised bool
	From, To   time.Time // created range, To exclusive
	Phone      string    // the citizen's phone, normalised before matching
	Query      string    // Chinese full-text search
	// Scope limits a unit user to their subtree; hotline-wide roles leave it zero.
	Scope *Actor
	// After is the cursor: only cases with a smaller id (newest first).
	After int64
	Limit int
}

// MaxPage is the largest page a list returns.
const MaxPage = 200
