package api

import (
	"context"
	"net/http"
	"sync"
	"time"

	"minsheng"
	"minsheng/assist"
	"minsheng/lifecycle"
	"minsheng/textmine/quality"
)

// Assistant is the text intelligence the API shows to screeners; nil turns it off.
type Assistant interface {
	Suggest(c *minsheng.Case, orgs *minsheng.OrgTree) assist.Suggestions
	Duplicates(c *minsheng.Case, k int) []assist.Duplicate
	Screen(c *minsheng.Case, orgs *minsheng.OrgTree, k int) *assist.Screening
	Admit(sc *assist.Screening, id int64)
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

// assistance computes suggestions and possible duplicates for a stored case.
func (s *Server) assistance(ctx context.Context, c *minsheng.Case, orgs *minsheng.OrgTree) (*assist.Suggestions, []duplicateJSON, error) {
	if s.assist == nil {
		return nil, nil, nil
	}
	sug := s.assist.Suggest(c, orgs)
	dups, err := s.duplicateViews(ctx, s.assist.Duplicates(c, 5))
	return &sug, dups, err
}

// duplicateViews adds number, title and status to duplicates, leaving out
// those merged away since they were indexed.
func (s *Server) duplicateViews(ctx context.Context, dups []assist.Duplicate) ([]duplicateJSON, error) {
	out := []duplicateJSON{}
	if len(dups) == 0 {
		return out, nil
	}
	found, err := s.heads.get(ctx, s.store, dups)
	if err != nil {
		return nil, err
	}
	for _, d := range dups {
		if x := found[d.ID]; x != nil && x.Status != minsheng.StatusMerged {
			out = append(out, duplicateJSON{caseRef: caseRef{ID: x.ID, Number: x.Number, Title: x.Title, Status: x.Status,
				CreatedAt: x.CreatedAt}, Score: d.Score, SamePlace: d.SamePlace})
		}
	}
	return out, nil
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

// headCache keeps the number, title and status of cases recently shown as
// possible duplicates for a few seconds: reports of one incident arrive in
// bursts and point at the same few earlier cases.
type headCache struct {
	mu sync.Mutex
	m  map[int64]cachedHead
}

type cachedHead struct {
	c  *minsheng.Case
	at time.Time
}

// headTTL bounds how stale a duplicate's status may be in an intake answer.
const headTTL = 5 * time.Second

func (hc *headCache) get(ctx context.Context, st Store, dups []assist.Duplicate) (map[int64]*minsheng.Case, error) {
	now := time.Now()
	out := make(map[int64]*minsheng.Case, len(dups))
	var missing []int64
	hc.mu.Lock()
	for _, d := range dups {
		if h, ok := hc.m[d.ID]; ok && now.Sub(h.at) < headTTL {
			out[d.ID] = h.c
		} else {
			missing = append(missing, d.ID)
		}
	}
	hc.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	found, err := st.CaseHeads(ctx, missing)
	if err != nil {
		return nil, err
	}
	hc.mu.Lock()
	defer hc.mu.Unlock()
	if hc.m == nil || len(hc.m) > 20000 {
		hc.m = map[int64]cachedHead{}
	}
	for id, c := range found {
		hc.m[id] = cachedHead{c, now}
		out[id] = c
	}
	return out, nil
}
