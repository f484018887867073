package web

import (
	"net/http"
	"strconv"

	"minsheng"
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
}

// CanOutbox reports whether the user sees the outbox, for the top bar's link.
func (b *Base) CanOutbox() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpOutboxRead) != minsheng.ScopeNone
}

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	status := minsheng.NotifyStatus(r.URL.Query().Get("status"))
	if status == "" {
		status = minsheng.NotifyDead
	}
	rows, err := s.svc.OutboxMessages(r.Context(), u, status, 0, 100)
	if err != nil {
		return err
	}
	b, err := s.staffBase(w, r, u, "outbox.title")
	if err != nil {
		return err
	}
	p := &outboxPage{Base: b, Status: status, Rows: rows,
		Tabs: []minsheng.NotifyStatus{minsheng.NotifyDead, minsheng.NotifyPending, minsheng.NotifyDelivered}}
	p.Retried, _ = strconv.ParseInt(r.URL.Query().Get("retried"), 10, 64)
	s.render(w, r, http.StatusOK, "admin_outbox", p)
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
