package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"minsheng"
)

const webhookColumns = "id, name, url, secret, channels, user_id, disabled, created_at"

func scanWebhook(r rowScanner) (*minsheng.Webhook, error) {
	var w minsheng.Webhook
	var channels string
	var user sql.NullInt64
	var created int64
	if err := r.Scan(&w.ID, &w.Name, &w.URL, &w.Secret, &channels, &user, &w.Disabled, &created); err != nil {
		return nil, err
	}
	for _, c := range strings.Split(strings.Trim(channels, ","), ",") {
		if c != "" {
			w.Channels = append(w.Channels, minsheng.Channel(c))
		}
	}
	w.UserID, w.CreatedAt = user.Int64, fromMS(created)
	return &w, nil
}

// CreateWebhook registers a receiving system. Channels are stored between
// commas (",message_board,open311,") so that queueing finds a channel with
// one LIKE. Errors: EINVALID (bad fields, unknown user_id).
func (s *Store) CreateWebhook(ctx context.Context, w *minsheng.Webhook) error {
	if err := w.Validate(); err != nil {
		return err
	}
	chans := make([]string, len(w.Channels))
	for i, c := range w.Channels {
		chans[i] = string(c)
	}
	w.CreatedAt = s.now()
	err := s.w.do(ctx, func(tx *wtx) error {
		var err error
		w.ID, err = s.txdb(ctx, tx).insert("INSERT INTO webhooks (name, url, secret, channels, user_id, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			w.Name, w.URL, w.Secret, ","+strings.Join(chans, ",")+",", nullID(w.UserID), w.Disabled, ms(w.CreatedAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("create webhook: %w", invalidRef(err, "user_id", "user"))
	}
	return nil
}

// Webhooks lists every registered system, newest first.
func (s *Store) Webhooks(ctx context.Context) ([]*minsheng.Webhook, error) {
	rows, err := s.rdb(ctx).rows("SELECT " + webhookColumns + " FROM webhooks ORDER BY id DESC")
	if err != nil {
		return nil, fmt.Errorf("list webhooks: %w", err)
	}
	defer rows.Close()
	var out []*minsheng.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, fmt.Errorf("list webhooks: %w", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Webhook returns one webhook with its secret, for signing. Errors: ENOTFOUND.
func (s *Store) Webhook(ctx context.Context, id int64) (*minsheng.Webhook, error) {
	w, err := scanWebhook(s.rdb(ctx).row("SELECT "+webhookColumns+" FROM webhooks WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("webhook %d: %w", id, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("webhook %d: %w", id, err)
	}
	return w, nil
}

// SetWebhookDisabled stops (or resumes) a webhook's deliveries: nothing new
// is queued for a disabled one, and what is queued fails until it is
// enabled again or ends among the dead letters. Errors: ENOTFOUND.
func (s *Store) SetWebhookDisabled(ctx context.Context, id int64, disabled bool) (*minsheng.Webhook, error) {
	err := s.w.do(ctx, func(tx *wtx) error {
		return s.txdb(ctx, tx).updateOne("UPDATE webhooks SET disabled = ? WHERE id = ?", disabled, id)
	})
	if err != nil {
		return nil, fmt.Errorf("webhook %d: %w", id, err)
	}
	return s.Webhook(ctx, id)
}
