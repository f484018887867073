package web

import (
	"net/http"
	"net/url"

	"minsheng"
	"minsheng/service"
)

// queuePage is one queue as a table, sorted by a column header and paged
// by cursor.
type queuePage struct {
	Base
	caseTable
	Queue minsheng.Queue
	Sorts []minsheng.Sort
}

// caseTable is a page of cases as the "caseTable" template shows them.
type caseTable struct {
	Rows  []caseRow
	Total int
	// Sortable pages have column headers that sort; Sort is the order shown.
	Sortable bool
	Sort     minsheng.Sort
	// Next is the URL of the next page, "" on the last; First goes back to
	// the start once the user has paged.
	Next, First string
	// NoteHead, when set, heads a column saying why each case is in the
	// queue (a return's reason, an extension request); RowForms adds the
	// decision a row can take in place.
	NoteHead string
	RowForm  string
}

// fill puts one page of cases into the table, with category names and the
// link to the next page (base plus the cursor).
func (t *caseTable) fill(page *service.Page[service.CaseView], names map[int64]string, base, cursor string) {
	if page.Total != nil {
		t.Total = *page.Total
	}
	for _, c := range page.Items {
		t.Rows = append(t.Rows, caseRow{CaseView: c, Category: names[c.CategoryID]})
	}
	if page.NextCursor != "" {
		t.Next = base + "&cursor=" + url.QueryEscape(page.NextCursor)
	}
	if cursor != "" {
		t.First = base
	}
}

// caseRow is a case as a table row.
type caseRow struct {
	service.CaseView
	Category string
	Note     *rowNote
}

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := minsheng.Queue(r.PathValue("queue"))
	b, err := s.staffBase(w, r, u, "")
	if err != nil {
		return err
	}
	sort := minsheng.Sort(r.URL.Query().Get("sort"))
	if !sort.Valid() || sort == "" {
		sort = q.DefaultSort()
	}
	cursor := r.URL.Query().Get("cursor")
	// The total is the queue's badge, counted for the left column already.
	page, err := s.svc.Queue(r.Context(), u, q, service.QueuePage{Sort: sort, Cursor: cursor, Limit: 50, NoTotal: true})
	if err != nil {
		return err
	}
	for _, c := range b.Queues {
		if c.Queue == q {
			page.Total = &c.Count
		}
	}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return err
	}
	b.Title, b.Current = b.QueueName(q), q
	p := &queuePage{Base: b, Queue: q, Sorts: minsheng.Sorts, caseTable: caseTable{Sortable: true, Sort: sort}}
	p.fill(page, names, "/w/queues/"+url.PathEscape(string(q))+"?sort="+url.QueryEscape(string(sort)), cursor)
	if err := s.addNotes(r, u, q, p); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "queue", p)
	return nil
}

// categoryNames maps category ids to names for the table's column.
func (s *Server) categoryNames(r *http.Request, u *minsheng.User) (map[int64]string, error) {
	return s.svc.CategoryNames(r.Context(), u)
}
