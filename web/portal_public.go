package web

import (
	"net/http"
	"time"

	"minsheng"
)

// publicAnswersPage is the portal's 公开答复: the answered cases the hotline
// chose to publish, batch by batch, with no personal data.
type publicAnswersPage struct {
	Base
	Batches []publicBatch
}

// publicBatch is one published batch on the portal.
type publicBatch struct {
	ID          int64
	PublishedAt time.Time
	Items       []minsheng.FeedbackItem
}

// Day formats a time as a Beijing date.
func (p *publicAnswersPage) Day(t time.Time) string { return t.In(cst).Format(time.DateOnly) }

func (s *Server) publicAnswers(w http.ResponseWriter, r *http.Request) {
	b := s.base(w, r, "portal.public.title")
	items, err := s.svc.PublicAnswers(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &publicAnswersPage{Base: b}
	for _, it := range items {
		if n := len(p.Batches); n == 0 || p.Batches[n-1].ID != it.BatchID {
			p.Batches = append(p.Batches, publicBatch{ID: it.BatchID, PublishedAt: it.PublishedAt})
		}
		last := &p.Batches[len(p.Batches)-1]
		last.Items = append(last.Items, it)
	}
	s.render(w, r, http.StatusOK, "portal_public", p)
}
