package web

import (
	"net/http"
	"strings"

	"minsheng"
	"minsheng/service"
)

// webhookCreate registers a receiving system from the outbox page through
// the same use case as POST /api/v1/admin/webhooks. The signing secret is
// shown in the answer itself, not after a redirect, so that a reload never
// shows it again; a refused form comes back with each message under its
// field and what was typed.
func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	in := service.NewWebhook{Name: strings.TrimSpace(r.PostFormValue("name")), URL: strings.TrimSpace(r.PostFormValue("url"))}
	for _, c := range r.PostForm["channels"] {
		in.Channels = append(in.Channels, minsheng.Channel(c))
	}
	hook, err := s.svc.CreateWebhook(r.Context(), u, in)
	p, perr := s.outboxData(w, r, u)
	if perr != nil {
		return perr
	}
	if err == nil {
		p.Issued = hook
		s.render(w, r, http.StatusCreated, "admin_outbox", p)
		return nil
	}
	if minsheng.ErrorCode(err) != minsheng.EINVALID {
		return err
	}
	p.New = &minsheng.Webhook{Name: in.Name, URL: in.URL, Channels: in.Channels}
	if f := minsheng.ErrorField(err); f == "name" || f == "url" || f == "channels" {
		p.Errors = map[string]string{f: fieldMessage(p.Lang, err)}
	} else {
		p.Problem = p.T("webhook.problem", fieldMessage(p.Lang, err))
	}
	s.render(w, r, http.StatusUnprocessableEntity, "admin_outbox", p)
	return nil
}
