package web

import (
	"net/http"
	"net/url"
	"strings"

	"minsheng"
	"minsheng/service"
)

// rateForm is the citizen's rating as typed on the tracking page, kept when
// the form comes back with errors under its fields.
type rateForm struct {
	Solved       string // "yes", "no" or "" when not chosen
	Satisfaction string
	Note         string
	Errors       map[string]string
}

// Satisfactions lists the answers to "满意吗？", in the order shown.
func (rateForm) Satisfactions() []minsheng.Satisfaction {
	return []minsheng.Satisfaction{minsheng.Satisfied, minsheng.BasicallySatisfied, minsheng.Dissatisfied}
}

// trackRate takes the rating posted from the tracking page of a closed
// case, then sends the browser back to the page, which thanks the citizen
// and shows the rating; reloading it does not post again.
func (s *Server) trackRate(w http.ResponseWriter, r *http.Request) {
	lang := pickLang(w, r)
	r.Body = http.MaxBytesReader(w, r.Body, portalTextBytes)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, minsheng.Errorf(minsheng.EINVALID, "the form could not be read"))
		return
	}
	f := rateForm{Solved: r.PostForm.Get("solved"), Satisfaction: r.PostForm.Get("satisfaction"),
		Note: strings.TrimSpace(r.PostForm.Get("note")), Errors: map[string]string{}}
	if !anonCSRFOK(r) {
		s.showTrack(w, r, http.StatusForbidden, f, translate(lang, "form.stale"))
		return
	}
	if f.Solved != "yes" && f.Solved != "no" {
		f.Errors["solved"] = translate(lang, "rate.err.solved")
	}
	if !minsheng.Satisfaction(f.Satisfaction).Valid() {
		f.Errors["satisfaction"] = translate(lang, "rate.err.satisfaction")
	}
	if len(f.Errors) > 0 {
		s.showTrack(w, r, http.StatusUnprocessableEntity, f, "")
		return
	}
	solved := f.Solved == "yes"
	code := r.PathValue("code")
	_, err := s.svc.RateCase(r.Context(), clientIP(r), code,
		service.Rating{Solved: &solved, Satisfaction: minsheng.Satisfaction(f.Satisfaction), Note: f.Note})
	switch minsheng.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/track/"+url.PathEscape(code)+"?rated=1", http.StatusSeeOther)
	case minsheng.EINVALID:
		f.Errors[minsheng.ErrorField(err)] = fieldMessage(lang, err)
		s.showTrack(w, r, http.StatusUnprocessableEntity, f, "")
	case minsheng.ECONFLICT:
		s.showTrack(w, r, http.StatusConflict, rateForm{}, translate(lang, "rate.err.conflict"))
	case minsheng.ERATELIMIT:
		s.showTrack(w, r, http.StatusTooManyRequests, f, translate(lang, "rate.err.throttled"))
	case minsheng.ENOTFOUND:
		s.showTrack(w, r, http.StatusNotFound, rateForm{}, "")
	default:
		s.fail(w, r, err)
	}
}
