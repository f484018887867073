package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"minsheng"
	"minsheng/outbox"
)

// NewWebhook is what an admin supplies to register a receiving system. A
// zero Secret is generated; UserID limits the webhook to the cases that
// account (an API key's machine account) sent in.
type NewWebhook struct {
	Name     string             `json:"name"`
	URL      string             `json:"url"`
	Channels []minsheng.Channel `json:"channels"`
	UserID   int64              `json:"user_id"`
	Secret   string             `json:"secret"`
}

// IssuedWebhook is a new webhook with its signing secret: the only time the
// secret is shown.
type IssuedWebhook struct {
	minsheng.Webhook
	Secret string `json:"secret"`
}

// CreateWebhook registers a system that receives its channels' answers.
func (s *Service) CreateWebhook(ctx context.Context, u *minsheng.User, in NewWebhook) (*IssuedWebhook, error) {
	if err := allow(u, minsheng.OpOutboxWrite); err != nil {
		return nil, err
	}
	if in.Secret == "" {
		var b [24]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		in.Secret = "whsec_" + hex.EncodeToString(b[:])
	}
	w := &minsheng.Webhook{Name: in.Name, URL: in.URL, Channels: in.Channels, UserID: in.UserID, Secret: in.Secret}
	if err := s.checkWebhook(ctx, w); err != nil {
		return nil, err
	}
	if err := s.store.CreateWebhook(ctx, w); err != nil {
		return nil, err
	}
	return &IssuedWebhook{Webhook: *w, Secret: w.Secret}, nil
}

// Webhooks lists the registered systems, without their secrets.
func (s *Service) Webhooks(ctx context.Context, u *minsheng.User) ([]*minsheng.Webhook, error) {
	if err := allow(u, minsheng.OpOutboxRead); err != nil {
		return nil, err
	}
	return s.store.Webhooks(ctx)
}

// WebhookPatch changes a webhook; nil fields stay as they are. The secret
// and the account a webhook serves are fixed at creation: to change them,
// delete the webhook and make a new one.
type WebhookPatch struct {
	Name     *string             `json:"name"`
	URL      *string             `json:"url"`
	Channels *[]minsheng.Channel `json:"channels"`
	Disabled *bool               `json:"disabled"`
}

// UpdateWebhook edits a webhook, or stops or resumes its deliveries. A new
// URL is checked like a new webhook's. Errors: EINVALID (nothing to change,
// bad fields), ENOTFOUND.
func (s *Service) UpdateWebhook(ctx context.Context, u *minsheng.User, id int64, p WebhookPatch) (*minsheng.Webhook, error) {
	if err := allow(u, minsheng.OpOutboxWrite); err != nil {
		return nil, err
	}
	if p.Name == nil && p.URL == nil && p.Channels == nil && p.Disabled == nil {
		return nil, minsheng.Invalid("disabled", "required: one of name, url, channels, disabled")
	}
	w, err := s.store.Webhook(ctx, id)
	if err != nil {
		return nil, err
	}
	set(&w.Name, p.Name)
	set(&w.Channels, p.Channels)
	set(&w.Disabled, p.Disabled)
	if p.URL != nil {
		w.URL = *p.URL
		if err := s.checkWebhook(ctx, w); err != nil {
			return nil, err
		}
	}
	if err := s.store.UpdateWebhook(ctx, w); err != nil {
		return nil, err
	}
	s.audit(u, "update webhook", id)
	return w, nil
}

// DeleteWebhook removes a webhook and its notifications not yet delivered.
// Errors: ENOTFOUND.
func (s *Service) DeleteWebhook(ctx context.Context, u *minsheng.User, id int64) error {
	if err := allow(u, minsheng.OpOutboxWrite); err != nil {
		return err
	}
	if err := s.store.DeleteWebhook(ctx, id); err != nil {
		return err
	}
	s.audit(u, "delete webhook", id)
	return nil
}

// checkWebhook validates a webhook and refuses a target on a loopback,
// private or link-local address unless PrivateWebhooks allows it; the
// outbox checks the address again on every connection.
func (s *Service) checkWebhook(ctx context.Context, w *minsheng.Webhook) error {
	if err := w.Validate(); err != nil {
		return err
	}
	return outbox.CheckTarget(ctx, w.URL, s.PrivateWebhooks)
}

// Notifications lists the outbox in one state (pending, delivered or dead,
// the dead letters by default), newest first, before the id before.
func (s *Service) OutboxMessages(ctx context.Context, u *minsheng.User, status minsheng.NotifyStatus, before int64, limit int) ([]*minsheng.OutboxMessage, error) {
	if err := allow(u, minsheng.OpOutboxRead); err != nil {
		return nil, err
	}
	switch status {
	case "":
		status = minsheng.NotifyDead
	case minsheng.NotifyPending, minsheng.NotifyDelivered, minsheng.NotifyDead:
	default:
		return nil, minsheng.Invalid("status", "pending, delivered or dead")
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return s.store.OutboxMessages(ctx, status, before, limit)
}

// RetryOutboxMessage sends a dead letter again. Errors: ENOTFOUND, ECONFLICT
// (not dead).
func (s *Service) RetryOutboxMessage(ctx context.Context, u *minsheng.User, id int64) (*minsheng.OutboxMessage, error) {
	if err := allow(u, minsheng.OpOutboxWrite); err != nil {
		return nil, err
	}
	return s.store.RetryOutboxMessage(ctx, id)
}
