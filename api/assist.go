package api

import (
	"context"
	"net/http"
	"time"

	"minsheng"
	"minsheng/assist"
	"minsheng/lifecycle"
	"minsheng/store"
	"minsheng/textmine/quality"
)

// Assistant is the text intelligence the API shows to screeners; nil turns it off.
type Assistant interface {
	Suggest(c *minsheng.Case, orgs *store.OrgTree) assist.Suggestions
	Duplicates(c *minsheng.Case, k int) []assist.Duplicate
	Observe(c *minsheng.Case)
	Forget(id int64)
	SearchArticles(q string, limit int) []*minsheng.Article
	ReloadArticles(ctx context.Context) error
}

var _ Assistant = (*assist.Assistant)(nil)

// duplicateJSON is a possible duplicate with enough to judge it at a glance.
type duplicateJSON struct {
	caseRef
	Score     float64 `json:"score"`
	SamePlace bool    `json:"same_place"`
}

// assistance computes suggestions and possible duplicates for a case.
func (s *Server) assistance(ctx context.Context, c *minsheng.Case, orgs *store.OrgTree) (*assist.Suggestions, []duplicateJSON, error) {
	if s.assist == nil {
		return nil, nil, nil
	}
	sug := s.assist.Suggest(c, orgs)
	dups := s.assist.Duplicates(c, 5)
	out := []duplicateJSON{}
	if len(dups) > 0 {
		ids := make([]int64, len(dups))
		for i, d := range dups {
			ids[i] = d.ID
		}
		found, err := s.store.CasesByID(ctx, ids)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range dups {
			if x := found[d.ID]; x != nil && x.Status != minsheng.StatusMerged {
				out = append(out, duplicateJSON{caseRef: caseRef{ID: x.ID, Number: x.Number, Title: x.Title, Status: x.Status,
					CreatedAt: x.CreatedAt}, Score: d.Score, SamePlace: d.SamePlace})
			}
		}
	}
	return &sug, out, nil
}

// replyQuality scores the current reply for the reviewer.
func replyQuality(c *minsheng.Case) *quality.Score {
	if c.Reply == "" || c.RepliedAt == nil {
		return nil
	}
	q := quality.Assess(quality.Input{Request: c.Title + "\n" + c.Content, Reply: c.Reply,
		ReceivedAt: c.CreatedAt, RepliedAt: *c.RepliedAt, DueAt: c.DueAt})
	return &q
}

// shown records what the suggestions offered when a dispatcher dispatches.
func (s *Server) shown(ctx context.Context, id int64, u *minsheng.User) *lifecycle.Shown {
	if s.assist == nil {
		return nil
	}
	c, err := s.store.Case(ctx, id)
	if err != nil || !inScope(c, u) {
		return nil
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil
	}
	sug := s.assist.Suggest(c, orgs)
	sh := &lifecycle.Shown{}
	for _, x := range sug.Orgs {
		sh.Orgs = append(sh.Orgs, x.ID)
	}
	for _, x := range sug.Categories {
		sh.Categories = append(sh.Categories, x.ID)
	}
	return sh
}

// repeatWindow is how long a second call about the same problem counts as a repeat.
const repeatWindow = 30 * 24 * time.Hour

// markRepeats flags same-caller cases about the same problem within the window.
func markRepeats(c *minsheng.Case, same []*minsheng.Case, refs []caseRef) {
	for i, x := range same {
		gap := c.CreatedAt.Sub(x.CreatedAt)
		if gap < 0 {
			gap = -gap
		}
		if gap <= repeatWindow && assist.Similarity(c.Title+c.Content, x.Title+x.Content) >= 0.25 {
			refs[i].Relation = "repeat"
		}
	}
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request, _ *minsheng.User) {
	q := r.URL.Query().Get("q")
	if q != "" && s.assist != nil {
		writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(s.assist.SearchArticles(q, 50))})
		return
	}
	arts, err := s.store.Articles(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(arts)})
}

func nonNil(a []*minsheng.Article) []*minsheng.Article {
	if a == nil {
		return []*minsheng.Article{}
	}
	return a
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request, _ *minsheng.User) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) createArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	s.saveArticle(w, r, u, 0)
}

func (s *Server) updateArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.saveArticle(w, r, u, id)
}

func (s *Server) saveArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User, id int64) {
	var a minsheng.Article
	if err := adminDecode(w, r, u, &a); err != nil {
		s.fail(w, r, err)
		return
	}
	a.ID, a.Uses = id, 0
	if err := s.store.SaveArticle(r.Context(), &a); err != nil {
		s.fail(w, r, err)
		return
	}
	if s.assist != nil {
		if err := s.assist.ReloadArticles(r.Context()); err != nil {
			s.log.Warn("reload articles", "err", err)
		}
	}
	saved, err := s.store.Article(r.Context(), a.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, statusFor(id), saved)
}
