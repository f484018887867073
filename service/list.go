package service

import (
	"context"
	"strconv"

	"minsheng"
)

// DefaultPage is the page size when a list asks for none.
const DefaultPage = 50

// ListCases returns one page of the cases the user may read that match the
// filter. Finding cases by phone number is for roles that call citizens
// back, and throttled per user, so that a masked number cannot be recovered
// by trying numbers.
func (s *Service) ListCases(ctx context.Context, u *minsheng.User, f minsheng.CaseFilter) (*Page[CaseView], error) {
	if err := allow(u, minsheng.OpCaseRead); err != nil {
		return nil, err
	}
	if f.Phone != "" {
		if err := allow(u, minsheng.OpCasePhone); err != nil {
			return nil, minsheng.Errorf(minsheng.EFORBIDDEN, "role %s may not look cases up by phone number", u.Role)
		}
		key, now := strconv.FormatInt(u.ID, 10), s.Now()
		if ok, wait := s.phones.Allow(key, now); !ok {
			return nil, RetryAfter(wait, minsheng.Errorf(minsheng.ERATELIMIT, "too many phone-number lookups; try again later"))
		}
		s.phones.Fail(key, now) // every lookup counts, found or not
	}
	f.Scope = scopeFilter(u)
	if f.Limit == 0 {
		f.Limit = DefaultPage
	}
	cases, err := s.store.ListCases(ctx, f)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	out := &Page[CaseView]{Items: make([]CaseView, len(cases))}
	for i, c := range cases {
		out.Items[i] = caseView(c, u, orgs, now)
	}
	if len(cases) == f.Limit {
		out.NextCursor = strconv.FormatInt(cases[len(cases)-1].ID, 10)
	}
	return out, nil
}
