package web

import (
	"net/http"
	"net/url"
	"strings"

	"minsheng"
	"minsheng/service"
)

// trackPage is the citizen's view of a case by its tracking code; with New
// set it is also the receipt shown right after submitting.
type trackPage struct {
	Base
	Code     string
	New      bool
	Tracking *service.Tracking
	// Step is how far the progress line has come: 0 received, 1 handling,
	// 2 replied, 3 closed.
	Step    int
	Steps   []string
	Problem string
}

// trackForm is the form asking for a tracking code; a code in the query
// (the form's GET) goes straight to its page.
func (s *Server) trackForm(w http.ResponseWriter, r *http.Request) {
	if code := strings.TrimSpace(r.URL.Query().Get("code")); code != "" {
		http.Redirect(w, r, "/track/"+url.PathEscape(code), http.StatusSeeOther)
		return
	}
	b := s.base(w, r, "track.title")
	s.render(w, r, http.StatusOK, "track", &trackPage{Base: b, Steps: steps(&b)})
}

func (s *Server) trackPage(w http.ResponseWriter, r *http.Request) {
	b := s.base(w, r, "track.title")
	code := r.PathValue("code")
	p := &trackPage{Base: b, Code: code, New: r.URL.Query().Get("new") == "1", Steps: steps(&b)}
	t, err := s.svc.Track(r.Context(), clientIP(r), code)
	switch minsheng.ErrorCode(err) {
	case "":
		p.Tracking = t
		st := t.Status
		if t.MergedInto != nil {
			st = t.MergedInto.Status
		}
		p.Step = progress(st)
		s.render(w, r, http.StatusOK, "track", p)
	case minsheng.ENOTFOUND, minsheng.EINVALID:
		p.Problem = b.T("track.unknown")
		s.render(w, r, http.StatusNotFound, "track", p)
	case minsheng.ERATELIMIT:
		p.Problem = b.T("track.throttled")
		s.render(w, r, http.StatusTooManyRequests, "track", p)
	default:
		s.fail(w, r, err)
	}
}

func steps(b *Base) []string {
	return []string{b.T("track.step.received"), b.T("track.step.handling"), b.T("track.step.replied"), b.T("track.step.closed")}
}

// progress places a state on the citizen's four-step line.
func progress(st minsheng.Status) int {
	switch st {
	case minsheng.StatusPendingDispatch:
		return 0
	case minsheng.StatusPendingVisit:
		return 2
	case minsheng.StatusClosed:
		return 3
	}
	return 1
}
