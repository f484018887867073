package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/service"
)

// The outbox page: an admin sees the notifications that could not be
// delivered (the dead letters), why, and sends one again. Kept apart from
// the other admin pages; it calls the same use cases as the JSON API.

// outboxPage is the data of the outbox page.
type outboxPage struct {
	Base
	Status  minsheng.NotifyStatus
	Tabs    []minsheng.NotifyStatus
	Rows    []*minsheng.OutboxMessage
	Retried int64
	// Webhooks are the receiving systems, each editable in place.
	Webhooks []*minsheng.Webhook
	Channels []minsheng.Channel
	// Hook is the webhook whose edit came back with Problem; Form its
	// fields as typed.
	Hook    int64
	Form    *minsheng.Webhook
	Problem string
	Done    string
	// New is the new webhook's form as typed when it came back with
	// Errors (field → message); Issued the webhook just made, with the
	// only sight of its secret.
	New    *minsheng.Webhook
	Errors map[string]string
	Issued *service.IssuedWebhook
}

// Err is the message under a field of the new webhook's form.
func (p *outboxPage) Err(field string) string { return p.Errors[field] }

// Has reports whether a webhook takes a channel, for its checkboxes.
func (p *outboxPage) Has(w *minsheng.Webhook, c minsheng.Channel) bool {
	return slices.Contains(w.Channels, c)
}

// CanOutbox reports whether the user sees the outbox, for the top bar's link.
func (b *Base) CanOutbox() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpOutboxRead) != minsheng.ScopeNone
}

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.outboxData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_outbox", p)
	return nil
}

func (s *Server) outboxData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*outboxPage, error) {
	status := minsheng.NotifyStatus(r.URL.Query().Get("status"))
	if status == "" {
		status = minsheng.NotifyDead
	}
	rows, err := s.svc.OutboxMessages(r.Context(), u, status, 0, 100)
	if err != nil {
		return nil, err
	}
	hooks, err := s.svc.Webhooks(r.Context(), u)
	if err != nil {
		return nil, err
	}
	b, err := s.staffBase(w, r, u, "outbox.title")
	if err != nil {
		return nil, err
	}
	p := &outboxPage{Base: b, Status: status, Rows: rows, Webhooks: hooks, Channels: minsheng.Channels,
		Tabs: []minsheng.NotifyStatus{minsheng.NotifyDead, minsheng.NotifyPending, minsheng.NotifyDelivered}}
	p.Retried, _ = strconv.ParseInt(r.URL.Query().Get("retried"), 10, 64)
	if r.URL.Query().Get("saved") == "1" {
		p.Done = b.T("admin.saved")
	}
	return p, nil
}

// webhookSave edits a webhook: name, URL, channels and whether it sends. A
// refused edit comes back with the message and what was typed.
func (s *Server) webhookSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := pathID(r, "webhook")
	if err != nil {
		return err
	}
	name, url := strings.TrimSpace(r.PostFormValue("name")), strings.TrimSpace(r.PostFormValue("url"))
	var chans []minsheng.Channel
	for _, c := range r.PostForm["channels"] {
		chans = append(chans, minsheng.Channel(c))
	}
	off := r.PostFormValue("disabled") == "1"
	_, err = s.svc.UpdateWebhook(r.Context(), u, id, service.WebhookPatch{Name: &name, URL: &url, Channels: &chans, Disabled: &off})
	if err == nil {
		http.Redirect(w, r, "/w/admin/outbox?saved=1#webhooks", http.StatusSeeOther)
		return nil
	}
	if minsheng.ErrorCode(err) != minsheng.EINVALID {
		return err
	}
	p, perr := s.outboxData(w, r, u)
	if perr != nil {
		return perr
	}
	p.Hook, p.Form = id, &minsheng.Webhook{ID: id, Name: name, URL: url, Channels: chans, Disabled: off}
	p.Problem = p.T("webhook.problem", fieldMessage(p.Lang, err))
	s.render(w, r, http.StatusUnprocessableEntity, "admin_outbox", p)
	return nil
}

// webhookDelete removes a webhook and what it has not yet been sent.
func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := pathID(r, "webhook")
	if err != nil {
		return err
	}
	if err := s.svc.DeleteWebhook(r.Context(), u, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/w/admin/outbox?saved=1#webhooks", http.StatusSeeOther)
	return nil
}

func (s *Server) outboxRetry(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return minsheng.Errorf(minsheng.ENOTFOUND, "no such notification")
	}
	if _, err := s.svc.RetryOutboxMessage(r.Context(), u, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/w/admin/outbox?retried="+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
