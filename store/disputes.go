package store

import (
	"context"
	"fmt"
	"time"

	"minsheng"
)

// recordDispute keeps an arbitration (the event ev on case c) and, when the
// dispatcher asked for it, makes the responsibility list (职责清单) name the
// organisation found responsible for the case's category, in the same
// transaction as the decision. It reports whether the list changed.
func recordDispute(b db, c *minsheng.Case, ev minsheng.Event) (bool, error) {
	p, err := minsheng.Decode[minsheng.ArbitratePayload](ev)
	if err != nil {
		return false, fmt.Errorf("arbitration of case %d: %w", c.ID, err)
	}
	updated := p.UpdateList && c.CategoryID != 0
	if _, err := b.exec(`INSERT INTO disputes (case_id, from_org_id, to_org_id, category_id, upheld, list_updated, decided_by, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, p.FromOrgID, c.OrgID, nullID(c.CategoryID), p.Upheld, updated, nullID(ev.ActorID), ms(ev.At)); err != nil {
		return false, fmt.Errorf("record dispute on case %d: %w", c.ID, err)
	}
	if updated {
		if _, err := b.exec("UPDATE categories SET org_id = ? WHERE id = ?", c.OrgID, c.CategoryID); err != nil {
			return false, fmt.Errorf("responsibility list for category %d: %w", c.CategoryID, err)
		}
	}
	return updated, nil
}

// DisputeCounts counts the responsibility disputes decided in [from, to)
// per department that raised them: how many, how many the hotline upheld
// (the case went elsewhere) and how many it rejected (the case went back).
// Zero times leave the period open on that side.
func (s *Store) DisputeCounts(ctx context.Context, from, to time.Time) ([]minsheng.DisputeCount, error) {
	q := `SELECT d.from_org_id, o.name, COUNT(*), SUM(CASE WHEN d.upheld THEN 1 ELSE 0 END), SUM(CASE WHEN d.list_updated THEN 1 ELSE 0 END)
FROM disputes d JOIN orgs o ON o.id = d.from_org_id WHERE d.at >= ? AND d.at < ?
GROUP BY d.from_org_id, o.name ORDER BY COUNT(*) DESC, d.from_org_id`
	hi := int64(1) << 62
	if !to.IsZero() {
		hi = ms(to)
	}
	rows, err := s.rdb(ctx).rows(q, ms(from), hi)
	if err != nil {
		return nil, fmt.Errorf("dispute counts: %w", err)
	}
	defer rows.Close()
	out := []minsheng.DisputeCount{}
	for rows.Next() {
		var d minsheng.DisputeCount
		if err := rows.Scan(&d.OrgID, &d.OrgName, &d.Disputes, &d.Upheld, &d.ListUpdates); err != nil {
			return nil, err
		}
		d.Rejected = d.Disputes - d.Upheld
		out = append(out, d)
	}
	return out, rows.Err()
}
