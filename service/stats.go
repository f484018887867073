package service

import (
	"context"

	"minsheng"
)

// KPIs answers a KPI question for the user (DOMAIN.md, "KPIs"). Roles that
// read every organisation ask about any; a unit's staff are held to their
// own subtree: without org_id the question is about their unit, and another
// unit outside it is not found, as its cases would be.
func (s *Service) KPIs(ctx context.Context, u *minsheng.User, q minsheng.KPIQuery) ([]minsheng.KPIItem, error) {
	if err := allow(u, minsheng.OpStatsRead); err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if minsheng.Permit(u.Role, minsheng.OpStatsRead) != minsheng.ScopeAll {
		if q.OrgID == 0 {
			q.OrgID = u.OrgID
		}
		orgs, err := s.store.Orgs(ctx)
		if err != nil {
			return nil, err
		}
		own, asked := orgs.Org(u.OrgID), orgs.Org(q.OrgID)
		if own == nil || asked == nil || !underPath(asked.Path, own.Path) {
			return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such organisation in your unit")
		}
	}
	items, err := s.store.KPIs(ctx, q)
	if err != nil {
		return nil, err
	}
	if items == nil {
		items = []minsheng.KPIItem{}
	}
	return items, nil
}

// StatsAccess checks that the user may read KPIs at all, so that a surface
// can say 403 before it parses the question.
func StatsAccess(u *minsheng.User) error { return allow(u, minsheng.OpStatsRead) }

// underPath reports whether a materialised path lies in the subtree at root.
func underPath(path, root string) bool {
	return root != "" && len(path) >= len(root) && path[:len(root)] == root
}
