package service

import (
	"context"
	"fmt"
	"slices"
	"time"

	"minsheng"
)

// SurgeDetail is a surge alert with the cases it counted, for an analyst
// who asks what rose: the requests of its category (and the categories
// under it) in its area from the day the excess began to the alarm's day.
type SurgeDetail struct {
	SurgeAlert
	// Total is how many cases were counted; Cases lists the newest
	// maxSurgeCases of them, newest first.
	Total int         `json:"total"`
	Cases []SurgeCase `json:"cases"`
}

// maxSurgeCases bounds the list: a city-wide surge may count thousands.
const maxSurgeCases = 500

// SurgeCase is one counted request, as much as the list shows.
type SurgeCase struct {
	Ref
	Address string `json:"address"`
}

// SurgeCases returns an alert and the cases the detector counted for it,
// newest first, found by the same rules the detection ran on (a case's
// area from its organisation or its address, its category's first- and
// second-level groups), so that there are as many as the alert observed
// unless cases were merged or recategorised since.
func (s *Service) SurgeCases(ctx context.Context, u *minsheng.User, id int64) (*SurgeDetail, error) {
	if err := allow(u, minsheng.OpTrendRead); err != nil {
		return nil, err
	}
	a, err := s.store.Surge(ctx, id)
	if err != nil {
		return nil, err
	}
	from, err := time.ParseInLocation(time.DateOnly, a.From, shanghai)
	if err != nil {
		return nil, fmt.Errorf("surge alert %d: from %q: %w", id, a.From, err)
	}
	to, err := time.ParseInLocation(time.DateOnly, a.Day, shanghai)
	if err != nil {
		return nil, fmt.Errorf("surge alert %d: day %q: %w", id, a.Day, err)
	}
	cases, err := s.store.TrendCases(ctx, from, to.AddDate(0, 0, 1), false, 0)
	if err != nil {
		return nil, err
	}
	orgs, cats, err := s.orgsAndCategories(ctx)
	if err != nil {
		return nil, err
	}
	areaOf, groupsOf := districts(orgs), categoryGroups(cats)
	var ids []int64
	address := map[int64]string{}
	for _, c := range cases {
		if areaOf(c.OrgPath, c.Address) == a.AreaID && slices.Contains(groupsOf(c.CategoryID), a.CategoryID) {
			ids = append(ids, c.ID)
			address[c.ID] = c.Address
		}
	}
	out := &SurgeDetail{SurgeAlert: nameSurge(*a, surgeNames(cats, orgs)), Total: len(ids), Cases: []SurgeCase{}}
	slices.Reverse(ids) // TrendCases reads oldest first
	ids = ids[:min(len(ids), maxSurgeCases)]
	heads, err := s.store.CaseHeads(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if h := heads[id]; h != nil {
			out.Cases = append(out.Cases, SurgeCase{Ref: refOf(h, ""), Address: address[id]})
		}
	}
	return out, nil
}
