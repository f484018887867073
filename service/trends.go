package service

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"minsheng"
	"minsheng/stats/surge"
	"minsheng/textmine/hotspot"
)

// HotspotDays are the periods the hotspot list is kept for.
var HotspotDays = []int{7, 30, 90}

// hotspotCases bounds the cases one hotspot list clusters (the newest):
// clustering takes about a millisecond a case on one core, and the list
// is recomputed every few minutes.
const hotspotCases = 20000

// surgeHistory is how many days of counts surge detection reads: a full
// baseline (112 days) and its guard week before the fortnight whose alarms
// are stored, with a week more for the CUSUM to start from.
const surgeHistory = 140

// Hotspots is the hotspot list of a period, as last computed.
type Hotspots struct {
	Days       int             `json:"days"`
	ComputedAt time.Time       `json:"computed_at"`
	Items      []hotspot.Topic `json:"items"`
}

// trendCache keeps the hotspot lists the background job computes, so that
// a request never clusters a month of cases itself (but for the first one
// after start, before the job has run).
type trendCache struct {
	mu  sync.Mutex
	hot map[int]*Hotspots
}

// Hotspots returns the hot topics of the last days (one of HotspotDays),
// from the cache the background job refreshes.
func (s *Service) Hotspots(ctx context.Context, u *minsheng.User, days int) (*Hotspots, error) {
	if err := allow(u, minsheng.OpTrendRead); err != nil {
		return nil, err
	}
	if !slices.Contains(HotspotDays, days) {
		return nil, minsheng.Invalid("days", "days must be one of %v", HotspotDays)
	}
	s.trends.mu.Lock()
	h := s.trends.hot[days]
	s.trends.mu.Unlock()
	if h != nil {
		return h, nil
	}
	return s.refreshHotspots(ctx, days)
}

// refreshHotspots computes one period's topics and caches them.
func (s *Service) refreshHotspots(ctx context.Context, days int) (*Hotspots, error) {
	now := s.Now()
	// A case received this very millisecond counts too.
	items, err := s.hotTopics(ctx, now.AddDate(0, 0, -days), now.Add(time.Millisecond), 20)
	if err != nil {
		return nil, err
	}
	return s.cacheHotspots(&Hotspots{Days: days, ComputedAt: now, Items: items}), nil
}

// cacheHotspots keeps a period's list for requests until the next refresh.
func (s *Service) cacheHotspots(h *Hotspots) *Hotspots {
	s.trends.mu.Lock()
	defer s.trends.mu.Unlock()
	if s.trends.hot == nil {
		s.trends.hot = map[int]*Hotspots{}
	}
	s.trends.hot[h.Days] = h
	return h
}

// hotTopics clusters the newest cases (at most hotspotCases) received in
// [from, to) into the top topics, with growth measured at to.
func (s *Service) hotTopics(ctx context.Context, from, to time.Time, top int) ([]hotspot.Topic, error) {
	cases, err := s.store.TrendCases(ctx, from, to, true, hotspotCases)
	if err != nil {
		return nil, err
	}
	return clusterTopics(cases, to, top), nil
}

// clusterTopics groups cases, oldest first, into the top topics at now.
func clusterTopics(cases []minsheng.TrendCase, now time.Time, top int) []hotspot.Topic {
	docs := make([]hotspot.Doc, len(cases))
	for i, c := range cases {
		docs[i] = hotspot.Doc{ID: c.ID, Title: c.Title, Text: c.Content, Place: c.Address, Citizen: c.Phone, At: c.CreatedAt}
	}
	if items := hotspot.Find(docs, hotspot.Options{Now: now, Top: top}); items != nil {
		return items
	}
	return []hotspot.Topic{}
}

// SurgeAlert is a stored surge with the names of its category and area.
type SurgeAlert struct {
	minsheng.Surge
	Category string  `json:"category"`
	Area     string  `json:"area"`
	Ratio    float64 `json:"ratio"`
}

// Surges lists the surge alerts raised in the last days (1 to 365),
// newest first.
func (s *Service) Surges(ctx context.Context, u *minsheng.User, days int) ([]SurgeAlert, error) {
	if err := allow(u, minsheng.OpTrendRead); err != nil {
		return nil, err
	}
	if days < 1 || days > 365 {
		return nil, minsheng.Invalid("days", "days must be from 1 to 365")
	}
	since := s.Now().In(shanghai).AddDate(0, 0, -days).Format(time.DateOnly)
	alerts, err := s.store.Surges(ctx, since)
	if err != nil {
		return nil, err
	}
	orgs, cats, err := s.orgsAndCategories(ctx)
	if err != nil {
		return nil, err
	}
	name := surgeNames(cats, orgs)
	out := make([]SurgeAlert, len(alerts))
	for i, a := range alerts {
		out[i] = nameSurge(a, name)
	}
	return out, nil
}

// orgsAndCategories reads the two trees that name and place cases.
func (s *Service) orgsAndCategories(ctx context.Context) (*minsheng.OrgTree, []minsheng.Category, error) {
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, nil, err
	}
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, nil, err
	}
	return orgs, cats, nil
}

// nameSurge adds names and the ratio of observed to expected to an alert.
func nameSurge(a minsheng.Surge, name func(minsheng.Surge) (string, string)) SurgeAlert {
	out := SurgeAlert{Surge: a}
	out.Category, out.Area = name(a)
	if a.Expected > 0 {
		out.Ratio = float64(int(a.Observed/a.Expected*100)) / 100
	}
	return out
}

// surgeNames returns a function naming an alert's category and area (the
// district organisation, 全市 for the whole city).
func surgeNames(cats []minsheng.Category, orgs *minsheng.OrgTree) func(minsheng.Surge) (category, area string) {
	catName := map[int64]string{}
	for _, c := range cats {
		catName[c.ID] = c.Name
	}
	return func(a minsheng.Surge) (string, string) {
		if o := orgs.Org(a.AreaID); o != nil {
			return catName[a.CategoryID], o.Name
		}
		return catName[a.CategoryID], "全市"
	}
}

// shanghai is the time zone days are counted in.
var shanghai = time.FixedZone("CST", 8*3600)

// SurgeRun says what one run of surge detection did.
type SurgeRun struct {
	// Skipped: another run held the job's lock, on this node or another.
	Skipped bool `json:"skipped"`
	// New is how many alerts were raised that were not raised before.
	New int `json:"new"`
}

// DetectSurges counts the cases of each first- and second-level category
// (大类 and 中类: a leaf alone is too sparse to test, and a rise in one
// 中类 can drown in its 大类) in each district per day
// over the last surgeHistory days (up to yesterday, the last whole day),
// runs the surge detector, and stores the alerts of the last two weeks that
// are new. Running it again raises nothing twice. Every new alert tells
// the active analysts and supervisors in their notifications, in the
// transaction that stores it (surgeTeller), so nobody is told twice.
//
// Raising alerts writes, so it runs on one node at a time under the
// "surges" job lock (a PostgreSQL advisory lock shared by every node, as
// the escalation job's): a node that finds it held skips its run, since
// the node holding it is doing the same work over the same cases. The
// hotspot lists, by contrast, are computed by every node for its own cache
// (RefreshHotspots): they only read, a node must have them to answer
// requests, and sharing them would add a table and its invalidation for
// work that costs each node a few seconds every few minutes.
func (s *Service) DetectSurges(ctx context.Context) (*SurgeRun, error) {
	unlock, ok, err := s.store.TryJobLock(ctx, "surges")
	if err != nil || !ok {
		return &SurgeRun{Skipped: true}, err
	}
	defer unlock()
	n, err := s.detectSurges(ctx)
	if err != nil {
		return nil, err
	}
	return &SurgeRun{New: n}, nil
}

// detectSurges is DetectSurges under the job's lock; it returns how many
// alerts were new.
func (s *Service) detectSurges(ctx context.Context) (int, error) {
	today := midnight(s.Now())
	start := today.AddDate(0, 0, -surgeHistory)
	cases, err := s.store.TrendCases(ctx, start, today, false, 0)
	if err != nil {
		return 0, err
	}
	orgs, cats, err := s.orgsAndCategories(ctx)
	if err != nil {
		return 0, err
	}
	areaOf, groupsOf := districts(orgs), categoryGroups(cats)
	// The series start on the first day with any request: the days before
	// a hotline's records begin are not days with no requests, and as
	// zeros in a baseline they would make every category seem to surge.
	first := surgeHistory
	for _, c := range cases {
		if d := dayIndex(c.CreatedAt, start); d >= 0 {
			first = min(first, d)
		}
	}
	start = start.AddDate(0, 0, first)
	days := surgeHistory - first
	index := map[surge.Key]int{}
	var series []surge.Series
	for _, c := range cases {
		d := dayIndex(c.CreatedAt, start)
		if d < 0 || d >= days {
			continue
		}
		area := areaOf(c.OrgPath, c.Address)
		for _, cat := range groupsOf(c.CategoryID) {
			k := surge.Key{CategoryID: cat, AreaID: area}
			i, ok := index[k]
			if !ok {
				i = len(series)
				index[k] = i
				series = append(series, surge.Series{Key: k, Start: start, Counts: make([]float64, days)})
			}
			series[i].Counts[d]++
		}
	}
	slices.SortFunc(series, func(a, b surge.Series) int {
		return cmp.Or(cmp.Compare(a.Key.CategoryID, b.Key.CategoryID), cmp.Compare(a.Key.AreaID, b.Key.AreaID))
	})
	found := specific(surge.Detect(series, surge.Options{Since: today.AddDate(0, 0, -14)}), cats)
	alerts := make([]minsheng.Surge, len(found))
	for i, a := range found {
		alerts[i] = minsheng.Surge{Kind: "surge", CategoryID: a.Key.CategoryID, AreaID: a.Key.AreaID,
			Day: a.Day.Format(time.DateOnly), From: a.From.Format(time.DateOnly), Observed: a.Observed, Expected: a.Expected, Score: a.Score}
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return 0, err
	}
	return s.store.SaveSurges(ctx, alerts, surgeTeller(users, surgeNames(cats, orgs)))
}

// specific drops a first-level category's alert when one of its
// second-level categories alerted in the same area within three days and
// brought at least half the excess: the finer alert says what rose.
func specific(alerts []surge.Alert, cats []minsheng.Category) []surge.Alert {
	parent := map[int64]int64{}
	for _, c := range cats {
		parent[c.ID] = c.ParentID
	}
	covered := func(a surge.Alert) bool {
		for _, b := range alerts {
			if b.Key.AreaID == a.Key.AreaID && b.Key.CategoryID != 0 && parent[b.Key.CategoryID] == a.Key.CategoryID &&
				absDays(a.Day.Sub(b.Day)) <= 3 && b.Observed-b.Expected >= (a.Observed-a.Expected)/2 {
				return true
			}
		}
		return false
	}
	out := alerts[:0:0]
	for _, a := range alerts {
		if !covered(a) {
			out = append(out, a)
		}
	}
	return out
}

// dayIndex is the day of t counted from the midnight start.
func dayIndex(t, start time.Time) int {
	return int(math.Floor(midnight(t).Sub(start).Hours()/24 + 0.5))
}

func absDays(d time.Duration) float64 {
	if d < 0 {
		d = -d
	}
	return d.Hours() / 24
}

// placeName is the name of a district as addresses write it: 东港区 for
// the organisation 东港区人民政府.
func placeName(org string) string {
	if i := strings.IndexAny(org, "区县"); i > 0 {
		return org[:i+len("区")]
	}
	return org
}

// categoryGroups returns a function from a category to the first- and
// second-level categories it belongs to (one when it is itself of level 1
// or unknown, none for 0).
func categoryGroups(cats []minsheng.Category) func(id int64) []int64 {
	parent := map[int64]int64{}
	for _, c := range cats {
		parent[c.ID] = c.ParentID
	}
	return func(id int64) []int64 {
		if id == 0 {
			return []int64{0}
		}
		chain := []int64{id}
		for p := parent[id]; p != 0 && len(chain) < 16; p = parent[p] {
			chain = append(chain, p)
		}
		if len(chain) == 1 {
			return chain
		}
		return []int64{chain[len(chain)-1], chain[len(chain)-2]}
	}
}

// midnight is the start of t's day in Asia/Shanghai.
func midnight(t time.Time) time.Time {
	y, m, d := t.In(shanghai).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, shanghai)
}

// districts returns a function from a case's handling organisation and
// address to its district: the district above the handling unit, else the
// district the address names (a case not yet dispatched), else 0 (a city
// department's case counts for the whole city).
func districts(orgs *minsheng.OrgTree) func(path, address string) int64 {
	var ds []*minsheng.Org
	for _, o := range orgs.List() {
		if o.Kind == minsheng.OrgDistrict {
			ds = append(ds, o)
		}
	}
	return func(path, address string) int64 {
		for _, o := range ds {
			if o.Contains(path) {
				return o.ID
			}
		}
		for _, o := range ds {
			if strings.Contains(address, placeName(o.Name)) {
				return o.ID
			}
		}
		return 0
	}
}

// RefreshTrends recomputes this node's hotspot lists and runs surge
// detection (unless another node is running it), at once: for tests and
// tools that cannot wait for the jobs.
func (s *Service) RefreshTrends(ctx context.Context) error {
	if err := s.RefreshHotspots(ctx); err != nil {
		return err
	}
	_, err := s.SurgeJob(ctx)
	return err
}

// RefreshHotspots recomputes the list of every period in HotspotDays for
// this node's cache. Every node runs it for itself (see DetectSurges for
// why): it reads and writes nothing to the database.
func (s *Service) RefreshHotspots(ctx context.Context) error {
	now := s.Now()
	to := now.Add(time.Millisecond) // a case received this very millisecond counts too
	// One read of the longest period serves the shorter ones: the newest
	// cases of a shorter period are the last of the longer one's.
	cases, err := s.store.TrendCases(ctx, now.AddDate(0, 0, -slices.Max(HotspotDays)), to, true, hotspotCases)
	if err != nil {
		return err
	}
	for _, d := range HotspotDays {
		i, _ := slices.BinarySearchFunc(cases, now.AddDate(0, 0, -d), func(c minsheng.TrendCase, from time.Time) int {
			return c.CreatedAt.Compare(from)
		})
		s.cacheHotspots(&Hotspots{Days: d, ComputedAt: now, Items: clusterTopics(cases[i:], to, 20)})
	}
	return nil
}

// SurgeJob is the background job's run of DetectSurges: it logs the new
// alerts.
func (s *Service) SurgeJob(ctx context.Context) (*SurgeRun, error) {
	run, err := s.DetectSurges(ctx)
	if err == nil && run.New > 0 {
		s.log.Info("surge alerts raised", "new", run.New)
	}
	return run, err
}

// SurgeEvery is how often the surge job runs: counts are per day, so an
// hour is fresh enough, and reading twenty weeks of cases every few
// minutes would not be.
const SurgeEvery = time.Hour
