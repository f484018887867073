package service

import (
	"context"
	"strings"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/textmine/quality"
)

// visibleCase loads a case the user may read; outside their scope it is
// not found, so its existence does not leak.
func (s *Service) visibleCase(ctx context.Context, u *minsheng.User, id int64) (*minsheng.Case, error) {
	if err := allow(u, minsheng.OpCaseRead); err != nil {
		return nil, err
	}
	c, err := s.store.Case(ctx, id)
	if minsheng.ErrorCode(err) == minsheng.ENOTFOUND || (err == nil && !readable(c, u)) {
		return nil, notFoundCase
	}
	return c, err
}

// Case returns everything about a case the user may see: its timeline,
// related cases (merged, same caller, repeats), the actions the user can take
// now, and for open cases the suggestions and possible duplicates.
func (s *Service) Case(ctx context.Context, u *minsheng.User, id int64) (*Detail, error) {
	c, err := s.visibleCase(ctx, u, id)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.Events(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	merged, same, err := s.store.RelatedCases(ctx, c)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	merged, same = s.readableOnly(merged, u), s.readableOnly(same, u)
	d := &Detail{CaseView: caseView(c, u, orgs, s.Now()), Timeline: hideClues(c, u, evs),
		Related:        Related{Merged: refs(merged, c), SameCaller: refs(same, c)},
		AllowedActions: allowedActions(c, u), ReplyQuality: replyQuality(c)}
	markRepeats(c, same, d.Related.SameCaller)
	if c.Status.Open() {
		if d.Suggestions, d.PossibleDuplicates, err = s.assistance(ctx, c, orgs); err != nil {
			return nil, err
		}
		if minsheng.Permit(u.Role, minsheng.OpCaseRead) != minsheng.ScopeAll {
			d.PossibleDuplicates = nil // other units' cases are not theirs to see
		}
	}
	return d, nil
}

func (s *Service) readableOnly(cs []*minsheng.Case, u *minsheng.User) []*minsheng.Case {
	out := cs[:0:0]
	for _, c := range cs {
		if readable(c, u) {
			out = append(out, c)
		}
	}
	return out
}

// Act performs one lifecycle action. version guards against concurrent
// changes: 0 takes the case as it is; a stale one is ECONFLICT, or
// EPRECONDITION when it came as an If-Match header (ifMatch true).
func (s *Service) Act(ctx context.Context, u *minsheng.User, id int64, req lifecycle.Request, ifMatch bool) (*Acted, error) {
	if !lifecycle.Known(req.Action) {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "unknown action %q", req.Action)
	}
	// The role first: a refusal that does not depend on the case leaks nothing about it.
	if err := allow(u, minsheng.CaseOp(string(req.Action))); err != nil {
		return nil, err
	}
	if req.Action == lifecycle.Dispatch {
		if c, err := s.store.Case(ctx, id); err == nil && readable(c, u) {
			req.Shown = s.shown(ctx, c)
		}
	}
	tell, err := s.teller(ctx, req.Action)
	if err != nil {
		return nil, err
	}
	c, ev, err := s.store.ActAndTell(ctx, id, minsheng.ActorOf(u), req, tell)
	if err != nil {
		if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
			if _, lerr := s.visibleCase(ctx, u, id); lerr != nil {
				return nil, lerr // one answer for missing and out of scope
			}
			// Readable but not the user's to act on: a co-handling unit.
			return nil, minsheng.Errorf(minsheng.EFORBIDDEN, "only the lead unit (主办) may %s this case; add your part as a comment", req.Action)
		}
		if ifMatch && req.Version != 0 && minsheng.ErrorCode(err) == minsheng.ECONFLICT {
			if cur, lerr := s.store.Case(ctx, id); lerr == nil && cur.Version != req.Version {
				return nil, minsheng.Errorf(minsheng.EPRECONDITION,
					"the case changed since you read it (version %d, now %d); reload it and try again", req.Version, cur.Version)
			}
		}
		return nil, err
	}
	if req.Action == lifecycle.Merge && s.assist != nil {
		s.assist.Forget(c.ID) // the master stands for it from now on
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	out := &Acted{ID: c.ID, Status: c.Status, Version: c.Version, Case: caseView(c, u, orgs, s.Now()), Event: ev}
	if req.Action == lifecycle.Reply {
		out.ReplyQuality = replyQuality(c)
	}
	return out, nil
}

// teller returns who an action tells in its own transaction: nil for the
// actions that notify no one in the workbench.
func (s *Service) teller(ctx context.Context, a lifecycle.Action) (minsheng.Teller, error) {
	var tell func([]*minsheng.User) minsheng.Teller
	switch a {
	case lifecycle.LeaderAssign:
		tell = leaderAssignedTeller
	case lifecycle.ReferClue:
		tell = clueReferredTeller
	default:
		return nil, nil
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	return tell(users), nil
}

// DraftQuality scores a reply while it is being written, against the case
// it answers, so the handler sees a perfunctory reply ("将出方案", "在研究中")
// flagged before the reviewer sends it back. Nothing is stored.
func (s *Service) DraftQuality(ctx context.Context, u *minsheng.User, id int64, draft string) (*quality.Score, error) {
	c, err := s.visibleCase(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(draft) == "" {
		return nil, minsheng.Invalid("content", "empty")
	}
	q := quality.Assess(quality.Input{Request: c.Title + "\n" + c.Content, Reply: draft,
		ReceivedAt: c.CreatedAt, RepliedAt: s.Now(), DueAt: c.DueAt})
	return &q, nil
}
