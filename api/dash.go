package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// dashParams document the dashboard's period for OpenAPI.
var dashParams = []Param{{"from", "string", "first day, YYYY-MM-DD (Asia/Shanghai)"}, {"to", "string", "last day, included"}}

// dashboard answers the analysts' dashboard as JSON, the same data the
// dashboard page draws its charts from.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := r.URL.Query()
	d, err := s.svc.Dashboard(r.Context(), u, service.DashQuery{From: q.Get("from"), To: q.Get("to")})
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, d)
	return nil
}

// monthlyReport answers the monthly analysis report as JSON: the figures,
// the sentences and the suggestions the HTML report shows.
func (s *Server) monthlyReport(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	m, err := s.svc.MonthlyReport(r.Context(), u, r.URL.Query().Get("month"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, m)
	return nil
}
