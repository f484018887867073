package service

import (
	"context"

	"minsheng"
	"minsheng/lifecycle"
)

// seesClues reports whether the user may know that a case was referred as a
// discipline clue: the hotline office and the discipline body it went to.
// The unit under scrutiny must not learn it from the case.
func seesClues(c *minsheng.Case, u *minsheng.User) bool {
	return u.Role.HotlineWide() || (c.ClueOrgID != 0 && c.ClueOrgID == u.OrgID)
}

// hideClues removes the referral and the inspectors' own notes from the
// timeline of a user who may not know of the clue.
func hideClues(c *minsheng.Case, u *minsheng.User, evs []minsheng.Event) []minsheng.Event {
	if c.ClueOrgID == 0 || seesClues(c, u) {
		return evs
	}
	out := evs[:0:0]
	for _, ev := range evs {
		if ev.Action != string(lifecycle.ReferClue) && ev.ActorRole != minsheng.RoleInspector {
			out = append(out, ev)
		}
	}
	return out
}

// clueReferred tells the inspectors of the body a clue went to. The case
// and its event are committed already; a failure is logged.
func (s *Service) clueReferred(ctx context.Context, c *minsheng.Case, ev minsheng.Event) {
	p, err := minsheng.Decode[minsheng.ReferCluePayload](ev)
	if err != nil {
		s.log.Error("discipline clue: payload", "case", c.ID, "err", err)
		return
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		s.log.Error("discipline clue: users", "case", c.ID, "err", err)
		return
	}
	var ns []minsheng.Notification
	for _, x := range users {
		if !x.Disabled && x.Role == minsheng.RoleInspector && x.OrgID == c.ClueOrgID {
			ns = append(ns, minsheng.Notification{UserID: x.ID, CaseID: c.ID, Kind: minsheng.AlertClue,
				Note: p.Reason, CreatedAt: ev.At})
		}
	}
	if err := s.store.Notify(ctx, ns); err != nil {
		s.log.Error("discipline clue: notify", "case", c.ID, "err", err)
	}
}
