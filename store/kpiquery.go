package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"minsheng"
)

// KPIs answers a KPI question from the rollup, with overdue_open counted live
// from the open cases' deadline index. Organisation 0 in the rollup (events
// before dispatch) belongs to the hotline office, so it is in the subtree of
// the hotline and its ancestors. Errors: EINVALID for a bad question or an
// unknown organisation or category.
func (s *Store) KPIs(ctx context.Context, q minsheng.KPIQuery) ([]minsheng.KPIItem, error) {
	out, err := s.KPIGroups(ctx, q, q.GroupBy)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// KPIGroups answers one question broken down several ways (q.GroupBy is
// not used), from one read of the rollup and one count of the overdue
// cases: a dashboard asks for the totals, categories, channels and
// organisations of the same period, and a month of a million cases is tens
// of thousands of rollup rows, too many to read once for each. The answers
// come in the order of by, each as KPIs would give it. Errors: as KPIs.
func (s *Store) KPIGroups(ctx context.Context, q minsheng.KPIQuery, by ...minsheng.KPIGroupBy) ([][]minsheng.KPIItem, error) {
	for _, g := range by {
		q.GroupBy = g
		if err := q.Validate(); err != nil {
			return nil, err
		}
	}
	q.GroupBy = minsheng.KPITotal
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	pc, err := s.policyCache(ctx)
	if err != nil {
		return nil, err
	}
	cats := map[int64]string{}
	for _, c := range pc.cats {
		cats[c.ID] = c.Name
	}
	if q.CategoryID != 0 && cats[q.CategoryID] == "" {
		return nil, minsheng.Invalid("category_id", "no such category")
	}
	var base *minsheng.Org
	if q.OrgID != 0 {
		if base = orgs.Org(q.OrgID); base == nil {
			return nil, minsheng.Invalid("org_id", "no such organisation")
		}
	}
	gs := make([]*kpiGrouper, len(by))
	for i, g := range by {
		gq := q
		gq.GroupBy = g
		gs[i] = &kpiGrouper{q: gq, orgs: orgs, hotline: hotlineOf(orgs), cats: cats}
		gs[i].setBase(base)
	}
	if err := s.kpiRollupRows(ctx, q, base, gs); err != nil {
		return nil, err
	}
	if err := s.kpiOverdue(ctx, q, base, gs); err != nil {
		return nil, err
	}
	out := make([][]minsheng.KPIItem, len(gs))
	for i, g := range gs {
		out[i] = g.items()
	}
	return out, nil
}

// kpiKeyColumns are the rollup's key columns a breakdown groups by, in the
// order kpiRollupRows selects them.
var kpiKeyColumns = []struct {
	col string
	by  func(minsheng.KPIGroupBy) bool
}{
	{"day", minsheng.KPIGroupBy.Timely},
	{"org_id", func(g minsheng.KPIGroupBy) bool { return g == minsheng.KPIByOrg }},
	{"category_id", func(g minsheng.KPIGroupBy) bool { return g == minsheng.KPIByCat }},
	{"channel", func(g minsheng.KPIGroupBy) bool { return g == minsheng.KPIByChan }},
}

// kpiRollupRows sums the rollup rows of the question by the key columns
// the groupers need, and adds each sum to its item in every grouper.
func (s *Store) kpiRollupRows(ctx context.Context, q minsheng.KPIQuery, base *minsheng.Org, gs []*kpiGrouper) error {
	conds, args := []string{"day >= ? AND day <= ?"}, []any{q.From, q.To}
	ocond, oargs := kpiOrgCond("org_id", "org_id = 0", base, hotlineOf(gs[0].orgs))
	ccond, cargs := kpiCatCond("category_id", q.CategoryID)
	conds, args = append(conds, ocond...), append(args, oargs...)
	conds, args = append(conds, ccond...), append(args, cargs...)
	if q.Channel != "" {
		conds, args = append(conds, "channel = ?"), append(args, string(q.Channel))
	}
	// keyOf[i] is where grouper i's key is among the selected key
	// columns (-1: the total's empty key).
	var cols []string
	keyOf := make([]int, len(gs))
	for i := range keyOf {
		keyOf[i] = -1
	}
	for _, k := range kpiKeyColumns {
		used := false
		for i, g := range gs {
			if k.by(g.q.GroupBy) {
				keyOf[i], used = len(cols), true
			}
		}
		if used {
			cols = append(cols, k.col)
		}
	}
	sums := make([]string, len(kpiCounterColumns))
	for i, c := range kpiCounterColumns {
		sums[i] = "COALESCE(SUM(" + c + "), 0)"
	}
	sqlq := "SELECT " + strings.Join(append(slices.Clone(cols), sums...), ", ") + " FROM kpi_daily WHERE " + strings.Join(conds, " AND ")
	if len(cols) > 0 {
		sqlq += " GROUP BY " + strings.Join(cols, ", ")
	}
	rows, err := s.rdb(ctx).rows(sqlq, args...)
	if err != nil {
		return fmt.Errorf("kpis: %w", err)
	}
	defer rows.Close()
	keys := make([]string, len(cols))
	for rows.Next() {
		var k minsheng.KPICounts
		dest := make([]any, 0, len(cols)+len(kpiCounterColumns))
		for i := range keys {
			dest = append(dest, &keys[i])
		}
		for _, f := range k.Fields() {
			dest = append(dest, f)
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("kpis: %w", err)
		}
		for i, g := range gs {
			key := ""
			if keyOf[i] >= 0 {
				key = keys[keyOf[i]]
			}
			g.item(key).KPICounts.Add(k)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("kpis: %w", err)
	}
	return nil
}

// kpiOrgCond limits a query to an organisation's subtree by the materialised
// paths; none0 is the condition for rows of the hotline before dispatch,
// included when the hotline is in the subtree.
func kpiOrgCond(col, none0 string, base, hotline *minsheng.Org) ([]string, []any) {
	if base == nil {
		return nil, nil
	}
	c := col + " IN (SELECT id FROM orgs WHERE path LIKE ?)"
	if hotline != nil && strings.HasPrefix(hotline.Path, base.Path) {
		c = "(" + c + " OR " + none0 + ")"
	}
	return []string{c}, []any{base.Path + "%"}
}

// kpiCatCond limits a query to a category and its descendants (three levels).
func kpiCatCond(col string, id int64) ([]string, []any) {
	if id == 0 {
		return nil, nil
	}
	return []string{col + ` IN (SELECT id FROM categories WHERE id = ? OR parent_id = ?
OR parent_id IN (SELECT id FROM categories WHERE parent_id = ?))`}, []any{id, id, id}
}

// kpiOverdue counts the open cases past their deadline now, by organisation,
// category and channel, and adds them to the groups of every grouper that
// does not break the period down by time (overdue is now, not a day's).
func (s *Store) kpiOverdue(ctx context.Context, q minsheng.KPIQuery, base *minsheng.Org, all []*kpiGrouper) error {
	var gs []*kpiGrouper
	for _, g := range all {
		if !g.q.GroupBy.Timely() {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return nil
	}
	// openPredicate, word for word, lets the planners use the partial index
	// cases_due, which holds every column the count needs.
	conds, args := []string{openPredicate, overdueCond("")}, []any{ms(s.now())}
	ocond, oargs := kpiOrgCond("org_id", "org_id IS NULL", base, gs[0].hotline)
	ccond, cargs := kpiCatCond("category_id", q.CategoryID)
	conds, args = append(conds, ocond...), append(args, oargs...)
	conds, args = append(conds, ccond...), append(args, cargs...)
	if q.Channel != "" {
		conds, args = append(conds, "channel = ?"), append(args, string(q.Channel))
	}
	rows, err := s.rdb(ctx).rows(`SELECT COALESCE(org_id, 0), COALESCE(category_id, 0), channel, COUNT(*) FROM cases
WHERE `+strings.Join(conds, " AND ")+" GROUP BY org_id, category_id, channel", args...)
	if err != nil {
		return fmt.Errorf("overdue cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var org, cat, n int64
		var ch string
		if err := rows.Scan(&org, &cat, &ch, &n); err != nil {
			return fmt.Errorf("overdue cases: %w", err)
		}
		for _, g := range gs {
			key := map[minsheng.KPIGroupBy]string{minsheng.KPIByOrg: strconv.FormatInt(org, 10),
				minsheng.KPIByCat: strconv.FormatInt(cat, 10), minsheng.KPIByChan: ch}[g.q.GroupBy]
			it := g.item(key)
			if it.OverdueOpen == nil {
				it.OverdueOpen = new(int64)
			}
			*it.OverdueOpen += n
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("overdue cases: %w", err)
	}
	for _, g := range gs {
		for _, it := range g.list {
			if it.OverdueOpen == nil {
				it.OverdueOpen = new(int64)
			}
		}
	}
	return nil
}

// hotlineOf is the hotline office, which holds cases before dispatch.
func hotlineOf(orgs *minsheng.OrgTree) *minsheng.Org {
	for _, o := range orgs.List() {
		if o.Kind == minsheng.OrgHotline {
			return o
		}
	}
	return nil
}

// kpiGrouper gathers rows into the answer's items. Organisations group by
// the child of the asked organisation (or of the root) that contains them,
// so a league table shows departments and districts with their subtrees;
// days group into weeks and months, and every period of the range and every
// such organisation gets an item, empty or not, so charts have no holes.
type kpiGrouper struct {
	q       minsheng.KPIQuery
	orgs    *minsheng.OrgTree
	hotline *minsheng.Org
	cats    map[int64]string
	base    int64 // organisation whose children are the groups; 0: the roots
	byKey   map[string]*minsheng.KPIItem
	list    []*minsheng.KPIItem
}

func (g *kpiGrouper) setBase(base *minsheng.Org) {
	g.byKey = map[string]*minsheng.KPIItem{}
	switch {
	case base != nil:
		g.base = base.ID
	default:
		var roots []*minsheng.Org
		for _, o := range g.orgs.List() {
			if o.ParentID == 0 {
				roots = append(roots, o)
			}
		}
		if len(roots) == 1 {
			g.base = roots[0].ID
		}
	}
	switch {
	case g.q.GroupBy == minsheng.KPITotal:
		g.item("")
	case g.q.GroupBy == minsheng.KPIByOrg:
		for _, o := range g.orgs.List() {
			if o.ParentID == g.base && o.ID != g.base {
				g.item(strconv.FormatInt(o.ID, 10))
			}
		}
	case g.q.GroupBy.Timely():
		from, _ := time.ParseInLocation(time.DateOnly, g.q.From, minsheng.Shanghai)
		to, _ := time.ParseInLocation(time.DateOnly, g.q.To, minsheng.Shanghai)
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			g.item(d.Format(time.DateOnly))
		}
	}
}

// item returns the item a rollup key belongs to, creating it on first use.
func (g *kpiGrouper) item(key string) *minsheng.KPIItem {
	it := minsheng.KPIItem{}
	switch g.q.GroupBy {
	case minsheng.KPIByOrg:
		id := g.groupOrg(atoi64(key))
		key = strconv.FormatInt(id, 10)
		it.OrgID = &id
		if o := g.orgs.Org(id); o != nil {
			it.OrgName = o.Name
		}
	case minsheng.KPIByCat:
		id := atoi64(key)
		it.CategoryID, it.CategoryName = &id, g.cats[id]
		if id == 0 {
			it.CategoryName = "未分类"
		}
	case minsheng.KPIByChan:
		it.Channel = minsheng.Channel(key)
	case minsheng.KPIByDay:
		it.Day = key
	case minsheng.KPIByWeek:
		key = minsheng.WeekOf(key)
		it.Week = key
	case minsheng.KPIByMonth:
		key = minsheng.MonthOf(key)
		it.Month = key
	}
	if got := g.byKey[key]; got != nil {
		return got
	}
	p := &it
	g.byKey[key] = p
	g.list = append(g.list, p)
	return p
}

// groupOrg maps a handling organisation to its group: the ancestor just
// below the base, or the base itself for what it handles directly.
func (g *kpiGrouper) groupOrg(id int64) int64 {
	if id == 0 && g.hotline != nil {
		id = g.hotline.ID
	}
	for o := g.orgs.Org(id); o != nil; o = g.orgs.Org(o.ParentID) {
		if o.ParentID == g.base || o.ID == g.base {
			return o.ID
		}
	}
	return id
}

func (g *kpiGrouper) items() []minsheng.KPIItem {
	switch g.q.GroupBy {
	case minsheng.KPIByCat:
		slices.SortFunc(g.list, func(a, b *minsheng.KPIItem) int { return cmp.Compare(*a.CategoryID, *b.CategoryID) })
	case minsheng.KPIByChan:
		slices.SortFunc(g.list, func(a, b *minsheng.KPIItem) int { return cmp.Compare(a.Channel, b.Channel) })
	}
	out := make([]minsheng.KPIItem, len(g.list))
	for i, it := range g.list {
		out[i] = *it
	}
	return out
}

func atoi64(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }

// KPIRollupRows counts the rollup rows of the days from to to: what a
// question over them reads at most, for benchmarks and capacity planning.
func (s *Store) KPIRollupRows(ctx context.Context, from, to string) (int64, error) {
	var n int64
	if err := s.rdb(ctx).row("SELECT COUNT(*) FROM kpi_daily WHERE day >= ? AND day <= ?", from, to).Scan(&n); err != nil {
		return 0, fmt.Errorf("kpi rollup rows: %w", err)
	}
	return n, nil
}
