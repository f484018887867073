package service

import (
	"context"
	"time"

	"minsheng"
	"minsheng/auth"
)

// PortalChannel is the channel of requests citizens submit on the portal.
const PortalChannel minsheng.Channel = "web"

// portalActor records who submitted a portal request: no account, so no
// user id; the name says where it came from in the timeline.
var portalActor = minsheng.Actor{Name: "市民（网站）"}

// newSubmitThrottle allows a handful of portal submissions per address per
// hour: enough for a family behind one router, too few for a flood.
func newSubmitThrottle() *auth.Throttle { return auth.NewThrottle(10, time.Hour) }

// SubmitPublic records a request a citizen made on the portal, without an
// account. The channel is always the web portal (whatever in says), and
// submissions are throttled per address (client), since anyone can call it.
// The answer carries the case number and tracking code but, unlike
// CreateCase, no suggestions or duplicates: those are for staff. The photos
// (made by NewPhoto) are stored in the case's own transaction.
func (s *Service) SubmitPublic(ctx context.Context, client string, in Intake, photos ...*minsheng.Photo) (*Created, error) {
	c := &minsheng.Case{Channel: PortalChannel, Citizen: in.Citizen, Title: in.Title, Content: in.Content,
		CategoryID: in.CategoryID, Address: in.Address, Lat: in.Lat, Lng: in.Lng,
		Urgency: minsheng.UrgencyNormal, WantsReply: in.WantsReply == nil || *in.WantsReply,
		PublishConsent: in.PublishConsent != nil && *in.PublishConsent}
	if err := c.Validate(); err != nil { // a mistyped form does not count against the address
		return nil, err
	}
	for _, p := range photos {
		if err := p.Validate(); err != nil {
			return nil, err
		}
	}
	now := s.Now()
	if ok, wait := s.submits.Allow(client, now); !ok {
		return nil, RetryAfter(wait, minsheng.Errorf(minsheng.ERATELIMIT, "too many requests from this address; try again later"))
	}
	s.submits.Fail(client, now) // every accepted submission counts
	pending := s.screen(ctx, c)
	_, err := s.store.CreateCase(ctx, c, portalActor, "", photos...)
	scr := pending.result()
	if err != nil {
		return nil, err
	}
	if scr != nil {
		s.assist.Admit(scr, c.ID) // so staff see it among possible duplicates
	}
	return &Created{ID: c.ID, Number: c.Number, TrackingCode: c.TrackingCode, Status: c.Status, Track: c.Track,
		DueAt: c.DueAt, CreatedAt: c.CreatedAt, New: true}, nil
}

// PortalCategories returns the enabled categories a citizen may choose from
// on the portal, parents before children; no account is needed.
func (s *Service) PortalCategories(ctx context.Context) ([]minsheng.Category, error) {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	out := cats[:0:0]
	for _, c := range cats {
		if !c.Disabled {
			out = append(out, c)
		}
	}
	return out, nil
}
