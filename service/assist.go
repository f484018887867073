package service

import (
	"context"

	"minsheng"
	"minsheng/assist"
	"minsheng/lifecycle"
)

// screening is the assistant's look at a new request, running while the
// request is stored so that its work overlaps the commit wait.
type screening struct {
	done chan struct{}
	scr  *assist.Screening
}

// result waits for the screening; it is nil without an assistant.
func (p *screening) result() *assist.Screening {
	<-p.done
	return p.scr
}

func (s *Service) screen(ctx context.Context, c *minsheng.Case) *screening {
	p := &screening{done: make(chan struct{})}
	orgs, err := s.store.Orgs(ctx)
	if s.assist == nil || err != nil {
		close(p.done)
		return p
	}
	probe := *c
	probe.CreatedAt = s.Now()
	go func() {
		defer close(p.done)
		p.scr = s.assist.Screen(&probe, orgs, 5)
	}()
	return p
}

// assistance computes suggestions and possible duplicates for a stored case.
func (s *Service) assistance(ctx context.Context, c *minsheng.Case, orgs *minsheng.OrgTree) (*assist.Suggestions, []Duplicate, error) {
	if s.assist == nil {
		return nil, nil, nil
	}
	sug := s.assist.Suggest(c, orgs)
	dups, err := s.duplicateViews(ctx, s.assist.Duplicates(c, 5))
	return &sug, dups, err
}

// duplicateViews adds number, title and status to duplicates, leaving out
// those merged away since they were indexed.
func (s *Service) duplicateViews(ctx context.Context, dups []assist.Duplicate) ([]Duplicate, error) {
	out := []Duplicate{}
	if len(dups) == 0 {
		return out, nil
	}
	found, err := s.heads.get(ctx, s.store, dups, s.Now())
	if err != nil {
		return nil, err
	}
	for _, d := range dups {
		if x := found[d.ID]; x != nil && x.Status != minsheng.StatusMerged {
			out = append(out, Duplicate{Ref: refOf(x, ""), Score: d.Score, SamePlace: d.SamePlace})
		}
	}
	return out, nil
}

// shown records what the suggestions offered when a dispatcher dispatches,
// so the dispatch event says whether a suggestion was taken.
func (s *Service) shown(ctx context.Context, c *minsheng.Case) *lifecycle.Shown {
	if s.assist == nil {
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

// isRepeat reports whether two cases of the same caller are about the same
// problem within the repeat window (重复诉求): the domain's rule, which the
// KPIs count at intake too.
func isRepeat(a, b *minsheng.Case) bool {
	gap := a.CreatedAt.Sub(b.CreatedAt)
	if gap < 0 {
		gap = -gap
	}
	return gap <= minsheng.RepeatWindow && assist.Similarity(a.Title+a.Content, b.Title+b.Content) >= minsheng.RepeatSimilarity
}

// markRepeats flags same-caller cases about the same problem within the window.
func markRepeats(c *minsheng.Case, same []*minsheng.Case, refs []Ref) {
	for i, x := range same {
		if isRepeat(c, x) {
			refs[i].Relation = "repeat"
		}
	}
}
