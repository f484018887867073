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

// channelList stores a webhook's channels between commas
// (",message_board,open311,") so that queueing finds a channel with one LIKE.
func channelList(chs []minsheng.Channel) string {
	out := make([]string, len(chs))
	for i, c := range chs {
		out[i] = string(c)
	}
	return "," + strings.Join(out, ",") + ","
}

// CreateWebhook registers a receiving system. Errors: EINVALID (bad fields,
// unknown user_id).
func (s *Store) CreateWebhook(ctx context.Context, w *minsheng.Webhook) error {
	if err := w.Validate(); err != nil {
		return err
	}
	w.CreatedAt = s.now()
	err := s.w.do(ctx, func(tx *wtx) error {
		var err error
		w.ID, err = s.txdb(ctx, tx).insert("INSERT INTO webhooks (name, url, secret, channels, user_id, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			w.Name, w.URL, w.Secret, channelList(w.Channels), nullID(w.UserID), w.Disabled, ms(w.CreatedAt))
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

// UpdateWebhook saves an edited webhook: its name, URL, channels and
// whether it is disabled (the secret and the account it serves stay).
// Notifications already queued go to the new URL; while it is disabled,
// nothing new is queued for it and what is queued fails until it is enabled
// again or ends among the dead letters. Errors: EINVALID, ENOTFOUND.
func (s *Store) UpdateWebhook(ctx context.Context, w *minsheng.Webhook) error {
	if err := w.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		return s.txdb(ctx, tx).updateOne("UPDATE webhooks SET name = ?, url = ?, channels = ?, disabled = ? WHERE id = ?",
			w.Name, w.URL, channelList(w.Channels), w.Disabled, w.ID)
	})
	if err != nil {
		return fmt.Errorf("webhook %d: %w", w.ID, err)
	}
	return nil
}

// DeleteWebhook removes a webhook together with its notifications that
// were not delivered (pending or dead), in one transaction, so nothing is
// left that can never be sent; delivered ones stay as the record of what
// went out. Errors: ENOTFOUND.
func (s *Store) DeleteWebhook(ctx context.Context, id int64) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		d := s.txdb(ctx, tx)
		if _, err := d.exec("DELETE FROM outbox WHERE webhook_id = ? AND kind = ? AND status <> ?", id,
			minsheng.NotifyWebhook, minsheng.NotifyDelivered); err != nil {
			return err
		}
		return d.updateOne("DELETE FROM webhooks WHERE id = ?", id)
	})
	if err != nil {
		return fmt.Errorf("delete webhook %d: %w", id, err)
	}
	return nil
}
