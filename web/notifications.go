package web

import (
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/service"
)

// notificationsPage is the user's list of reminders and escalations.
type notificationsPage struct {
	Base
	List *service.NotificationList
	// Older is the link to the next page, empty on the last.
	Older string
}

// UnreadNotifications is the number the top bar shows beside its link to
// the notifications page; a failure shows no number rather than no page.
func (s *Server) UnreadNotifications(r *http.Request, u *minsheng.User) int {
	n, err := s.svc.UnreadNotifications(r.Context(), u)
	if err != nil {
		s.log.Warn("unread notifications", "err", err, "user_id", u.ID)
	}
	return n
}

func (s *Server) notifications(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "notice.title")
	if err != nil {
		return err
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	list, err := s.svc.Notifications(r.Context(), u, r.URL.Query().Get("unread") == "1", max(before, 0), 50)
	if err != nil {
		return err
	}
	p := &notificationsPage{Base: b, List: list}
	if list.NextBefore != 0 {
		p.Older = "/w/notifications?before=" + strconv.FormatInt(list.NextBefore, 10)
	}
	s.render(w, r, http.StatusOK, "notifications", p)
	return nil
}

// notificationRead marks one notification read (id) or all of them, then
// goes to the case or the surge alert it is about, or back to the list.
func (s *Server) notificationRead(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var id int64
	if v := r.PathValue("id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return minsheng.Errorf(minsheng.ENOTFOUND, "no such notification")
		}
		id = n
	}
	if _, err := s.svc.MarkNotificationsRead(r.Context(), u, id); err != nil {
		return err
	}
	to := "/w/notifications"
	if c, err := strconv.ParseInt(r.PostFormValue("case"), 10, 64); err == nil && c > 0 && id != 0 {
		to = "/w/cases/" + strconv.FormatInt(c, 10)
	} else if a, err := strconv.ParseInt(r.PostFormValue("alert"), 10, 64); err == nil && a > 0 && id != 0 {
		to = trendsURL(a)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// NoticeText is a notification's headline in the page's language.
func (b *Base) NoticeText(n minsheng.Notification) string {
	return b.T("notice." + string(n.Kind))
}
