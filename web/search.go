package web

import (
	"net/http"
	"net/url"
	"strings"

	"minsheng"
)

// searchPage lists the cases the top bar's search finds, newest first.
type searchPage struct {
	Base
	caseTable
}

// search looks a phone number up for roles that call citizens back, and
// searches the text (Chinese full text, case numbers included) otherwise;
// the service applies the user's scope and throttles phone lookups.
func (s *Server) search(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	b, err := s.staffBase(w, r, u, "search.label")
	if err != nil {
		return err
	}
	b.Query = q
	p := &searchPage{Base: b}
	if q == "" {
		s.render(w, r, http.StatusOK, "search", p)
		return nil
	}
	f := minsheng.CaseFilter{Query: q, Limit: 50}
	if looksLikePhone(q) && u.Role.SeesFullPhone() {
		f = minsheng.CaseFilter{Phone: q, Limit: 50}
	}
	cursor := r.URL.Query().Get("cursor")
	f.Cursor = cursor
	page, err := s.svc.ListCases(r.Context(), u, f)
	if err != nil {
		return err
	}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return err
	}
	p.fill(page, names, "/w/search?q="+url.QueryEscape(q), cursor)
	s.render(w, r, http.StatusOK, "search", p)
	return nil
}

// looksLikePhone is 7 to 20 digits, perhaps with + - and spaces.
func looksLikePhone(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' || r == '-' || r == ' ':
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 20
}
