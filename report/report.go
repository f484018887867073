// Package report makes the monthly analysis report (月度分析报告) that the
// hotline sends its leaders: figures against last month and last year, the
// categories that grew, hot topics, how each unit did, the cases that drag
// on, typical cases with their replies and suggestions drawn from the
// figures. It turns gathered figures into sentences and renders them as an
// HTML page (A4 print), an Excel workbook and a PDF; the use case in package
// service gathers the figures and checks who may ask.
package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"minsheng"
)

// Input is what the report is made from, gathered by the service.
type Input struct {
	// Month is "2026-10".
	Month string
	// This, LastMonth and LastYear are the totals of the month, the month
	// before and the same month a year earlier.
	This, LastMonth, LastYear minsheng.KPIItem
	// CatsThis and CatsLast are the KPI items by (leaf) category of the
	// month and the month before; Cats is the category tree.
	CatsThis, CatsLast []minsheng.KPIItem
	Cats               []minsheng.Category
	// Units are the handling units' figures for the month.
	Units []minsheng.KPIItem
	// Hotspots are the month's hot topics, hottest first, found among
	// HotspotBasis of the month's HotspotOf cases, sampled evenly, when it
	// had more than the detector is given (0: all).
	Hotspots                []Hotspot
	HotspotBasis, HotspotOf int
	// Repeated are the month's repeat calls (重复诉求, DOMAIN.md: the same
	// caller with a similar problem within minsheng.RepeatWindow), newest
	// first; Reopened are the month's cases reopened most after closure
	// (重办: the same case not solved), a different failure. LongOpen and
	// Returned are the cases open too long and returned most.
	Repeated, Reopened, LongOpen, Returned []CaseLine
	// Typical are cases worth reading with their replies.
	Typical []Typical
	// Generated is when the report was made.
	Generated time.Time
}

// Hotspot is a hot topic of the month: its key terms, where (if one place
// dominates), how many cases and a heat index for ordering.
type Hotspot struct {
	Terms string  `json:"terms"`
	Place string  `json:"place,omitempty"`
	Cases int     `json:"cases"`
	Heat  float64 `json:"heat"`
}

// CaseLine is a case as a line of the report: no personal data.
type CaseLine struct {
	ID       int64     `json:"id"`
	Number   string    `json:"number"`
	Title    string    `json:"title"`
	Org      string    `json:"org"`
	Status   string    `json:"status"`
	Received time.Time `json:"received"`
	Returns  int       `json:"returns"`
	Reopens  int       `json:"reopens"`
	SendBack int       `json:"send_backs"`
}

// Typical is a typical case: the request, the unit and its reply, and what
// the citizen said on the return visit.
type Typical struct {
	Number    string `json:"number"`
	Category  string `json:"category"`
	Title     string `json:"title"`
	Request   string `json:"request"`
	Org       string `json:"org"`
	Reply     string `json:"reply"`
	Solved    bool   `json:"solved"`
	Satisfied bool   `json:"satisfied"`
	Quality   int    `json:"quality"`
}

// CategoryRow is a category's cases this month and last, and the change.
type CategoryRow struct {
	ID    int64   `json:"id"`
	Name  string  `json:"name"`
	This  int64   `json:"this"`
	Last  int64   `json:"last"`
	Delta int64   `json:"delta"`
	Share float64 `json:"share"` // of the month's cases, 0..1
}

// Monthly is the report.
type Monthly struct {
	Month     string    `json:"month"`
	From      string    `json:"from"`
	To        string    `json:"to"`
	Generated time.Time `json:"generated"`
	// Summary is the report's opening paragraph, sentence by sentence.
	Summary                   []string         `json:"summary"`
	This, LastMonth, LastYear minsheng.KPIItem `json:"-"`
	Headline                  []Figure         `json:"headline"`
	Categories                []CategoryRow    `json:"categories"`
	Rising                    []CategoryRow    `json:"rising"`
	Hotspots                  []Hotspot        `json:"hotspots"`
	HotspotBasis              int              `json:"hotspot_basis,omitempty"`
	HotspotOf                 int              `json:"hotspot_of,omitempty"`
	Units                     []UnitRow        `json:"units"`
	UnitNotes                 []string         `json:"unit_notes"`
	Repeated                  []CaseLine       `json:"repeated"`
	Reopened                  []CaseLine       `json:"reopened"`
	LongOpen                  []CaseLine       `json:"long_open"`
	Returned                  []CaseLine       `json:"returned"`
	Typical                   []Typical        `json:"typical"`
	Suggestions               []string         `json:"suggestions"`
}

// Figure is one headline figure with last month's and last year's.
type Figure struct {
	Name      string   `json:"name"`
	Rate      bool     `json:"rate"`
	This      *float64 `json:"this"`
	LastMonth *float64 `json:"last_month"`
	LastYear  *float64 `json:"last_year"`
}

// UnitRow is a handling unit's month.
type UnitRow struct {
	Name         string   `json:"name"`
	Dispatched   int64    `json:"dispatched"`
	Closed       int64    `json:"closed"`
	CloseRate    *float64 `json:"close_rate"`
	OnTimeRate   *float64 `json:"on_time_rate"`
	SolveRate    *float64 `json:"solve_rate"`
	Satisfaction *float64 `json:"satisfaction_rate"`
	ReturnRate   *float64 `json:"return_rate"`
	SendBackRate *float64 `json:"send_back_rate"`
	Overdue      int64    `json:"overdue_open"`
}

// MonthRange is the first and last day of a month "2026-10"; a malformed
// month is EINVALID naming the field month.
func MonthRange(month string) (from, to time.Time, err error) {
	from, err = time.ParseInLocation("2006-01", month, minsheng.Shanghai)
	if err != nil || len(month) != 7 {
		return time.Time{}, time.Time{}, minsheng.Invalid("month", "a month YYYY-MM is required")
	}
	return from, from.AddDate(0, 1, -1), nil
}

// Build makes the report from its input.
func Build(in Input) (*Monthly, error) {
	from, to, err := MonthRange(in.Month)
	if err != nil {
		return nil, err
	}
	m := &Monthly{Month: in.Month, From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Generated: in.Generated,
		This: in.This, LastMonth: in.LastMonth, LastYear: in.LastYear, Hotspots: in.Hotspots, HotspotBasis: in.HotspotBasis, HotspotOf: in.HotspotOf,
		Repeated: in.Repeated, Reopened: in.Reopened, LongOpen: in.LongOpen, Returned: in.Returned, Typical: in.Typical}
	m.Headline = headline(in)
	m.Categories, m.Rising = categoryRows(in)
	m.Units = unitRows(in.Units)
	m.Summary = summary(m)
	m.UnitNotes = unitNotes(m.Units)
	m.Suggestions = suggestions(m)
	return m, nil
}

func count(n int64) *float64 { f := float64(n); return &f }

func headline(in Input) []Figure {
	row := func(name string, f func(minsheng.KPIItem) *float64, rate bool) Figure {
		return Figure{Name: name, Rate: rate, This: f(in.This), LastMonth: f(in.LastMonth), LastYear: f(in.LastYear)}
	}
	rates := func(g func(minsheng.KPIRates) *float64) func(minsheng.KPIItem) *float64 {
		return func(it minsheng.KPIItem) *float64 { return g(it.KPICounts.Rates()) }
	}
	return []Figure{
		row("受理量", func(it minsheng.KPIItem) *float64 { return count(it.Received) }, false),
		row("办结量", func(it minsheng.KPIItem) *float64 { return count(it.Closed) }, false),
		row("办结率", rates(func(r minsheng.KPIRates) *float64 { return r.CloseRate }), true),
		row("按时办结率", rates(func(r minsheng.KPIRates) *float64 { return r.OnTimeRate }), true),
		row("回访率", rates(func(r minsheng.KPIRates) *float64 { return r.VisitRate }), true),
		row("问题解决率", rates(func(r minsheng.KPIRates) *float64 { return r.SolveRate }), true),
		row("满意率", rates(func(r minsheng.KPIRates) *float64 { return r.SatisfactionRate }), true),
		row("退单率", rates(func(r minsheng.KPIRates) *float64 { return r.ReturnRate }), true),
		row("退回重办率", rates(func(r minsheng.KPIRates) *float64 { return r.SendBackRate }), true),
		row("重复诉求率", rates(func(r minsheng.KPIRates) *float64 { return r.RepeatRate }), true),
	}
}

// categoryRows adds leaf categories up to the top level for the mix, and
// ranks leaf categories by their growth over last month for rising issues
// (at least three more cases, so noise is not news).
func categoryRows(in Input) (top, rising []CategoryRow) {
	parent, names := map[int64]int64{}, map[int64]string{}
	for _, c := range in.Cats {
		parent[c.ID], names[c.ID] = c.ParentID, c.Name
	}
	root := func(id int64) int64 {
		for range 8 {
			if parent[id] == 0 {
				break
			}
			id = parent[id]
		}
		return id
	}
	leaf := map[int64]*CategoryRow{}
	get := func(id int64) *CategoryRow {
		if leaf[id] == nil {
			name := names[id]
			if id == 0 {
				name = "未分类"
			}
			leaf[id] = &CategoryRow{ID: id, Name: name}
		}
		return leaf[id]
	}
	for _, it := range in.CatsThis {
		get(*it.CategoryID).This += it.Received
	}
	for _, it := range in.CatsLast {
		get(*it.CategoryID).Last += it.Received
	}
	tops := map[int64]*CategoryRow{}
	for id, r := range leaf {
		t := root(id)
		if tops[t] == nil {
			name := names[t]
			if t == 0 {
				name = "未分类"
			}
			tops[t] = &CategoryRow{ID: t, Name: name}
		}
		tops[t].This += r.This
		tops[t].Last += r.Last
		r.Delta = r.This - r.Last
		if r.Delta >= 3 {
			rising = append(rising, *r)
		}
	}
	for _, r := range tops {
		r.Delta = r.This - r.Last
		if in.This.Received > 0 {
			r.Share = float64(r.This) / float64(in.This.Received)
		}
		if r.This > 0 || r.Last > 0 {
			top = append(top, *r)
		}
	}
	slices.SortFunc(top, func(a, b CategoryRow) int { return cmp.Or(cmp.Compare(b.This, a.This), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(rising, func(a, b CategoryRow) int { return cmp.Or(cmp.Compare(b.Delta, a.Delta), cmp.Compare(a.ID, b.ID)) })
	if len(rising) > 8 {
		rising = rising[:8]
	}
	return top, rising
}

func unitRows(items []minsheng.KPIItem) []UnitRow {
	var out []UnitRow
	for _, it := range items {
		r := it.KPICounts.Rates()
		u := UnitRow{Name: it.OrgName, Dispatched: it.Dispatched, Closed: it.Closed, OnTimeRate: r.OnTimeRate,
			SolveRate: r.SolveRate, Satisfaction: r.SatisfactionRate, ReturnRate: r.ReturnRate, SendBackRate: r.SendBackRate}
		if it.Dispatched > 0 {
			u.CloseRate = ptr(min(float64(it.Closed)/float64(it.Dispatched), 1))
		}
		if it.OverdueOpen != nil {
			u.Overdue = *it.OverdueOpen
		}
		out = append(out, u)
	}
	return out
}

func ptr(f float64) *float64 { return &f }

// pct formats a rate as "93.5%", "—" when undefined.
func pct(r *float64) string {
	if r == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", *r*100)
}
