package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"minsheng"
	"minsheng/lifecycle"
)

// Act performs one lifecycle action on a case: it loads the case and what the
// rule needs inside the write transaction, applies the state machine, saves the
// case with an optimistic version check and appends the event, all atomically.
// Errors: ENOTFOUND (unknown or outside the actor's scope), EFORBIDDEN,
// ECONFLICT (wrong state, stale version), EINVALID.
func (s *Store) Act(ctx context.Context, id int64, a minsheng.Actor, req lifecycle.Request) (*minsheng.Case, minsheng.Event, error) {
	return s.ActAndTell(ctx, id, a, req, nil)
}

// ActAndTell is Act that also adds the notifications tell returns for the
// action (nil: none) in the action's transaction: the action and the news
// of it commit together, or neither does.
func (s *Store) ActAndTell(ctx context.Context, id int64, a minsheng.Actor, req lifecycle.Request, tell minsheng.Teller) (*minsheng.Case, minsheng.Event, error) {
	pol, err := s.Policy(ctx)
	if err != nil {
		return nil, minsheng.Event{}, err
	}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return nil, minsheng.Event{}, err
	}
	var c *minsheng.Case
	var ev minsheng.Event
	err = s.w.do(ctx, func(tx *wtx) error {
		var err error
		b := s.txdb(ctx, tx)
		if c, ev, err = s.act(b, id, a, req, pol.Env(s.now()), orgs); err != nil {
			return err
		}
		if tell != nil {
			ns, err := tell(c, ev)
			if err != nil {
				return err
			}
			for _, n := range ns {
				if err := insertNotification(b, n); err != nil {
					return err
				}
			}
		}
		// The reply back to the channel commits with the event or not at
		// all. (Bulk, which replays history, queues nothing.)
		return s.queueNotifications(b, c, ev)
	})
	if err != nil {
		return nil, minsheng.Event{}, fmt.Errorf("%s case %d: %w", req.Action, id, err)
	}
	if req.Action == lifecycle.Arbitrate && req.UpdateList {
		s.invalidate() // the responsibility list changed
	}
	return c, ev, nil
}

// act is Act inside a transaction, with the time and policy in env.
func (s *Store) act(b db, id int64, a minsheng.Actor, req lifecycle.Request, env lifecycle.Env, orgs *minsheng.OrgTree) (*minsheng.Case, minsheng.Event, error) {
	c, err := getCase(b, id, s.d.lockCase())
	if err != nil {
		return nil, minsheng.Event{}, err
	}
	// An action the table grants on every case needs no read scope: the
	// citizen who rates reaches the case by its tracking code, not by scope.
	if minsheng.Permit(a.Role, minsheng.CaseOp(string(req.Action))) != minsheng.ScopeAll && !lifecycle.InScope(c, a) {
		return nil, minsheng.Event{}, fmt.Errorf("case %d: %w", id, minsheng.ErrNotFound)
	}
	env.Target = orgs.Org(req.OrgID)
	env.CaseOrg = orgs.Org(c.OrgID)
	for _, o := range req.CoOrgIDs {
		if org := orgs.Org(o); org != nil {
			env.CoOrgs = append(env.CoOrgs, org)
		}
	}
	if req.Action == lifecycle.Answer && req.ArticleID != 0 {
		a, err := scanArticle(b.row("SELECT "+articleColumns+" FROM articles WHERE id = ?", req.ArticleID))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, minsheng.Event{}, fmt.Errorf("article %d: %w", req.ArticleID, err)
		}
		env.Article = a // nil when unknown: the lifecycle refuses it on field article_id
	}
	if req.Action == lifecycle.Merge && req.Into != 0 {
		if m, err := getCase(b, req.Into, ""); err == nil {
			env.Master = m
		}
	}
	version, coBefore, orgBefore, dueBefore, openBefore := c.Version, c.CoOrgIDs, c.OrgID, c.DueAt, c.Status.Open()
	ev, err := lifecycle.Apply(c, a, req, env)
	if err != nil {
		return nil, minsheng.Event{}, err
	}
	if err := updateCase(b, c, version); err != nil {
		return nil, minsheng.Event{}, err
	}
	if !slices.Equal(coBefore, c.CoOrgIDs) {
		if err := syncCoOrgs(b, c); err != nil {
			return nil, minsheng.Event{}, err
		}
	} else if openBefore != c.Status.Open() && len(c.CoOrgIDs) > 0 {
		if _, err := b.exec("UPDATE case_co_orgs SET case_open = ? WHERE case_id = ?", c.Status.Open(), c.ID); err != nil {
			return nil, minsheng.Event{}, fmt.Errorf("co-handlers of case %d: %w", c.ID, err)
		}
	}
	if req.Action == lifecycle.Answer && req.ArticleID != 0 {
		if err := countArticleUse(b, req.ArticleID); err != nil {
			return nil, minsheng.Event{}, err
		}
	}
	if err := insertEvent(b, &ev, true); err != nil {
		return nil, minsheng.Event{}, err
	}
	if req.Action == lifecycle.Arbitrate {
		if _, err := recordDispute(b, c, ev); err != nil {
			return nil, minsheng.Event{}, err
		}
	}
	if err := countAction(b, minsheng.KPIStep{Event: ev, OrgBefore: orgBefore, After: c, DueBefore: dueBefore}); err != nil {
		return nil, minsheng.Event{}, err
	}
	return c, ev, nil
}

// syncCoOrgs mirrors a case's current co-handling units into the table that
// serves scope lookups, with whether the case is open (the queues' part).
func syncCoOrgs(b db, c *minsheng.Case) error {
	if _, err := b.exec("DELETE FROM case_co_orgs WHERE case_id = ?", c.ID); err != nil {
		return fmt.Errorf("co-handlers of case %d: %w", c.ID, err)
	}
	for _, org := range c.CoOrgIDs {
		if _, err := b.exec("INSERT INTO case_co_orgs (org_id, case_id, case_open) VALUES (?, ?, ?)", org, c.ID, c.Status.Open()); err != nil {
			return fmt.Errorf("co-handlers of case %d: %w", c.ID, err)
		}
	}
	return nil
}

// updateCase saves the lifecycle fields of a case if nobody changed it since
// it was read at version; otherwise it reports ErrConflict.
func updateCase(b db, c *minsheng.Case, version int) error {
	res, err := b.exec(`UPDATE cases SET status = ?, track = ?, org_id = ?, org_path = ?, co_org_ids = ?,
org_chain = ?, due_at = ?, paused_at = ?, paused_from = ?, supervision = ?, return_count = ?, send_backs = ?,
reopen_count = ?, visit_tries = ?, merged_into = ?, ext_days = ?, pause_requested = ?, reply = ?, outcome = ?, replied_at = ?,
solved = ?, satisfaction = ?, category_id = ?, updated_at = ?, closed_at = ?, version = ?, leader_assigned = ?, campaign_id = ?, dispute_org_id = ?, clue_org_id = ?,
citizen_solved = ?, citizen_satisfaction = ?, rated_at = ?
WHERE id = ? AND version = ?`,
		c.Status, c.Track, nullID(c.OrgID), c.OrgPath, formatIDs(c.CoOrgIDs), formatIDs(c.OrgChain),
		ms(c.DueAt), msPtr(c.PausedAt), c.PausedFrom, c.Supervision, c.ReturnCount, c.SendBacks,
		c.ReopenCount, c.VisitTries, nullID(c.MergedInto), c.ExtDays, c.PauseRequested, c.Reply, c.Outcome, msPtr(c.RepliedAt),
		nullBool(c.Solved), c.Satisfaction, nullID(c.CategoryID), ms(c.UpdatedAt), msPtr(c.ClosedAt), c.Version, c.LeaderAssigned, nullID(c.CampaignID), nullID(c.DisputeOrgID), nullID(c.ClueOrgID),
		nullBool(c.CitizenSolved), c.CitizenSatisfaction, msPtr(c.RatedAt),
		c.ID, version)
	if err != nil {
		return fmt.Errorf("update case %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return minsheng.ErrConflict
	}
	return nil
}
