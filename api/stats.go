package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
	"minsheng/stats"
)

// kpiParams document the KPI question for OpenAPI.
var kpiParams = []Param{{"from", "string", "first day, YYYY-MM-DD (Asia/Shanghai)"}, {"to", "string", "last day, included"},
	{"org_id", "integer", "the organisation and its subtree"}, {"category_id", "integer", "the category and its descendants"},
	{"channel", "string", "intake channel"}, {"group_by", "string", "org, category, channel, day, week or month; none: totals"}}

// kpiQuery reads a KPI question from the query string.
func kpiQuery(r *http.Request) (minsheng.KPIQuery, error) {
	q := httpx.NewQuery(r)
	k := minsheng.KPIQuery{From: q.String("from", 10), To: q.String("to", 10), OrgID: q.ID("org_id"),
		CategoryID: q.ID("category_id"), Channel: minsheng.Channel(q.String("channel", 20)),
		GroupBy: minsheng.KPIGroupBy(q.String("group_by", 10))}
	return k, q.Err()
}

// kpiAnswer parses the question and asks it; a role without access gets its
// 403 before any complaint about the parameters.
func (s *Server) kpiAnswer(r *http.Request, u *minsheng.User) (minsheng.KPIQuery, []minsheng.KPIItem, error) {
	q, perr := kpiQuery(r)
	if err := service.StatsAccess(u); err != nil {
		return q, nil, err
	}
	if perr != nil {
		return q, nil, perr
	}
	out, err := s.svc.KPIs(r.Context(), u, q)
	return q, out, err
}

func (s *Server) kpis(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	_, out, err := s.kpiAnswer(r, u)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, list(out))
	return nil
}

// kpisXLSX answers the same question as an Excel workbook to download.
func (s *Server) kpisXLSX(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q, out, err := s.kpiAnswer(r, u)
	if err != nil {
		return err
	}
	body, err := stats.Workbook(q, out)
	if err != nil {
		return err
	}
	httpx.Download(w, httpx.XLSX, "kpis-"+q.From+"-"+q.To+".xlsx", body)
	return nil
}
