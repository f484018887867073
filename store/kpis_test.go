package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/textmine/dupe"
)

// kpiFact is what one event adds, where, by a direct reading of the
// timeline: the test's own account of the DOMAIN.md definitions, kept apart
// from the store's counting so that the two check each other.
type kpiFact struct {
	day      string
	org, cat int64
	channel  minsheng.Channel
	k        minsheng.KPICounts
}

// kpiFacts replays every case's events.
func kpiFacts(t *testing.T, s *Store, ids []int64) []kpiFact {
	t.Helper()
	ctx := context.Background()
	var out []kpiFact
	type earlier struct {
		id   int64
		at   time.Time
		text string
	}
	byPhone := map[string][]earlier{}
	for _, id := range ids {
		c, err := s.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := s.Events(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var org int64
		cat := int64(0)
		var lastReply *minsheng.Event
		for i, ev := range evs {
			var k minsheng.KPICounts
			where := org
			switch ev.Action {
			case "create":
				cat = c.CategoryID
				if p := mustDecode[minsheng.DispatchPayload](t, evs, "dispatch"); p != nil && p.FromCategoryID != nil {
					cat = *p.FromCategoryID
				}
				if p := mustDecode[minsheng.TriagePayload](t, evs, "triage"); p != nil && p.FromCategoryID != nil {
					cat = *p.FromCategoryID
				}
				k.Received = 1
				// A repeat: one of the caller's 20 latest earlier cases within 30 days is about the same problem.
				prev := byPhone[c.Citizen.Phone]
				for j, n := len(prev)-1, 0; c.Citizen.Phone != "" && j >= 0 && n < minsheng.RepeatLookback; j-- {
					if ev.At.Sub(prev[j].at) > minsheng.RepeatWindow {
						continue
					}
					n++
					if dupe.Similarity(c.Title+c.Content, prev[j].text) >= minsheng.RepeatSimilarity {
						k.Repeat = 1
						break
					}
				}
				byPhone[c.Citizen.Phone] = append(prev, earlier{id, ev.At, c.Title + c.Content})
			case "triage":
				if p := decodeAs[minsheng.TriagePayload](t, ev); p.CategoryID != 0 {
					cat = p.CategoryID
				}
			case "dispatch":
				p := decodeAs[minsheng.DispatchPayload](t, ev)
				if p.CategoryID != 0 {
					cat = p.CategoryID
				}
				org, where, k.Dispatched = p.OrgID, p.OrgID, 1
			case "subdispatch":
				org = decodeAs[minsheng.SubdispatchPayload](t, ev).OrgID
				where = org
			case "return":
				p := decodeAs[minsheng.ReturnPayload](t, ev)
				if p.ToOrgID == 0 {
					k.Returned = 1
				}
				org = p.ToOrgID
			case "reroute":
				org = decodeAs[minsheng.ReroutePayload](t, ev).OrgID
				where = org
			case "reopen":
				if ev.To == minsheng.StatusPendingDispatch {
					org, where = 0, 0
				}
			case "reply":
				k.Replied = 1
				lastReply = &evs[i]
			case "review":
				if !decodeAs[minsheng.ReviewPayload](t, ev).Approve {
					k.SentBack = 1
				}
			case "visit":
				if p := decodeAs[minsheng.VisitPayload](t, ev); p.Reached {
					k.Visited = 1
					k.Solved = b2i(p.Solved != nil && *p.Solved)
					k.Satisfied = b2i(p.Satisfaction == minsheng.Satisfied || p.Satisfaction == minsheng.BasicallySatisfied)
				}
			}
			if ev.To == minsheng.StatusClosed && ev.From != minsheng.StatusClosed {
				k.Closed = 1
				if ev.Action == "answer" { // answered cases are never reopened here, so the deadline is the case's
					k.ClosedOnTime = b2i(!ev.At.After(c.DueAt))
				} else {
					due := decodeAs[minsheng.ReplyPayload](t, *lastReply).DueAt
					k.ClosedOnTime = b2i(due == nil || !lastReply.At.After(*due))
				}
			}
			if !k.Zero() {
				out = append(out, kpiFact{day: ev.At.In(CST).Format(time.DateOnly), org: where, cat: cat, channel: c.Channel, k: k})
			}
		}
	}
	return out
}

func TestKPIsEqualDirectCounts(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		k := newKPICity(t, s, 240)
		ids := k.ids
		facts := kpiFacts(t, s, ids)
		orgs, err := s.Orgs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var sum minsheng.KPICounts
		for _, f := range facts {
			sum.Add(f.k)
		}
		if sum.Repeat == 0 || sum.SentBack == 0 || sum.Returned == 0 || sum.ClosedOnTime == sum.Closed || sum.ClosedOnTime == 0 ||
			sum.Solved == sum.Visited || sum.Satisfied == sum.Visited {
			t.Fatalf("the generated history misses a case the KPIs must handle: %+v", sum)
		}
		from, to := "2031-05-04", "2031-06-30"
		for _, q := range []minsheng.KPIQuery{
			{From: from, To: to},
			{From: from, To: to, GroupBy: minsheng.KPIByOrg},
			{From: from, To: to, GroupBy: minsheng.KPIByOrg, OrgID: k.dept.ID},
			{From: from, To: to, GroupBy: minsheng.KPIByCat},
			{From: from, To: to, GroupBy: minsheng.KPIByChan, CategoryID: k.top},
			{From: from, To: to, GroupBy: minsheng.KPIByDay, Channel: "phone"},
			{From: "2031-05-10", To: "2031-06-08", GroupBy: minsheng.KPIByWeek},
			{From: from, To: to, GroupBy: minsheng.KPIByMonth, OrgID: k.other.ID},
			{From: "2031-05-20", To: "2031-05-20", OrgID: k.hotline.ID},
		} {
			t.Run(fmt.Sprintf("%s/org%d/cat%d/%s/%s", q.GroupBy, q.OrgID, q.CategoryID, q.Channel, q.From), func(t *testing.T) {
				got, err := s.KPIs(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				compareKPIs(t, q.GroupBy, got, expectKPIs(t, s, k, orgs, q, facts, ids))
			})
		}
		// One read broken down every way (the dashboard's) gives each
		// breakdown's direct counts too, with and without filters.
		all := []minsheng.KPIGroupBy{minsheng.KPITotal, minsheng.KPIByDay, minsheng.KPIByCat, minsheng.KPIByChan,
			minsheng.KPIByOrg, minsheng.KPIByWeek, minsheng.KPIByMonth}
		for _, q := range []minsheng.KPIQuery{{From: from, To: to}, {From: from, To: to, CategoryID: k.top, Channel: "phone"},
			{From: from, To: to, OrgID: k.dept.ID}} {
			got, err := s.KPIGroups(ctx, q, all...)
			if err != nil {
				t.Fatal(err)
			}
			for i, g := range all {
				t.Run(fmt.Sprintf("groups/%s/org%d/cat%d", g, q.OrgID, q.CategoryID), func(t *testing.T) {
					q.GroupBy = g
					compareKPIs(t, g, got[i], expectKPIs(t, s, k, orgs, q, facts, ids))
				})
			}
		}
		// The backfill for upgraded databases rebuilds the same rollup from the timeline.
		before := kpiRollup(t, s)
		if err := s.RebuildKPIs(ctx); err != nil {
			t.Fatal(err)
		}
		after := kpiRollup(t, s)
		if len(after) != len(before) || len(before) == 0 {
			t.Fatalf("rebuilt rollup has %d rows, the event path wrote %d", len(after), len(before))
		}
		for key, k := range before {
			if after[key] != k {
				t.Errorf("rebuilt %+v: %+v, event path %+v", key, after[key], k)
			}
		}
	})
}

// compareKPIs checks an answer's items against the expected groups.
func compareKPIs(t *testing.T, g minsheng.KPIGroupBy, got []minsheng.KPIItem, want map[string]*minsheng.KPIItem) {
	t.Helper()
	seen := map[string]bool{}
	for _, it := range got {
		key := itemKey(g, it)
		seen[key] = true
		w := want[key]
		if w == nil {
			w = &minsheng.KPIItem{OverdueOpen: new(int64)}
		}
		if w.KPICounts != it.KPICounts {
			t.Errorf("%s: got %+v\nwant %+v", key, it.KPICounts, w.KPICounts)
		}
		if !g.Timely() && (it.OverdueOpen == nil || *it.OverdueOpen != *w.OverdueOpen) {
			t.Errorf("%s: overdue_open %v, want %d", key, it.OverdueOpen, *w.OverdueOpen)
		}
	}
	for key, w := range want {
		if !seen[key] && (!w.KPICounts.Zero() || *w.OverdueOpen != 0) {
			t.Errorf("%s missing: want %+v", key, w)
		}
	}
}

// kpiRollup reads the whole rollup.
func kpiRollup(t *testing.T, s *Store) map[kpiKey]minsheng.KPICounts {
	t.Helper()
	sums := make([]string, len(kpiCounterColumns))
	for i, c := range kpiCounterColumns {
		sums[i] = "SUM(" + c + ")"
	}
	rows, err := s.rdb(context.Background()).rows("SELECT day, org_id, category_id, channel, " +
		strings.Join(sums, ", ") + " FROM kpi_daily GROUP BY day, org_id, category_id, channel")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[kpiKey]minsheng.KPICounts{}
	for rows.Next() {
		var key kpiKey
		var k minsheng.KPICounts
		dest := []any{&key.day, &key.org, &key.cat, &key.channel}
		for _, f := range k.Fields() {
			dest = append(dest, f)
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		out[key] = k
	}
	return out
}

// expectKPIs groups the facts and today's overdue cases for a question.
func expectKPIs(t *testing.T, s *Store, k *kpiCity, orgs *minsheng.OrgTree, q minsheng.KPIQuery, facts []kpiFact, ids []int64) map[string]*minsheng.KPIItem {
	t.Helper()
	cats := map[int64]bool{}
	if q.CategoryID != 0 {
		sub, err := s.categorySubtree(context.Background(), q.CategoryID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range sub {
			cats[c] = true
		}
	}
	base := k.hotline.ID // the root of the fixture's tree
	if q.OrgID != 0 {
		base = q.OrgID
	}
	// group finds an event's group, "" when the question leaves it out.
	group := func(day string, org, cat int64, ch minsheng.Channel) string {
		if org == 0 {
			org = k.hotline.ID
		}
		o := orgs.Org(org)
		if day < q.From || day > q.To || (q.Channel != "" && ch != q.Channel) || (q.CategoryID != 0 && !cats[cat]) ||
			!strings.HasPrefix(o.Path, orgs.Org(base).Path) {
			return "-"
		}
		switch q.GroupBy {
		case minsheng.KPIByOrg:
			for o.ID != base && o.ParentID != base {
				o = orgs.Org(o.ParentID)
			}
			return fmt.Sprint(o.ID)
		case minsheng.KPIByCat:
			return fmt.Sprint(cat)
		case minsheng.KPIByChan:
			return string(ch)
		case minsheng.KPIByDay:
			return day
		case minsheng.KPIByWeek:
			return minsheng.WeekOf(day)
		case minsheng.KPIByMonth:
			return minsheng.MonthOf(day)
		}
		return ""
	}
	out := map[string]*minsheng.KPIItem{}
	get := func(key string) *minsheng.KPIItem {
		if out[key] == nil {
			out[key] = &minsheng.KPIItem{OverdueOpen: new(int64)}
		}
		return out[key]
	}
	for _, f := range facts {
		if key := group(f.day, f.org, f.cat, f.channel); key != "-" {
			get(key).KPICounts.Add(f.k)
		}
	}
	for _, id := range ids {
		c, err := s.Case(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Overdue(k.now) {
			// Overdue is now, whatever the period: test it against a day inside it.
			if key := group(q.From, c.OrgID, c.CategoryID, c.Channel); key != "-" {
				*get(key).OverdueOpen++
			}
		}
	}
	delete(out, "-")
	return out
}

// itemKey is the group key of an answer's item, as expectKPIs writes it.
func itemKey(g minsheng.KPIGroupBy, it minsheng.KPIItem) string {
	switch g {
	case minsheng.KPIByOrg:
		return fmt.Sprint(*it.OrgID)
	case minsheng.KPIByCat:
		return fmt.Sprint(*it.CategoryID)
	case minsheng.KPIByChan:
		return string(it.Channel)
	case minsheng.KPIByDay:
		return it.Day
	case minsheng.KPIByWeek:
		return it.Week
	case minsheng.KPIByMonth:
		return it.Month
	}
	return ""
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func decodeAs[T any](t *testing.T, ev minsheng.Event) *T {
	t.Helper()
	p, err := minsheng.Decode[T](ev)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mustDecode decodes the first event of an action in a timeline, nil when none.
func mustDecode[T any](t *testing.T, evs []minsheng.Event, action string) *T {
	t.Helper()
	for _, ev := range evs {
		if ev.Action == action {
			return decodeAs[T](t, ev)
		}
	}
	return nil
}
