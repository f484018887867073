package web

import (
	"bytes"
	"html/template"
	"net/http"
	"time"

	"minsheng"
	"minsheng/httpx"
	"minsheng/report"
)

// reportToolbar is the strip above the web's report: the month form, the
// workbook and the way back. Print leaves it out.
var reportToolbar = template.Must(template.New("toolbar").Parse(`<a href="/w/dash">← {{.Back}}</a>
<form method="get" action="/w/report"><label for="month">{{.Month}}</label> <input id="month" name="month" type="month" value="{{.Value}}" required> <button type="submit">{{.Open}}</button></form>
<a href="/w/report.xlsx?month={{.Value}}">{{.XLSX}}</a> <span>{{.Print}}: Ctrl+P</span>`))

// reportMonth is the month asked for, by default last month.
func reportMonth(r *http.Request, now time.Time) string {
	if m := r.URL.Query().Get("month"); m != "" {
		return m
	}
	return now.In(minsheng.Shanghai).AddDate(0, 0, -now.In(minsheng.Shanghai).Day()).Format("2006-01")
}

// reportPage renders the monthly report as its own document, not inside
// the workbench, so that it prints as the A4 report leaders receive.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b := s.base(w, r, "report.title")
	month := reportMonth(r, b.now)
	m, err := s.svc.MonthlyReport(r.Context(), u, month)
	if err != nil {
		return err
	}
	var bar bytes.Buffer
	err = reportToolbar.Execute(&bar, struct{ Back, Month, Value, Open, XLSX, Print string }{
		b.T("dash.title"), b.T("report.month"), month, b.T("report.open"), b.T("report.xlsx"), b.T("report.print")})
	if err != nil {
		return err
	}
	css, err := s.assets.url("report.css")
	if err != nil {
		return err
	}
	var page bytes.Buffer
	if err := report.HTML(&page, m, report.Page{StyleHref: css, Toolbar: template.HTML(bar.String())}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.Write(page.Bytes())
	return nil
}

// reportWorkbook sends the monthly report as an Excel workbook.
func (s *Server) reportWorkbook(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b := s.base(w, r, "")
	month := reportMonth(r, b.now)
	m, err := s.svc.MonthlyReport(r.Context(), u, month)
	if err != nil {
		return err
	}
	body, err := report.Workbook(m)
	if err != nil {
		return err
	}
	httpx.Download(w, httpx.XLSX, "report-"+m.Month+".xlsx", body)
	return nil
}
