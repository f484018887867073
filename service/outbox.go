package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"minsheng"
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

// WebhookPatch changes a webhook: only whether it is disabled, for now.
type WebhookPatch struct {
	Disabled *bool `json:"disabled"`
}

// UpdateWebhook stops or resumes a webhook. Errors: EINVALID (nothing to
// change), ENOTFOUND.
func (s *Service) UpdateWebhook(ctx context.Context, u *minsheng.User, id int64, p WebhookPatch) (*minsheng.Webhook, error) {
	if err := allow(u, minsheng.OpOutboxWrite); err != nil {
		return nil, err
	}
	if p.Disabled == nil {
		return nil, minsheng.Invalid("disabled", "required: true or false")
	}
	return s.store.SetWebhookDisabled(ctx, id, *p.Disabled)
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
