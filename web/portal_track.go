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
	// Rate is the rating form as typed, with its errors after a failed
	// attempt; Rated is set right after a rating, to say thank you.
	Rate  rateForm
	Rated bool
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
	s.showTrack(w, r, http.StatusOK, rateForm{}, "")
}

// showTrack renders the tracking page with status; rf is the rating form
// as typed after a failed attempt, and problem a message for the page.
func (s *Server) showTrack(w http.ResponseWriter, r *http.Request, status int, rf rateForm, problem string) {
	b := s.base(w, r, "track.title")
	code := r.PathValue("code")
	q := r.URL.Query()
	p := &trackPage{Base: b, Code: code, New: q.Get("new") == "1", Steps: steps(&b), Rate: rf,
		Rated: q.Get("rated") == "1", Problem: problem}
	t, err := s.svc.Track(r.Context(), clientIP(r), code)
	switch minsheng.ErrorCode(err) {
	case "":
		p.Tracking = t
		st := t.Status
		if t.MergedInto != nil {
			st = t.MergedInto.Status
		}
		p.Step = progress(st)
		s.render(w, r, status, "track", p)
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
