package service

import (
	"fmt"

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

// clueReferredTeller tells the inspectors of the body a clue went to.
// users are the accounts read before the action.
func clueReferredTeller(users []*minsheng.User) minsheng.Teller {
	return func(c *minsheng.Case, ev minsheng.Event) ([]minsheng.Notification, error) {
		p, err := minsheng.Decode[minsheng.ReferCluePayload](ev)
		if err != nil {
			return nil, fmt.Errorf("discipline clue on case %d: %w", c.ID, err)
		}
		var ns []minsheng.Notification
		for _, x := range users {
			if !x.Disabled && x.Role == minsheng.RoleInspector && x.OrgID == c.ClueOrgID {
				ns = append(ns, minsheng.Notification{UserID: x.ID, CaseID: c.ID, Kind: minsheng.AlertClue,
					Note: p.Reason, CreatedAt: ev.At})
			}
		}
		return ns, nil
	}
}
