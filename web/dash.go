package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"minsheng"
	"minsheng/report"
	"minsheng/service"
)

// dashPage is the analysts', supervisors' and leaders' dashboard: headline
// figures, charts drawn by dash.js from the JSON in the page, the league
// tables and the lists of cases to chase.
type dashPage struct {
	Base
	From, To string
	D        *service.Dashboard
	// Charts is the charts' data as JSON, for the <script type="application/json">
	// element that dash.js reads (the content security policy forbids inline script).
	Charts template.JS
	// Lists are the four chase lists as case tables.
	Lists []dashList
}

// dashList is one list of cases to chase under its heading.
type dashList struct {
	P     *dashPage
	Title string
	caseTable
}

// leagueView is a league table with the page that formats its figures.
type leagueView struct {
	P    *dashPage
	Rows []minsheng.KPIItem
}

// League is a league table of the page, for the "league" template.
func (p *dashPage) League(rows []minsheng.KPIItem) leagueView { return leagueView{P: p, Rows: rows} }

// dashCharts is what dash.js draws: labels in the page's language and the
// series.
type dashCharts struct {
	Labels     map[string]string   `json:"labels"`
	Days       []service.DayVolume `json:"days"`
	Categories []service.Share     `json:"categories"`
	Channels   []service.Share     `json:"channels"`
	Units      []dashPoint         `json:"units"`
}

// dashPoint is a unit on the satisfaction against solve rate chart, in
// percent; units without return visits are left off.
type dashPoint struct {
	Name         string  `json:"name"`
	Solve        float64 `json:"solve"`
	Satisfaction float64 `json:"satisfaction"`
	Visited      int64   `json:"visited"`
}

// CanAnalyse reports whether the user opens the dashboards and the monthly
// report, for the link in the left column; the permission table decides.
func (b *Base) CanAnalyse() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpAnalysis) != minsheng.ScopeNone
}

// Rate shows a rate as a percentage with one decimal, "—" when undefined.
func (b *Base) Rate(r *float64) string {
	if r == nil {
		return "—"
	}
	return strconv.FormatFloat(*r*100, 'f', 1, 64) + "%"
}

// dashPeriod reads the from and to days of a form, by default the thirty
// days up to today.
func dashPeriod(r *http.Request, now time.Time) (string, string) {
	q := r.URL.Query()
	from, to := q.Get("from"), q.Get("to")
	if to == "" {
		to = minsheng.KPIDay(now)
	}
	if from == "" {
		from = now.AddDate(0, 0, -29).In(minsheng.Shanghai).Format(time.DateOnly)
	}
	return from, to
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "dash.title")
	if err != nil {
		return err
	}
	if r.Header.Get("HX-Request") == "true" {
		// The left column refreshes itself by fetching the page again
		// (htmx, every 20 s); it needs the queue badges, not the figures.
		s.render(w, r, http.StatusOK, "home", &homePage{Base: b})
		return nil
	}
	from, to := dashPeriod(r, b.now)
	d, err := s.svc.Dashboard(r.Context(), u, service.DashQuery{From: from, To: to})
	if err != nil {
		return err
	}
	charts, err := dashChartData(&b, d)
	if err != nil {
		return err
	}
	p := &dashPage{Base: b, From: from, To: to, D: d, Charts: charts}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return err
	}
	for _, l := range []struct {
		key   string
		cases []service.CaseView
	}{{"dash.overdue", d.Overdue}, {"dash.long_open", d.LongOpen}, {"dash.repeated", d.Repeated}, {"dash.reopened", d.Reopened}, {"dash.returned", d.Returned}} {
		t := dashList{P: p, Title: b.T(l.key)}
		t.fill(&service.Page[service.CaseView]{Items: l.cases}, names, "", "")
		p.Lists = append(p.Lists, t)
	}
	s.render(w, r, http.StatusOK, "dash", p)
	return nil
}

// dashChartData puts the charts' series and labels into JSON. encoding/json
// escapes <, > and &, so the text cannot close the script element.
func dashChartData(b *Base, d *service.Dashboard) (template.JS, error) {
	c := dashCharts{Days: d.Days, Categories: d.Categories, Channels: make([]service.Share, len(d.Channels)),
		Labels: map[string]string{}}
	for _, k := range []string{"dash.volume", "dash.categories", "dash.channels", "dash.scatter", "dash.this",
		"dash.lastyear", "dash.units", "col.solve_rate", "col.satisfaction_rate"} {
		c.Labels[k] = b.T(k)
	}
	for i, ch := range d.Channels {
		ch.Name = b.T("channel." + ch.Key)
		c.Channels[i] = ch
	}
	for _, it := range d.Departments {
		r := it.KPICounts.Rates()
		if r.SolveRate != nil && r.SatisfactionRate != nil {
			c.Units = append(c.Units, dashPoint{Name: it.OrgName, Solve: *r.SolveRate * 100,
				Satisfaction: *r.SatisfactionRate * 100, Visited: it.Visited})
		}
	}
	out, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("dashboard charts: %w", err)
	}
	return template.JS(out), nil
}

// CasesURL is the list of a unit's cases received in the page's period.
func (p *dashPage) CasesURL(orgID *int64) string {
	if orgID == nil {
		return ""
	}
	v := url.Values{"org_id": {strconv.FormatInt(*orgID, 10)}, "from": {p.From}, "to": {p.To}}
	return "/w/dash/cases?" + v.Encode()
}

// Suspect is the gap by which a unit's satisfaction exceeds its solve rate
// in percentage points, when it is large enough to suggest pressed
// satisfaction (被满意); 0 otherwise.
func (p *dashPage) Suspect(it minsheng.KPIItem) float64 {
	r := it.KPICounts.Rates()
	if r.SolveRate == nil || r.SatisfactionRate == nil || it.Visited < 5 {
		return 0
	}
	if gap := (*r.SatisfactionRate - *r.SolveRate) * 100; gap >= report.SuspectGap {
		return gap
	}
	return 0
}

// Change is this period's intake against last year's, as "+12.5%".
func (p *dashPage) Change() string {
	if p.D.LastYear.Received == 0 {
		return ""
	}
	ch := float64(p.D.Totals.Received-p.D.LastYear.Received) / float64(p.D.LastYear.Received) * 100
	return fmt.Sprintf("%+.1f%%", ch)
}

// Overdue is the number of open cases past their deadline now.
func (p *dashPage) Overdue() int64 {
	if p.D.Totals.OverdueOpen == nil {
		return 0
	}
	return *p.D.Totals.OverdueOpen
}

// UnitCloseRate is a unit's close rate: its closed cases over the cases
// dispatched to it, since a unit receives nothing itself (the hotline
// does) and closed over received would always be undefined for it.
func (p *dashPage) UnitCloseRate(it minsheng.KPIItem) *float64 {
	if it.Dispatched == 0 {
		return nil
	}
	r := min(float64(it.Closed)/float64(it.Dispatched), 1)
	return &r
}
