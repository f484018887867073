package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"minsheng"
)

// dashCasesPage lists one unit's cases received in a period: where a row
// of the dashboard's league table leads.
type dashCasesPage struct {
	Base
	Heading string
	caseTable
}

func (s *Server) dashCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "dash.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	org, err := strconv.ParseInt(q.Get("org_id"), 10, 64)
	if err != nil || org <= 0 {
		return minsheng.Invalid("org_id", "an organisation id is required")
	}
	from, to := dashPeriod(r, b.now)
	start, err := time.ParseInLocation(time.DateOnly, from, minsheng.Shanghai)
	if err != nil {
		return minsheng.Invalid("from", "a date YYYY-MM-DD is required")
	}
	end, err := time.ParseInLocation(time.DateOnly, to, minsheng.Shanghai)
	if err != nil {
		return minsheng.Invalid("to", "a date YYYY-MM-DD is required")
	}
	cursor := q.Get("cursor")
	page, err := s.svc.ListCases(r.Context(), u, minsheng.CaseFilter{OrgID: org, From: start, To: end.AddDate(0, 0, 1), Cursor: cursor, Limit: 50})
	if err != nil {
		return err
	}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return err
	}
	name := strconv.FormatInt(org, 10)
	for _, o := range orgs {
		if o.ID == org {
			name = o.Name
		}
	}
	p := &dashCasesPage{Base: b, Heading: b.T("dash.cases", name)}
	p.Title = p.Heading
	v := url.Values{"org_id": {strconv.FormatInt(org, 10)}, "from": {from}, "to": {to}}
	p.fill(page, names, "/w/dash/cases?"+v.Encode(), cursor)
	s.render(w, r, http.StatusOK, "dash_cases", p)
	return nil
}
