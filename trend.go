package minsheng

import "time"

// TrendCase is what hotspot and surge analysis read of a case: its text and
// place for grouping, its category and handling organisation for counting.
type TrendCase struct {
	ID         int64
	Title      string
	Content    string
	Address    string
	Phone      string // normalised, to count distinct citizens
	CategoryID int64
	OrgPath    string
	CreatedAt  time.Time
}

// Surge is a rise the detector raised: a category in an area (a district
// organisation, 0 for the whole city) rising well above its baseline from
// From to Day (Asia/Shanghai days, YYYY-MM-DD).
type Surge struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	CategoryID int64     `json:"category_id"`
	AreaID     int64     `json:"area_id"`
	Day        string    `json:"day"`
	From       string    `json:"from"`
	Observed   float64   `json:"observed"`
	Expected   float64   `json:"expected"`
	Score      float64   `json:"score"`
	CreatedAt  time.Time `json:"created_at"`
}

// SurgeTeller says who must be told of a newly raised surge alert. The
// store calls it inside the transaction that saves the alert, once per
// alert that was not raised before, so the alert and the news of it commit
// together or not at all. It may be called again for the same alert (a
// write batch that is retried), so it only computes.
type SurgeTeller func(a Surge) ([]Notification, error)
