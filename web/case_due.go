package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/service"
)

// duePage is the dispatch form's deadline preview, an htmx fragment.
type duePage struct {
	Base
	P *service.DuePreview
	// Bad is set when the typed deadline is not a date and time.
	Bad bool
}

// duePreview answers the dispatch form's deadline field as it changes:
// the deadline the case would get and how many working days that leaves,
// counted by the server on the holiday calendar.
func (s *Server) duePreview(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return minsheng.Errorf(minsheng.ENOTFOUND, "no such case")
	}
	p := &duePage{Base: s.base(w, r, "")}
	var custom time.Time
	if v := strings.TrimSpace(r.URL.Query().Get("due_at")); v != "" {
		if custom, err = time.ParseInLocation("2006-01-02T15:04", v, cst); err != nil {
			p.Bad = true
			custom = time.Time{}
		}
	}
	if p.P, err = s.svc.PreviewDue(r.Context(), u, id, custom); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "due", p)
	return nil
}
