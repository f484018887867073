package service

import (
	"context"
	"fmt"

	"minsheng"
)

// leaderAssignedTeller tells those who must act on a case a leader handed
// down (领导交办): the handling unit's handlers and department lead, the
// supervisors, and the dispatchers while it waits for dispatch, but not the
// leader who acted. users are the accounts read before the action.
func leaderAssignedTeller(users []*minsheng.User) minsheng.Teller {
	return func(c *minsheng.Case, ev minsheng.Event) ([]minsheng.Notification, error) {
		p, err := minsheng.Decode[minsheng.LeaderAssignPayload](ev)
		if err != nil {
			return nil, fmt.Errorf("leader's case %d: %w", c.ID, err)
		}
		roles := []minsheng.Role{minsheng.RoleHandler, minsheng.RoleDeptLead, minsheng.RoleSupervisor}
		if c.Status == minsheng.StatusPendingDispatch {
			roles = append(roles, minsheng.RoleDispatcher)
		}
		var ns []minsheng.Notification
		for _, id := range recipients(users, c, roles) {
			if id != ev.ActorID {
				ns = append(ns, minsheng.Notification{UserID: id, CaseID: c.ID, Kind: minsheng.AlertLeaderAssigned,
					Note: ev.ActorName + "：" + p.Note, CreatedAt: ev.At})
			}
		}
		return ns, nil
	}
}

// LeadersList is the leaders' list (领导督办清单): open cases at supervision
// level 2 or above and the cases leaders handed down, soonest deadline first.
func (s *Service) LeadersList(ctx context.Context, u *minsheng.User, limit int) ([]CaseView, error) {
	if err := allow(u, minsheng.OpLeadersList); err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = 100
	}
	if limit < 1 || limit > minsheng.MaxPage {
		return nil, minsheng.Invalid("limit", "1-%d", minsheng.MaxPage)
	}
	cases, err := s.store.LeadersList(ctx, limit)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CaseView, 0, len(cases))
	now := s.Now()
	for _, c := range cases {
		if readable(c, u) {
			out = append(out, caseView(c, u, orgs, now))
		}
	}
	return out, nil
}
