package service

import (
	"context"
	"strings"

	"minsheng"
)

// Intake is a new request as any channel supplies it (统一数据采集规范).
type Intake struct {
	Channel    minsheng.Channel `json:"channel"`
	ChannelRef string           `json:"channel_ref"`
	Citizen    minsheng.Citizen `json:"citizen"`
	Title      string           `json:"title"`
	Content    string           `json:"content"`
	CategoryID int64            `json:"category_id"`
	Address    string           `json:"address"`
	Lat        *float64         `json:"lat"`
	Lng        *float64         `json:"lng"`
	Urgency    minsheng.Urgency `json:"urgency"`
	WantsReply *bool            `json:"wants_reply"`
	// PublishConsent lets the hotline publish the reply (公开答复); absent is no.
	PublishConsent *bool `json:"publish_consent"`
}

// DefaultChannel is the channel of a request that names none: the phone line.
const DefaultChannel minsheng.Channel = "phone"

// MaxKey bounds an idempotency key.
const MaxKey = 200

// newCase turns an intake into a validated case in canonical form: the one
// place where every channel's request (API, portal, imports) gets the rules
// of the data-collection standard.
func (in Intake) newCase() (*minsheng.Case, error) {
	c := &minsheng.Case{Channel: in.Channel, ChannelRef: in.ChannelRef, Citizen: in.Citizen, Title: in.Title,
		Content: in.Content, CategoryID: in.CategoryID, Address: in.Address, Lat: in.Lat, Lng: in.Lng,
		Urgency: in.Urgency, WantsReply: in.WantsReply == nil || *in.WantsReply,
		PublishConsent: in.PublishConsent != nil && *in.PublishConsent}
	if c.Channel == "" {
		c.Channel = DefaultChannel
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// CreateCase records a new request. With an idempotency key, a retry returns
// the case made the first time (New false); the same key with another
// request is EUNPROCESSABLE. The answer carries suggestions and possible
// duplicates when the assistant runs.
func (s *Service) CreateCase(ctx context.Context, u *minsheng.User, in Intake, key string) (*Created, error) {
	if err := allow(u, minsheng.OpCaseCreate); err != nil {
		return nil, err
	}
	if len(key) > MaxKey || strings.ContainsRune(key, 0) {
		return nil, minsheng.Invalid("Idempotency-Key", "at most %d characters, no NUL", MaxKey)
	}
	c, err := in.newCase()
	if err != nil { // before any work is spent on it
		return nil, err
	}
	seatOf(u, c)
	pending := s.screen(ctx, c)
	created, err := s.store.CreateCase(ctx, c, minsheng.ActorOf(u), key)
	scr := pending.result()
	if err != nil {
		return nil, err
	}
	out := &Created{ID: c.ID, Number: c.Number, TrackingCode: c.TrackingCode, Status: c.Status, Track: c.Track,
		DueAt: c.DueAt, CreatedAt: c.CreatedAt, New: created}
	if scr == nil {
		return out, nil
	}
	if created {
		s.assist.Admit(scr, c.ID)
		s.heads.put(c, s.Now())
	}
	// The case is committed whatever happens here: a failure only leaves
	// the duplicates out.
	others := scr.Duplicates[:0:0] // a retried request must not list itself
	for _, d := range scr.Duplicates {
		if d.ID != c.ID {
			others = append(others, d)
		}
	}
	dups, err := s.duplicateViews(ctx, others)
	if err != nil {
		s.log.Warn("possible duplicates of a new case", "case", c.ID, "err", err)
	}
	out.Suggestions, out.PossibleDuplicates = &scr.Suggestions, dups
	return out, nil
}
