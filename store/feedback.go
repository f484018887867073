package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"minsheng"
)

// CreateFeedbackBatch stores a published batch and its items in one
// transaction, and sets its ID and publication time. Errors: EINVALID for
// a bad batch or a case that does not exist.
func (s *Store) CreateFeedbackBatch(ctx context.Context, b *minsheng.FeedbackBatch) error {
	if err := b.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		d := s.txdb(ctx, tx)
		now := s.now()
		id, err := d.insert("INSERT INTO feedback_batches (name, published_at, created_by) VALUES (?, ?, ?)", b.Name, ms(now), b.CreatedBy)
		if err != nil {
			return err
		}
		for i, it := range b.Items {
			if _, err := d.exec(`INSERT INTO feedback_items (batch_id, position, case_id, number, category, title, request, org_name, reply, replied_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, i, it.CaseID, it.Number, it.Category, it.Title, it.Request, it.Org, it.Reply, ms(it.RepliedAt)); err != nil {
				return err
			}
		}
		b.ID, b.PublishedAt, b.Count = id, now, len(b.Items)
		return nil
	})
	if err != nil {
		return fmt.Errorf("publish feedback batch: %w", invalidRef(err, "case_id", "case"))
	}
	for i := range b.Items {
		b.Items[i].BatchID, b.Items[i].PublishedAt = b.ID, b.PublishedAt
	}
	return nil
}

// FeedbackBatches returns the published batches, newest first, without
// their items.
func (s *Store) FeedbackBatches(ctx context.Context) ([]*minsheng.FeedbackBatch, error) {
	rows, err := s.rdb(ctx).rows(`SELECT id, name, published_at, created_by, (SELECT COUNT(*) FROM feedback_items i WHERE i.batch_id = b.id)
FROM feedback_batches b ORDER BY published_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("feedback batches: %w", err)
	}
	defer rows.Close()
	out := []*minsheng.FeedbackBatch{}
	for rows.Next() {
		var b minsheng.FeedbackBatch
		var at int64
		if err := rows.Scan(&b.ID, &b.Name, &at, &b.CreatedBy, &b.Count); err != nil {
			return nil, fmt.Errorf("feedback batches: %w", err)
		}
		b.PublishedAt = fromMS(at)
		out = append(out, &b)
	}
	return out, rows.Err()
}

// FeedbackBatch returns one batch with its items in their order. Errors:
// ENOTFOUND.
func (s *Store) FeedbackBatch(ctx context.Context, id int64) (*minsheng.FeedbackBatch, error) {
	var b minsheng.FeedbackBatch
	var at int64
	err := s.rdb(ctx).row("SELECT id, name, published_at, created_by FROM feedback_batches WHERE id = ?", id).Scan(&b.ID, &b.Name, &at, &b.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("feedback batch %d: %w", id, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("feedback batch %d: %w", id, err)
	}
	b.PublishedAt = fromMS(at)
	if b.Items, err = s.feedbackItems(ctx, "WHERE i.batch_id = ? ORDER BY i.position", id); err != nil {
		return nil, err
	}
	b.Count = len(b.Items)
	return &b, nil
}

// PublishedAnswers returns up to limit published items, the newest batch
// first and each batch in its order: the portal's public answers.
func (s *Store) PublishedAnswers(ctx context.Context, limit int) ([]minsheng.FeedbackItem, error) {
	return s.feedbackItems(ctx, "ORDER BY b.published_at DESC, b.id DESC, i.position LIMIT ?", limit)
}

func (s *Store) feedbackItems(ctx context.Context, tail string, args ...any) ([]minsheng.FeedbackItem, error) {
	rows, err := s.rdb(ctx).rows(`SELECT i.batch_id, b.published_at, i.case_id, i.number, i.category, i.title, i.request, i.org_name, i.reply, i.replied_at
FROM feedback_items i JOIN feedback_batches b ON b.id = i.batch_id `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("feedback items: %w", err)
	}
	defer rows.Close()
	out := []minsheng.FeedbackItem{}
	for rows.Next() {
		var it minsheng.FeedbackItem
		var pub, replied int64
		if err := rows.Scan(&it.BatchID, &pub, &it.CaseID, &it.Number, &it.Category, &it.Title, &it.Request, &it.Org, &it.Reply, &replied); err != nil {
			return nil, fmt.Errorf("feedback items: %w", err)
		}
		it.PublishedAt, it.RepliedAt = fromMS(pub), fromMS(replied)
		out = append(out, it)
	}
	return out, rows.Err()
}
