package service

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"minsheng"
	"minsheng/report"
	"minsheng/textmine/quality"
)

// reportList is how many cases each list of the report names.
const reportList = 10

// reportTypical is how many typical cases the report tells.
const reportTypical = 4

// MonthlyReport gathers and writes the monthly analysis report of a month
// ("2026-10") for the roles that read the whole city's figures.
func (s *Service) MonthlyReport(ctx context.Context, u *minsheng.User, month string) (*report.Monthly, error) {
	if err := allow(u, minsheng.OpAnalysis); err != nil {
		return nil, err
	}
	from, to, err := report.MonthRange(month)
	if err != nil {
		return nil, err
	}
	end := to.AddDate(0, 0, 1)
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	this := minsheng.KPIQuery{From: day(from), To: day(to)}
	last := minsheng.KPIQuery{From: day(from.AddDate(0, -1, 0)), To: day(from.AddDate(0, 0, -1))}
	lastYear := minsheng.KPIQuery{From: day(from.AddDate(-1, 0, 0)), To: day(from.AddDate(-1, 1, -1))}
	in := report.Input{Month: month, Generated: s.Now()}
	// The month and the month before are each read once from the rollup,
	// broken down as the report needs them.
	now, err := s.store.KPIGroups(ctx, this, minsheng.KPITotal, minsheng.KPIByCat, minsheng.KPIByOrg)
	if err != nil {
		return nil, err
	}
	in.This, in.CatsThis = now[0][0], now[1]
	if in.Units, _, err = s.orgLeague(ctx, now[2]); err != nil {
		return nil, err
	}
	before, err := s.store.KPIGroups(ctx, last, minsheng.KPITotal, minsheng.KPIByCat)
	if err != nil {
		return nil, err
	}
	in.LastMonth, in.CatsLast = before[0][0], before[1]
	if in.LastYear, err = s.kpiTotal(ctx, lastYear); err != nil {
		return nil, err
	}
	if in.Cats, err = s.store.Categories(ctx); err != nil {
		return nil, err
	}
	if in.Hotspots, in.HotspotBasis, in.HotspotOf, err = s.reportHotspots(ctx, from, end); err != nil {
		return nil, err
	}
	if err := s.reportCases(ctx, &in, from, end); err != nil {
		return nil, err
	}
	return report.Build(in)
}

// reportHotspotCases bounds the cases the report's hot topics are found
// among: clustering takes about a fifth of a millisecond a case, and a month
// of a million-case hotline (80,000 cases) would keep a leader waiting many
// seconds. A busier month is sampled evenly, and the report says so.
const reportHotspotCases = 2000

// reportHotspots finds the month's hot topics with the hotspot detector
// among at most reportHotspotCases of its cases spread over the month;
// basis and of are how many were read and how many the month had when it
// had more (0, 0: the whole month).
func (s *Service) reportHotspots(ctx context.Context, from, to time.Time) (out []report.Hotspot, basis, of int, err error) {
	cases, total, err := s.store.SampleTrendCases(ctx, from, to, reportHotspotCases)
	if err != nil {
		return nil, 0, 0, err
	}
	if total > len(cases) {
		basis, of = len(cases), total
	}
	topics := clusterTopics(cases, to, reportList)
	out = make([]report.Hotspot, len(topics))
	for i, t := range topics {
		out[i] = report.Hotspot{Terms: strings.Join(t.Terms, "、"), Place: t.Place, Cases: t.Count, Heat: t.Heat}
	}
	return out, basis, of, nil
}

// reportCases fills the report's case lists (repeat calls, most reopened,
// most returned, open too long) and typical cases.
func (s *Service) reportCases(ctx context.Context, in *report.Input, from, to time.Time) error {
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return err
	}
	line := func(c *minsheng.Case) report.CaseLine {
		l := report.CaseLine{ID: c.ID, Number: c.Number, Title: c.Title, Status: minsheng.StatusNames[c.Status], Received: c.CreatedAt,
			Returns: c.ReturnCount, Reopens: c.ReopenCount, SendBack: c.SendBacks}
		if o := orgs.Org(c.OrgID); o != nil {
			l.Org = o.Name
		}
		return l
	}
	lines := func(cs []*minsheng.Case) []report.CaseLine {
		out := make([]report.CaseLine, len(cs))
		for i, c := range cs {
			out[i] = line(c)
		}
		return out
	}
	for _, r := range []struct {
		by  minsheng.RankBy
		out *[]report.CaseLine
	}{{minsheng.RankReopens, &in.Reopened}, {minsheng.RankReturns, &in.Returned}} {
		cs, err := s.store.RankCases(ctx, minsheng.CaseRanking{By: r.by, From: from, To: to, Limit: reportList})
		if err != nil {
			return err
		}
		*r.out = lines(cs)
	}
	// The month's repeat calls, newest first, as the dashboard lists them.
	repeats, err := s.store.ListCases(ctx, minsheng.CaseFilter{RepeatOnly: true, From: from, To: to, Limit: reportList})
	if err != nil {
		return err
	}
	in.Repeated = lines(repeats)
	old, err := s.store.ListCases(ctx, minsheng.CaseFilter{Status: minsheng.OpenStatuses(), To: s.Now().Add(-LongOpenAge),
		Sort: minsheng.SortDue, Limit: reportList})
	if err != nil {
		return err
	}
	in.LongOpen = lines(old)
	closed, err := s.store.ClosedCases(ctx, from, to, minsheng.MaxPage)
	if err != nil {
		return err
	}
	in.Typical = typicalCases(closed, orgs, in.Cats)
	return nil
}

// typicalCases picks closed cases whose problem was solved and whose reply
// reads best (textmine/quality), one per category, the best first.
func typicalCases(cases []*minsheng.Case, orgs *minsheng.OrgTree, cats []minsheng.Category) []report.Typical {
	names := map[int64]string{}
	for _, c := range cats {
		names[c.ID] = c.Name
	}
	var out []report.Typical
	for _, c := range cases {
		if c.Reply == "" || c.Solved == nil || !*c.Solved || c.RepliedAt == nil {
			continue
		}
		q := quality.Assess(quality.Input{Request: c.Title + "\n" + c.Content, Reply: c.Reply, ReceivedAt: c.CreatedAt,
			RepliedAt: *c.RepliedAt, DueAt: c.DueAt})
		t := report.Typical{Number: c.Number, Category: names[c.CategoryID], Title: c.Title, Request: c.Content, Reply: c.Reply,
			Solved: true, Satisfied: c.Satisfaction == minsheng.Satisfied || c.Satisfaction == minsheng.BasicallySatisfied, Quality: q.Value}
		if o := orgs.Org(c.OrgID); o != nil {
			t.Org = o.Name
		}
		out = append(out, t)
	}
	slices.SortStableFunc(out, func(a, b report.Typical) int { return cmp.Compare(b.Quality, a.Quality) })
	var picked []report.Typical
	seen := map[string]bool{}
	for _, t := range out {
		if len(picked) < reportTypical && !seen[t.Category] {
			seen[t.Category] = true
			picked = append(picked, t)
		}
	}
	return picked
}
