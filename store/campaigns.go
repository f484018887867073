package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

const campaignColumns = "id, title, description, lead_org_id, co_org_ids, due_at, closed, reply, created_by, created_at, closed_at"

func scanCampaign(r rowScanner) (*minsheng.Campaign, error) {
	var c minsheng.Campaign
	var co string
	var due, created int64
	var closed sql.NullInt64
	if err := r.Scan(&c.ID, &c.Title, &c.Description, &c.LeadOrgID, &co, &due, &c.Closed, &c.Reply, &c.CreatedBy,
		&created, &closed); err != nil {
		return nil, err
	}
	c.CoOrgIDs, c.DueAt, c.CreatedAt, c.ClosedAt = parseIDs(co), fromMS(due), fromMS(created), fromNullMS(closed)
	return &c, nil
}

// CreateCampaign starts a topic campaign with its cases in one transaction:
// every case must be open and in no other campaign, or nothing is stored.
// Errors: EINVALID (naming lead_org_id, co_org_ids or case_ids).
func (s *Store) CreateCampaign(ctx context.Context, c *minsheng.Campaign) error {
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return err
	}
	if orgs.Org(c.LeadOrgID) == nil {
		return minsheng.Invalid("lead_org_id", "no such organisation")
	}
	for _, id := range c.CoOrgIDs {
		if orgs.Org(id) == nil {
			return minsheng.Invalid("co_org_ids", "no organisation %d", id)
		}
	}
	c.CreatedAt = s.now()
	err = s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var err error
		c.ID, err = b.insert(`INSERT INTO campaigns (title, description, lead_org_id, co_org_ids, due_at, created_by, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)`, c.Title, c.Description, c.LeadOrgID, formatIDs(c.CoOrgIDs), ms(c.DueAt), c.CreatedBy, ms(c.CreatedAt))
		if err != nil {
			return err
		}
		return joinCampaign(b, c.ID, c.CaseIDs, c.CreatedAt)
	})
	if err != nil {
		return fmt.Errorf("create campaign: %w", err)
	}
	return nil
}

// AddCampaignCases puts more cases into an open campaign, all or none.
// Errors: ENOTFOUND, ECONFLICT (closed), EINVALID (case_ids).
func (s *Store) AddCampaignCases(ctx context.Context, id int64, caseIDs []int64) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		c, err := getCampaign(b, id, s.d.lockCase())
		if err != nil {
			return err
		}
		if c.Closed {
			return minsheng.Errorf(minsheng.ECONFLICT, "the campaign is closed")
		}
		return joinCampaign(b, id, caseIDs, s.now())
	})
	if err != nil {
		return fmt.Errorf("add cases to campaign %d: %w", id, err)
	}
	return nil
}

// joinCampaign marks open cases as the campaign's; a case that is missing,
// finished or in another campaign fails the whole request on case_ids.
func joinCampaign(b db, id int64, caseIDs []int64, now time.Time) error {
	for _, cid := range caseIDs {
		c, err := getCase(b, cid, b.d.lockCase())
		if errors.Is(err, minsheng.ErrNotFound) {
			return minsheng.Invalid("case_ids", "no case %d", cid)
		} else if err != nil {
			return err
		}
		switch {
		case !c.Status.Open():
			return minsheng.Invalid("case_ids", "case %s is %s", c.Number, c.Status)
		case c.CampaignID == id:
			continue
		case c.CampaignID != 0:
			return minsheng.Invalid("case_ids", "case %s is already in campaign %d", c.Number, c.CampaignID)
		}
		if _, err := b.exec("UPDATE cases SET campaign_id = ?, version = version + 1, updated_at = ? WHERE id = ?",
			id, ms(now), cid); err != nil {
			return fmt.Errorf("case %d joins campaign: %w", cid, err)
		}
	}
	return nil
}

func getCampaign(b db, id int64, lock string) (*minsheng.Campaign, error) {
	c, err := scanCampaign(b.row("SELECT "+campaignColumns+" FROM campaigns WHERE id = ?"+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such campaign")
	}
	if err != nil {
		return nil, fmt.Errorf("load campaign %d: %w", id, err)
	}
	return c, nil
}

// Campaign returns a campaign with its case ids and progress reports.
// Errors: ENOTFOUND.
func (s *Store) Campaign(ctx context.Context, id int64) (*minsheng.Campaign, error) {
	b := s.rdb(ctx)
	c, err := getCampaign(b, id, "")
	if err != nil {
		return nil, err
	}
	if c.CaseIDs, err = ids(b, "SELECT id FROM cases WHERE campaign_id = ? ORDER BY id", id); err != nil {
		return nil, fmt.Errorf("cases of campaign %d: %w", id, err)
	}
	rows, err := b.rows("SELECT id, author_id, author_name, org_id, progress, text, at FROM campaign_reports WHERE campaign_id = ? ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("reports of campaign %d: %w", id, err)
	}
	defer rows.Close()
	c.Reports = []minsheng.Report{}
	for rows.Next() {
		var r minsheng.Report
		var org sql.NullInt64
		var at int64
		if err := rows.Scan(&r.ID, &r.AuthorID, &r.AuthorName, &org, &r.Progress, &r.Text, &at); err != nil {
			return nil, err
		}
		r.OrgID, r.At = org.Int64, fromMS(at)
		c.Reports = append(c.Reports, r)
	}
	return c, rows.Err()
}

func ids(b db, q string, args ...any) ([]int64, error) {
	rows, err := b.rows(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Campaigns lists every campaign, open ones first, newest first, without
// their cases and reports.
func (s *Store) Campaigns(ctx context.Context) ([]*minsheng.Campaign, error) {
	rows, err := s.rdb(ctx).rows("SELECT " + campaignColumns + " FROM campaigns ORDER BY closed, id DESC")
	if err != nil {
		return nil, fmt.Errorf("list campaigns: %w", err)
	}
	return scanAll(rows, scanCampaign)
}

// AddCampaignReport records a progress report on an open campaign.
// Errors: ENOTFOUND, ECONFLICT (closed).
func (s *Store) AddCampaignReport(ctx context.Context, id int64, r *minsheng.Report) error {
	r.At = s.now()
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		c, err := getCampaign(b, id, s.d.lockCase())
		if err != nil {
			return err
		}
		if c.Closed {
			return minsheng.Errorf(minsheng.ECONFLICT, "the campaign is closed")
		}
		r.ID, err = b.insert("INSERT INTO campaign_reports (campaign_id, author_id, author_name, org_id, progress, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			id, r.AuthorID, r.AuthorName, nullID(r.OrgID), r.Progress, r.Text, ms(r.At))
		return err
	})
	if err != nil {
		return fmt.Errorf("report on campaign %d: %w", id, err)
	}
	return nil
}

// CloseCampaign closes a campaign and answers every one of its cases still
// waiting for an answer with the campaign's reply, through the lifecycle
// (each case gets its campaign_answer event), all in one transaction: if
// one case cannot take it, nothing changes. Cases already answered or
// finished keep their own answers. It returns how many cases it answered.
// Errors: ENOTFOUND, ECONFLICT (already closed), EINVALID (content, outcome).
func (s *Store) CloseCampaign(ctx context.Context, id int64, a minsheng.Actor, content string, outcome minsheng.Outcome) (int, error) {
	pol, err := s.Policy(ctx)
	if err != nil {
		return 0, err
	}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return 0, err
	}
	answered := 0
	err = s.w.do(ctx, func(tx *wtx) error {
		answered = 0
		b := s.txdb(ctx, tx)
		c, err := getCampaign(b, id, s.d.lockCase())
		if err != nil {
			return err
		}
		if c.Closed {
			return minsheng.Errorf(minsheng.ECONFLICT, "the campaign is already closed")
		}
		caseIDs, err := ids(b, "SELECT id FROM cases WHERE campaign_id = ? ORDER BY id", id)
		if err != nil {
			return err
		}
		now := s.now()
		req := lifecycle.Request{Action: lifecycle.CampaignAnswer, Content: content, Outcome: outcome}
		for _, cid := range caseIDs {
			k, err := getCase(b, cid, s.d.lockCase())
			if err != nil {
				return err
			}
			if !lifecycle.Allowed(k, a, lifecycle.CampaignAnswer) {
				continue // answered already, or finished
			}
			if _, _, err := s.act(b, cid, a, req, pol.Env(now), orgs); err != nil {
				return err
			}
			answered++
		}
		_, err = b.exec("UPDATE campaigns SET closed = ?, reply = ?, closed_at = ? WHERE id = ?", true, content, ms(now), id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("close campaign %d: %w", id, err)
	}
	return answered, nil
}

// CampaignCases returns the cases of a campaign, oldest first.
func (s *Store) CampaignCases(ctx context.Context, id int64) ([]*minsheng.Case, error) {
	rows, err := s.rdb(ctx).rows("SELECT "+caseColumns+" FROM cases WHERE campaign_id = ? ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("cases of campaign %d: %w", id, err)
	}
	return scanAll(rows, scanCase)
}
