package httpx

import (
	"net/http"

	"minsheng"
)

// CaseFilter reads a case list's filters from the query string, with the
// names the API documents (q, status, track, org_id, category_id, channel,
// overdue, supervised, created_from, created_to, citizen_phone, sort,
// due_after, due_before, cursor, limit). The API's list and export and the
// web's search page read them here, so one query means the same on each.
func CaseFilter(r *http.Request) (minsheng.CaseFilter, error) {
	q := NewQuery(r)
	f := minsheng.CaseFilter{Query: q.String("q", 100), Phone: q.String("citizen_phone", 40),
		Track: minsheng.Track(q.String("track", 20)), Channel: minsheng.Channel(q.String("channel", 20)),
		OrgID: q.ID("org_id"), CategoryID: q.ID("category_id"), Cursor: q.String("cursor", 200),
		Sort: minsheng.Sort(q.String("sort", 20)), DueAfter: q.Time("due_after"), DueBefore: q.Time("due_before"),
		Overdue: q.Bool("overdue"), Supervised: q.Bool("supervised"),
		From: q.Time("created_from"), To: q.Time("created_to"), Limit: q.Int("limit", 1, minsheng.MaxPage, 0)}
	for _, st := range q.List("status") {
		f.Status = append(f.Status, minsheng.Status(st))
	}
	if err := q.Err(); err != nil {
		return f, err
	}
	for _, st := range f.Status {
		if !st.Valid() {
			return f, minsheng.Invalid("status", "unknown status %q", st)
		}
	}
	if f.Track != "" && !f.Track.Valid() {
		return f, minsheng.Invalid("track", "unknown track %q", f.Track)
	}
	if f.Channel != "" && !f.Channel.Valid() {
		return f, minsheng.Invalid("channel", "unknown channel %q", f.Channel)
	}
	return f, nil
}
