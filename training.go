package minsheng

import "time"

// Labeled is a case the dispatchers (or intake) put in a category, with the
// organisation the hotline first dispatched it to (0 if not yet): what the
// assistant learns routing from.
type Labeled struct {
	ID         int64
	Text       string
	CategoryID int64
	OrgID      int64
}

// DupeDoc is what duplicate detection keeps of a case.
type DupeDoc struct {
	ID      int64
	Text    string
	Address string
	At      time.Time
}
