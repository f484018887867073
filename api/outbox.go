package api

import (
	"encoding/base64"
	"fmt"
	"net/http"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// outboxParams are the filters of the outbox listing.
var outboxParams = []Param{{"status", "string", "pending, delivered or dead (the dead letters, the default)"},
	{"before", "integer", "list ids below this one (the last id of the previous page)"}, {"limit", "integer", "1-200, default 50"}}

func (s *Server) listOutbox(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	status := minsheng.NotifyStatus(q.String("status", 20))
	before := q.ID("before")
	limit := q.Int("limit", 1, 200, 50)
	if err := q.Err(); err != nil {
		return err
	}
	v, err := s.svc.OutboxMessages(r.Context(), u, status, before, limit)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) retryOutbox(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "notification")
	if err != nil {
		return err
	}
	n, err := s.svc.RetryOutboxMessage(r.Context(), u, id)
	if err != nil {
		return err
	}
	return reply(w, false, n)
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Webhooks(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.NewWebhook
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	h, err := s.svc.CreateWebhook(r.Context(), u, in)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store") // the secret is shown once
	return reply(w, true, h)
}

func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "webhook")
	if err != nil {
		return err
	}
	var in service.WebhookPatch
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	h, err := s.svc.UpdateWebhook(r.Context(), u, id, in)
	if err != nil {
		return err
	}
	return reply(w, false, h)
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "webhook")
	if err != nil {
		return err
	}
	if err := s.svc.DeleteWebhook(r.Context(), u, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) casePhotos(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "case")
	if err != nil {
		return err
	}
	v, err := s.svc.CasePhotos(r.Context(), u, id)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) photo(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "photo")
	if err != nil {
		return err
	}
	p, err := s.svc.Photo(r.Context(), u, id)
	if err != nil {
		return err
	}
	httpx.WritePhoto(w, p)
	return nil
}

// MaxFieldReportBody bounds a field report's JSON body: its photos at their
// largest, base64-encoded, plus the ordinary body limit for the text, so a
// report whose every photo is within the photo limit always fits.
var MaxFieldReportBody = int64(base64.StdEncoding.EncodedLen(service.MaxFieldPhotos*minsheng.MaxPhotoBytes)) + httpx.MaxBody

func (s *Server) createFieldReport(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.FieldReport
	if err := httpx.DecodeLarge(w, r, &in, MaxFieldReportBody, "photos",
		fmt.Sprintf("a report takes at most %d photos of at most %d MB each", service.MaxFieldPhotos, minsheng.MaxPhotoBytes>>20)); err != nil {
		return err
	}
	c, err := s.svc.RecordFieldReport(r.Context(), u, in, r.Header.Get("Idempotency-Key"))
	if err != nil {
		return err
	}
	return reply(w, c.New, c)
}
