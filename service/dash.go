package service

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"minsheng"
	"minsheng/stats"
)

// DashQuery is the period a dashboard shows: Shanghai days From to To,
// both included.
type DashQuery struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Dashboard is what the analysts', supervisors' and leaders' dashboard
// shows: the period's figures against the same period last year, the mix
// of categories and channels, the departments and districts side by side,
// and the cases someone must chase.
type Dashboard struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Totals and LastYear are the period's figures and those of the same
	// days a year earlier.
	Totals   minsheng.KPIItem `json:"totals"`
	LastYear minsheng.KPIItem `json:"last_year"`
	// Days are the cases received each day, with the same day last year.
	Days []DayVolume `json:"days"`
	// Categories are top-level categories, most received first; Channels
	// likewise.
	Categories []Share `json:"categories"`
	Channels   []Share `json:"channels"`
	// Departments are the handling units under the city (departments and
	// public utilities) and Districts the districts, with their subtrees.
	Departments []minsheng.KPIItem `json:"departments"`
	Districts   []minsheng.KPIItem `json:"districts"`
	// The lists of cases to chase.
	Overdue  []CaseView `json:"overdue"`
	LongOpen []CaseView `json:"long_open"`
	// Repeated are the period's repeat calls (重复诉求, DOMAIN.md: the same
	// caller with a similar problem within minsheng.RepeatWindow), newest
	// first; Reopened are the period's cases reopened most after closure
	// (重办), a different failure: the same case not solved.
	Repeated []CaseView `json:"repeated"`
	Reopened []CaseView `json:"reopened"`
	Returned []CaseView `json:"returned"`
}

// DayVolume is one day's intake and the intake of the same day last year.
type DayVolume struct {
	Day      string `json:"day"`
	Received int64  `json:"received"`
	LastYear int64  `json:"last_year"`
}

// Share is one slice of a mix: a category or a channel and its cases.
type Share struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Received int64  `json:"received"`
}

// LongOpenAge is how long an open case must have waited to count as
// long-unresolved (久拖未决).
const LongOpenAge = 30 * 24 * time.Hour

// dashList is how many cases each list of a dashboard shows.
const dashList = 10

// Dashboard gathers one dashboard over every organisation; it is for the
// roles that read the whole city's figures (OpAnalysis).
func (s *Service) Dashboard(ctx context.Context, u *minsheng.User, q DashQuery) (*Dashboard, error) {
	if err := allow(u, minsheng.OpAnalysis); err != nil {
		return nil, err
	}
	kq := minsheng.KPIQuery{From: q.From, To: q.To}
	if err := kq.Validate(); err != nil {
		return nil, err
	}
	d := &Dashboard{From: q.From, To: q.To}
	// The period is read twice (by day; by organisation, category and
	// channel) and last year once, each a single read of the rollup.
	now, err := s.store.KPIGroups(ctx, kq, minsheng.KPITotal, minsheng.KPIByCat, minsheng.KPIByChan, minsheng.KPIByOrg)
	if err != nil {
		return nil, err
	}
	d.Totals = now[0][0]
	if d.Categories, err = s.categoryMix(ctx, now[1]); err != nil {
		return nil, err
	}
	d.Channels = channelMix(now[2])
	if d.Departments, d.Districts, err = s.orgLeague(ctx, now[3]); err != nil {
		return nil, err
	}
	kq.GroupBy = minsheng.KPIByDay
	days, err := s.store.KPIs(ctx, kq)
	if err != nil {
		return nil, err
	}
	ly := minsheng.KPIQuery{From: yearBefore(q.From), To: yearBefore(q.To)}
	ly.GroupBy = minsheng.KPIByDay
	before, err := s.store.KPIs(ctx, ly)
	if err != nil {
		return nil, err
	}
	// Last year's total is its days added up; overdue_open counts the open
	// cases past their deadline now, whatever the period, so it is this
	// period's, and the count over the open cases is not made twice.
	d.LastYear = minsheng.KPIItem{OverdueOpen: d.Totals.OverdueOpen}
	for _, it := range before {
		d.LastYear.KPICounts.Add(it.KPICounts)
	}
	d.Days = dayVolumes(days, before)
	if err := s.chaseLists(ctx, u, kq, d); err != nil {
		return nil, err
	}
	return d, nil
}

// yearBefore is the same calendar day a year earlier (29 February becomes
// 1 March); a malformed day is returned as it is, for Validate to refuse.
func yearBefore(day string) string {
	t, err := time.ParseInLocation(time.DateOnly, day, minsheng.Shanghai)
	if err != nil {
		return day
	}
	return t.AddDate(-1, 0, 0).Format(time.DateOnly)
}

// periodBounds is the instants of a KPI question's days: from the start of
// From to the start of the day after To, in Shanghai.
func periodBounds(q minsheng.KPIQuery) (time.Time, time.Time) {
	from, _ := time.ParseInLocation(time.DateOnly, q.From, minsheng.Shanghai)
	to, _ := time.ParseInLocation(time.DateOnly, q.To, minsheng.Shanghai)
	return from, to.AddDate(0, 0, 1)
}

func (s *Service) kpiTotal(ctx context.Context, q minsheng.KPIQuery) (minsheng.KPIItem, error) {
	items, err := s.store.KPIs(ctx, q)
	if err != nil || len(items) == 0 {
		return minsheng.KPIItem{}, err
	}
	return items[0], nil
}

// dayVolumes pairs each day of the period with the day at the same offset
// in last year's period, so weekdays line up as closely as dates allow.
func dayVolumes(now, before []minsheng.KPIItem) []DayVolume {
	out := make([]DayVolume, len(now))
	for i, it := range now {
		out[i] = DayVolume{Day: it.Day, Received: it.Received}
		if i < len(before) {
			out[i].LastYear = before[i].Received
		}
	}
	return out
}

// categoryMix adds the KPI categories up to their top-level category.
func (s *Service) categoryMix(ctx context.Context, items []minsheng.KPIItem) ([]Share, error) {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	parent, names := map[int64]int64{}, map[int64]string{}
	for _, c := range cats {
		parent[c.ID], names[c.ID] = c.ParentID, c.Name
	}
	top := func(id int64) int64 {
		for range 8 { // the tree has three levels; the bound guards a cycle
			if parent[id] == 0 {
				break
			}
			id = parent[id]
		}
		return id
	}
	sum := map[int64]int64{}
	for _, it := range items {
		if it.Received > 0 {
			sum[top(*it.CategoryID)] += it.Received
		}
	}
	out := make([]Share, 0, len(sum))
	for id, n := range sum {
		name := names[id]
		if id == 0 {
			name = "未分类"
		}
		out = append(out, Share{Key: strconv.FormatInt(id, 10), Name: name, Received: n})
	}
	sortShares(out)
	return out, nil
}

// channelMix is the channels with cases received, most first.
func channelMix(items []minsheng.KPIItem) []Share {
	var out []Share
	for _, it := range items {
		if it.Received > 0 {
			name := stats.ChannelNames[it.Channel]
			if name == "" {
				name = string(it.Channel)
			}
			out = append(out, Share{Key: string(it.Channel), Name: name, Received: it.Received})
		}
	}
	sortShares(out)
	return out
}

func sortShares(sh []Share) {
	slices.SortFunc(sh, func(a, b Share) int {
		return cmp.Or(cmp.Compare(b.Received, a.Received), cmp.Compare(a.Key, b.Key))
	})
}

// orgLeague splits the organisations under the city (KPIs by organisation)
// into handling units (departments and public utilities) and districts,
// each with its subtree's figures; units with nothing dispatched and
// nothing open are left out.
func (s *Service) orgLeague(ctx context.Context, items []minsheng.KPIItem) (units, districts []minsheng.KPIItem, err error) {
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range items {
		o := orgs.Org(*it.OrgID)
		if o == nil || (it.Dispatched == 0 && it.Closed == 0 && (it.OverdueOpen == nil || *it.OverdueOpen == 0)) {
			continue
		}
		switch o.Kind {
		case minsheng.OrgDepartment, minsheng.OrgCompany:
			units = append(units, it)
		case minsheng.OrgDistrict:
			districts = append(districts, it)
		}
	}
	byVolume := func(a, b minsheng.KPIItem) int {
		return cmp.Or(cmp.Compare(b.Dispatched, a.Dispatched), cmp.Compare(*a.OrgID, *b.OrgID))
	}
	slices.SortFunc(units, byVolume)
	slices.SortFunc(districts, byVolume)
	return units, districts, nil
}

// chaseLists fills the dashboard's lists: open cases past their deadline,
// the soonest due first; open cases waiting longer than LongOpenAge, oldest
// deadline first; the period's repeat calls, newest first; the period's
// cases reopened and returned most often.
func (s *Service) chaseLists(ctx context.Context, u *minsheng.User, q minsheng.KPIQuery, d *Dashboard) error {
	var err error
	// The lists show their first cases only: no totals, which would cost a
	// count over every open case.
	if d.Overdue, err = s.firstCases(ctx, u, minsheng.CaseFilter{Overdue: true, Sort: minsheng.SortDue, Limit: dashList}); err != nil {
		return err
	}
	if d.LongOpen, err = s.firstCases(ctx, u, minsheng.CaseFilter{Status: minsheng.OpenStatuses(), To: s.Now().Add(-LongOpenAge),
		Sort: minsheng.SortDue, Limit: dashList}); err != nil {
		return err
	}
	from, to := periodBounds(q)
	if d.Repeated, err = s.firstCases(ctx, u, minsheng.CaseFilter{RepeatOnly: true, From: from, To: to, Limit: dashList}); err != nil {
		return err
	}
	if d.Reopened, err = s.ranked(ctx, u, minsheng.CaseRanking{By: minsheng.RankReopens, From: from, To: to, Limit: dashList}); err != nil {
		return err
	}
	d.Returned, err = s.ranked(ctx, u, minsheng.CaseRanking{By: minsheng.RankReturns, From: from, To: to, Limit: dashList})
	return err
}

// firstCases lists the first cases of a filter as the user may see them.
func (s *Service) firstCases(ctx context.Context, u *minsheng.User, f minsheng.CaseFilter) ([]CaseView, error) {
	f.Scope = scopeFilter(u)
	cases, err := s.store.ListCases(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.views(ctx, u, cases)
}

// ranked runs a ranking and shows its cases as the user may see them.
func (s *Service) ranked(ctx context.Context, u *minsheng.User, q minsheng.CaseRanking) ([]CaseView, error) {
	cases, err := s.store.RankCases(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.views(ctx, u, cases)
}

// views shows cases as the user may see them.
func (s *Service) views(ctx context.Context, u *minsheng.User, cases []*minsheng.Case) ([]CaseView, error) {
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CaseView, len(cases))
	for i, c := range cases {
		out[i] = caseView(c, u, orgs, s.Now())
	}
	return out, nil
}
