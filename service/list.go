package service

import (
	"context"
	"slices"
	"strconv"
	"time"

	"minsheng"
)

// DefaultPage is the page size when a list asks for none.
const DefaultPage = 50

// ListCases returns one page of the cases the user may read that match the
// filter. Finding cases by phone number is for roles that call citizens
// back, and throttled per user, so that a masked number cannot be recovered
// by trying numbers.
func (s *Service) ListCases(ctx context.Context, u *minsheng.User, f minsheng.CaseFilter) (*Page[CaseView], error) {
	if err := s.searchable(u, f); err != nil {
		return nil, err
	}
	f.Scope = scopeFilter(u)
	return s.page(ctx, u, f)
}

// searchable checks that the user may run the search: read cases, and look
// them up by phone number only in a role that calls citizens back, within
// the per-user throttle.
func (s *Service) searchable(u *minsheng.User, f minsheng.CaseFilter) error {
	if err := allow(u, minsheng.OpCaseRead); err != nil {
		return err
	}
	if f.Phone != "" {
		if err := allow(u, minsheng.OpPersonalData); err != nil {
			return minsheng.Errorf(minsheng.EFORBIDDEN, "role %s may not look cases up by phone number", u.Role)
		}
		key, now := strconv.FormatInt(u.ID, 10), s.Now()
		if ok, wait := s.phones.Allow(key, now); !ok {
			return RetryAfter(wait, minsheng.Errorf(minsheng.ERATELIMIT, "too many phone-number lookups; try again later"))
		}
		s.phones.Fail(key, now) // every lookup counts, found or not
	}
	return nil
}

// page lists one page of a filter with its total and the next cursor.
func (s *Service) page(ctx context.Context, u *minsheng.User, f minsheng.CaseFilter) (*Page[CaseView], error) {
	return s.pageBy(ctx, u, f, true)
}

// pageBy is page, counting the total only when asked (Total stays nil
// otherwise).
func (s *Service) pageBy(ctx context.Context, u *minsheng.User, f minsheng.CaseFilter, total bool) (*Page[CaseView], error) {
	if f.Limit == 0 {
		f.Limit = DefaultPage
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	list := s.store.ListPage
	if total {
		list = s.store.PageCases
	}
	p, err := list(ctx, f)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	out := &Page[CaseView]{Items: make([]CaseView, len(p.Cases)), NextCursor: p.Next}
	if total {
		out.Total = &p.Total
	}
	for i, c := range p.Cases {
		out.Items[i] = caseView(c, u, orgs, now)
	}
	return out, nil
}

// QueueCount is one queue's badge on a home page.
type QueueCount struct {
	Queue minsheng.Queue `json:"queue"`
	Count int            `json:"count"`
}

// Queues returns the user's queues with their counts, in display order.
func (s *Service) Queues(ctx context.Context, u *minsheng.User) ([]QueueCount, error) {
	if err := allow(u, minsheng.OpCaseRead); err != nil {
		return nil, err
	}
	qs := minsheng.QueuesFor(u.Role)
	counts, err := s.store.QueueCounts(ctx, minsheng.ActorOf(u), qs)
	if err != nil {
		return nil, err
	}
	out := make([]QueueCount, len(qs))
	for i, q := range qs {
		out[i] = QueueCount{Queue: q, Count: counts[q]}
	}
	return out, nil
}

// QueuePage says how to page through a queue; zero fields take the queue's
// defaults. Due bounds only narrow the queue.
type QueuePage struct {
	Sort                minsheng.Sort
	Cursor              string
	Limit               int
	DueAfter, DueBefore time.Time
	// NoTotal leaves the page's Total nil, for a caller that shows the
	// queue's badge (Queues) beside it: the same count, not made twice.
	NoTotal bool
}

// Queue returns one page of a queue as the user sees it, with its total
// (which equals the queue's badge).
func (s *Service) Queue(ctx context.Context, u *minsheng.User, q minsheng.Queue, p QueuePage) (*Page[CaseView], error) {
	if err := allow(u, minsheng.OpCaseRead); err != nil {
		return nil, err
	}
	if !slices.Contains(minsheng.QueuesFor(u.Role), q) {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such queue for role %s: %q", u.Role, q)
	}
	f, err := s.store.QueueFilter(minsheng.ActorOf(u), q)
	if err != nil {
		return nil, err
	}
	f = f.WithDue(p.DueAfter, p.DueBefore)
	if p.Sort != "" {
		f.Sort = p.Sort
	}
	f.Cursor, f.Limit = p.Cursor, p.Limit
	return s.pageBy(ctx, u, f, !p.NoTotal)
}
