package web

import (
	"net/http"

	"minsheng"
)

// homePage is where a role lands after sign-in: its queues with counts.
type homePage struct {
	Base
}

// staffBase is the base of a workbench page: the user and their queue
// badges for the left column.
func (s *Server) staffBase(w http.ResponseWriter, r *http.Request, u *minsheng.User, titleKey string) (Base, error) {
	b := s.base(w, r, titleKey)
	b.User = u
	qs, err := s.svc.Queues(r.Context(), u)
	if err != nil {
		return b, err
	}
	b.Queues = qs
	me, err := s.svc.Me(r.Context(), u)
	if err != nil {
		return b, err
	}
	b.OrgName = me.OrgName
	b.Unread = s.UnreadNotifications(r, u)
	return b, nil
}

func (s *Server) home(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "home.title")
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "home", &homePage{Base: b})
	return nil
}
