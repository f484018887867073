package service

import (
	"context"
	"reflect"
	"testing"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/store"
	"minsheng/store/storetest"
)

// demoService is the use cases over a fresh database holding the demo city
// and n generated cases received over the months before now.
func demoService(t *testing.T, url string, n int, now time.Time) (*Service, *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc, st := testService(t, url)
	city := demo.NewCity()
	l, err := demo.SeedCity(ctx, st, city)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadCases(ctx, st, city, l, n, 1, now, nil); err != nil {
		t.Fatal(err)
	}
	return svc, st
}

func userNamed(t *testing.T, st *store.Store, name string) *minsheng.User {
	t.Helper()
	u, err := st.UserByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestDashboard checks that the dashboard's parts agree with each other and
// with the cases: the days add up to the total, so do the categories and the
// channels; every listed case belongs to its list; and only the roles that
// read the whole city may open it.
func TestDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		now := time.Now()
		svc, st := demoService(t, url, 300, now)
		analyst := userNamed(t, st, "analyst")
		q := DashQuery{From: now.AddDate(0, 0, -90).In(minsheng.Shanghai).Format(time.DateOnly), To: minsheng.KPIDay(now)}
		d, err := svc.Dashboard(ctx, analyst, q)
		if err != nil {
			t.Fatal(err)
		}
		if d.Totals.Received == 0 || len(d.Days) != 91 {
			t.Fatalf("received %d over %d days", d.Totals.Received, len(d.Days))
		}
		var days, cats, chans int64
		for _, v := range d.Days {
			days += v.Received
		}
		for _, v := range d.Categories {
			cats += v.Received
		}
		for _, v := range d.Channels {
			chans += v.Received
		}
		if days != d.Totals.Received || cats != d.Totals.Received || chans != d.Totals.Received {
			t.Errorf("total %d, by day %d, by category %d, by channel %d", d.Totals.Received, days, cats, chans)
		}
		direct, err := st.CountCases(ctx, minsheng.CaseFilter{From: mustDay(q.From), To: mustDay(q.To).AddDate(0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if int64(direct) != d.Totals.Received {
			t.Errorf("received %d, cases created in the period %d", d.Totals.Received, direct)
		}
		if len(d.Departments) == 0 || len(d.Districts) == 0 {
			t.Errorf("league: %d units, %d districts", len(d.Departments), len(d.Districts))
		}
		checkDashFigures(t, svc, st, q, d)
		for _, c := range d.Overdue {
			if !c.Overdue {
				t.Errorf("case %s in the overdue list is not overdue", c.Number)
			}
		}
		for _, c := range d.LongOpen {
			if !c.Status.Open() || now.Sub(c.CreatedAt) < LongOpenAge {
				t.Errorf("case %s (%s, received %s) is not long-unresolved", c.Number, c.Status, c.CreatedAt)
			}
		}
		for i, c := range d.Returned {
			if c.ReturnCount == 0 || (i > 0 && c.ReturnCount > d.Returned[i-1].ReturnCount) {
				t.Errorf("returned list out of order at %d: %d returns", i, c.ReturnCount)
			}
			if c.Case.Citizen.Phone != "" && c.Citizen.Phone == c.Case.Citizen.Phone {
				t.Errorf("an analyst sees the citizen's phone %q unmasked", c.Citizen.Phone)
			}
		}
		// Repeat calls (重复诉求): each has an earlier case of the same
		// caller within the repeat window, and they come newest first.
		if len(d.Repeated) == 0 {
			t.Error("no repeat calls listed; the demo's callers call again")
		}
		for i, v := range d.Repeated {
			c, earlier := callerCalledBefore(t, st, v.ID)
			if len(earlier) == 0 || c.Citizen.Phone == "" {
				t.Errorf("case %s in the repeat list has no earlier case of its caller within %s", v.Number, minsheng.RepeatWindow)
			}
			if c.CreatedAt.Before(mustDay(q.From)) || (i > 0 && v.ID > d.Repeated[i-1].ID) {
				t.Errorf("repeat list: case %s out of the period or out of order", v.Number)
			}
		}
		for i, c := range d.Reopened {
			if c.ReopenCount == 0 || (i > 0 && c.ReopenCount > d.Reopened[i-1].ReopenCount) {
				t.Errorf("reopened list out of order at %d: %d reopens", i, c.ReopenCount)
			}
		}
		if _, err := svc.Dashboard(ctx, userNamed(t, st, "handler"), q); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Errorf("handler: %v", err)
		}
		_, err = svc.Dashboard(ctx, analyst, DashQuery{From: "2026-13-01", To: q.To})
		if e, ok := err.(*minsheng.Error); !ok || e.Field != "from" {
			t.Errorf("bad from: %v", err)
		}
	})
}

func mustDay(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, minsheng.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// checkDashFigures holds the dashboard, read from the rollup in a few
// combined reads, to direct counts over the cases (each day of both years,
// each channel) and to the KPIs asked one breakdown at a time, which the
// store's tests hold to direct counts (league tables, categories, totals).
func checkDashFigures(t *testing.T, svc *Service, st *store.Store, q DashQuery, d *Dashboard) {
	t.Helper()
	ctx := context.Background()
	count := func(f minsheng.CaseFilter) int64 {
		n, err := st.CountCases(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return int64(n)
	}
	from, lyFrom := mustDay(q.From), mustDay(yearBefore(q.From))
	for i, v := range d.Days {
		day, ly := from.AddDate(0, 0, i), lyFrom.AddDate(0, 0, i)
		if n := count(minsheng.CaseFilter{From: day, To: day.AddDate(0, 0, 1)}); v.Received != n {
			t.Errorf("%s: received %d, cases %d", v.Day, v.Received, n)
		}
		if n := count(minsheng.CaseFilter{From: ly, To: ly.AddDate(0, 0, 1)}); v.LastYear != n {
			t.Errorf("%s last year: received %d, cases %d", v.Day, v.LastYear, n)
		}
	}
	lyTo := mustDay(yearBefore(q.To)).AddDate(0, 0, 1)
	if n := count(minsheng.CaseFilter{From: lyFrom, To: lyTo}); d.LastYear.Received != n {
		t.Errorf("last year received %d, cases %d", d.LastYear.Received, n)
	}
	for _, c := range d.Channels {
		f := minsheng.CaseFilter{Channel: minsheng.Channel(c.Key), From: from, To: mustDay(q.To).AddDate(0, 0, 1)}
		if n := count(f); c.Received != n {
			t.Errorf("channel %s: received %d, cases %d", c.Key, c.Received, n)
		}
	}
	one := func(g minsheng.KPIGroupBy) []minsheng.KPIItem {
		items, err := st.KPIs(ctx, minsheng.KPIQuery{From: q.From, To: q.To, GroupBy: g})
		if err != nil {
			t.Fatal(err)
		}
		return items
	}
	if tot := one(minsheng.KPITotal)[0]; !reflect.DeepEqual(tot, d.Totals) {
		t.Errorf("totals %+v, asked alone %+v", d.Totals, tot)
	}
	ly, err := st.KPIs(ctx, minsheng.KPIQuery{From: yearBefore(q.From), To: yearBefore(q.To)})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ly[0], d.LastYear) {
		t.Errorf("last year %+v, asked alone %+v", d.LastYear, ly[0])
	}
	units, districts, err := svc.orgLeague(ctx, one(minsheng.KPIByOrg))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(units, d.Departments) || !reflect.DeepEqual(districts, d.Districts) {
		t.Errorf("league tables differ from the KPIs by organisation asked alone")
	}
	cats, err := svc.categoryMix(ctx, one(minsheng.KPIByCat))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cats, d.Categories) {
		t.Errorf("categories %+v, asked alone %+v", d.Categories, cats)
	}
}

// callerCalledBefore loads a case and up to one earlier case of its caller
// within the repeat window, for the checks of the repeat-call lists.
func callerCalledBefore(t *testing.T, st *store.Store, id int64) (*minsheng.Case, []*minsheng.Case) {
	t.Helper()
	ctx := context.Background()
	c, err := st.Case(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	earlier, err := st.ListCases(ctx, minsheng.CaseFilter{Phone: c.Citizen.Phone, From: c.CreatedAt.Add(-minsheng.RepeatWindow),
		To: c.CreatedAt, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c, earlier
}
