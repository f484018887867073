package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"minsheng"
)

// TrainingCases returns the newest categorised cases, for retraining the
// classifier and the routing history.
func (s *Store) TrainingCases(ctx context.Context, limit int) ([]minsheng.Labeled, error) {
	rows, err := s.rdb(ctx).rows(`SELECT id, title, content, category_id, org_chain FROM cases
WHERE category_id IS NOT NULL AND status <> 'merged' ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("training cases: %w", err)
	}
	defer rows.Close()
	var out []minsheng.Labeled
	for rows.Next() {
		var l minsheng.Labeled
		var title, content, chain string
		if err := rows.Scan(&l.ID, &title, &content, &l.CategoryID, &chain); err != nil {
			return nil, err
		}
		l.Text = title + "\n" + content
		if ids := parseIDs(chain); len(ids) > 0 {
			l.OrgID = ids[0]
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// CasesSince returns cases received since a time with ids above afterID,
// oldest first, for the duplicate index (merged cases are left out).
func (s *Store) CasesSince(ctx context.Context, since time.Time, afterID int64, limit int) ([]minsheng.DupeDoc, error) {
	rows, err := s.rdb(ctx).rows(`SELECT id, title, content, address, created_at FROM cases
WHERE id > ? AND created_at >= ? AND status <> 'merged' ORDER BY id LIMIT ?`, afterID, ms(since), limit)
	if err != nil {
		return nil, fmt.Errorf("cases since %s: %w", since.Format(time.DateOnly), err)
	}
	defer rows.Close()
	var out []minsheng.DupeDoc
	for rows.Next() {
		var d minsheng.DupeDoc
		var title, content string
		var at int64
		if err := rows.Scan(&d.ID, &title, &content, &d.Address, &at); err != nil {
			return nil, err
		}
		d.Text, d.At = title+"\n"+content, fromMS(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// CaseHeads returns the id, number, title, status and intake time of the
// cases with the given ids (missing ones are skipped): enough to list them.
func (s *Store) CaseHeads(ctx context.Context, ids []int64) (map[int64]*minsheng.Case, error) {
	out := map[int64]*minsheng.Case{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	rows, err := s.rdb(ctx).rows("SELECT id, title, status, created_at FROM cases WHERE id IN ("+marks+")", args...)
	if err != nil {
		return nil, fmt.Errorf("case heads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c minsheng.Case
		var at int64
		if err := rows.Scan(&c.ID, &c.Title, &c.Status, &at); err != nil {
			return nil, err
		}
		c.CreatedAt = fromMS(at)
		c.Number = minsheng.CaseNumber(c.ID, c.CreatedAt)
		out[c.ID] = &c
	}
	return out, rows.Err()
}

// DispatchPayloads returns the payloads of the hotline's dispatch events since
// a time, for measuring how often dispatchers took the suggestion.
func (s *Store) DispatchPayloads(ctx context.Context, since time.Time) ([]string, error) {
	rows, err := s.rdb(ctx).rows("SELECT payload FROM events WHERE action = 'dispatch' AND at >= ?", ms(since))
	if err != nil {
		return nil, fmt.Errorf("dispatch events: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
