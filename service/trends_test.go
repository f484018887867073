package service

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/store"
	"minsheng/store/storetest"
)

// trendCity holds a hotline, two districts, two categories and one account
// per role the trend tests sign in as.
type trendCity struct {
	east, west       minsheng.Org
	water, roads     int64
	waterCut         int64 // a second-level category under water
	agent            minsheng.Actor
	analyst, handler *minsheng.User
}

// surgeTown opens a service over a trend city whose clock stands at 10:00
// on 2031-06-30, the day the surge tests look back from.
func surgeTown(t *testing.T, url string) (*Service, *store.Store, *trendCity, time.Time) {
	t.Helper()
	svc, st := testService(t, url)
	city := newTrendCity(t, st)
	today := midnight(time.Date(2031, 6, 30, 12, 0, 0, 0, shanghai))
	svc.Now = func() time.Time { return today.Add(10 * time.Hour) }
	return svc, st, city, today
}

func newTrendCity(t *testing.T, st *store.Store) *trendCity {
	t.Helper()
	ctx := context.Background()
	c := &trendCity{}
	hot := &minsheng.Org{Name: "热线办", Kind: minsheng.OrgHotline}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.CreateOrg(ctx, hot))
	c.east = minsheng.Org{ParentID: hot.ID, Name: "东港区人民政府", Kind: minsheng.OrgDistrict}
	c.west = minsheng.Org{ParentID: hot.ID, Name: "西湖区", Kind: minsheng.OrgDistrict}
	must(st.CreateOrg(ctx, &c.east))
	must(st.CreateOrg(ctx, &c.west))
	for _, p := range []struct {
		id         *int64
		code, name string
	}{{&c.water, "010000", "供水"}, {&c.roads, "020000", "道路"}} {
		cat := &minsheng.Category{Code: p.code, Name: p.name, Level: 1}
		must(st.SaveCategory(ctx, cat))
		*p.id = cat.ID
	}
	cut := &minsheng.Category{Code: "010100", Name: "停水", Level: 2, ParentID: c.water}
	must(st.SaveCategory(ctx, cut))
	c.waterCut = cut.ID
	user := func(name string, r minsheng.Role, org int64) *minsheng.User {
		u := &minsheng.User{Username: name, Name: name, Role: r, OrgID: org}
		must(st.CreateUser(ctx, u))
		return u
	}
	c.agent = minsheng.ActorOf(user("agent", minsheng.RoleAgent, hot.ID))
	c.analyst = user("analyst", minsheng.RoleAnalyst, hot.ID)
	c.handler = user("handler", minsheng.RoleHandler, c.east.ID)
	return c
}

// TestSurgeThroughTheDatabase loads a surge's history (loadSurgeHistory)
// and checks that the detector run through the store raises
// that alert once, for 停水 (its 供水 alert says the same and is dropped),
// names it, and nothing else.
func TestSurgeThroughTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		svc, st, city, today := surgeTown(t, url)
		ctx := context.Background()
		n := loadSurgeHistory(t, st, city, today)
		run, err := svc.DetectSurges(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if run.Skipped || run.New != 1 {
			all, _ := st.Surges(ctx, "2000-01-01")
			t.Fatalf("%+v from %d cases, want the one surge: %+v", run, n, all)
		}
		again, err := svc.DetectSurges(ctx)
		if err != nil || again.New != 0 {
			t.Fatalf("second run raised %+v (err %v), want none: alerts are raised once", again, err)
		}
		list, err := svc.Surges(ctx, city.analyst, 30)
		if err != nil {
			t.Fatal(err)
		}
		a := list[0]
		if len(list) != 1 || a.Category != "停水" || a.Area != "东港区人民政府" || a.AreaID != city.east.ID || a.Ratio < 1.5 ||
			a.Day < today.AddDate(0, 0, -7).Format(time.DateOnly) {
			t.Errorf("surges = %+v, want water cuts in 东港区 in the last week", list)
		}
		if _, err := svc.Surges(ctx, city.handler, 30); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Errorf("a handler reading surges: %v, want forbidden", err)
		}
		var me *minsheng.Error
		if _, err := svc.Surges(ctx, city.analyst, 0); !errors.As(err, &me) || me.Field != "days" {
			t.Errorf("days=0: %v, want an error naming days", err)
		}
	})
}

// TestHotspotsThroughTheDatabase stores requests about a broken water main
// at one estate among scattered others and checks that the analyst's list
// leads with it, named by place and terms, that Chinese text round-trips,
// and that other roles and bad periods are refused.
func TestHotspotsThroughTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		svc, st := testService(t, url)
		ctx := context.Background()
		city := newTrendCity(t, st)
		now := time.Date(2031, 6, 30, 12, 0, 0, 0, shanghai)
		svc.Now = func() time.Time { return now }
		others := []string{"路灯不亮", "公交站台破损", "噪音扰民", "垃圾清运不及时", "占道经营", "井盖缺失"}
		err := st.Bulk(ctx, func(b *store.Bulk) error {
			for i := range 12 {
				c := &minsheng.Case{Channel: "phone", Title: "东港区渔港新村水管爆裂停水",
					Content: fmt.Sprintf("渔港新村%d号楼附近自来水管爆裂，小区停水一整天，请尽快抢修。", i+1),
					Address: "东港区海滨街道渔港新村", CategoryID: city.water, Urgency: minsheng.UrgencyNormal,
					Citizen: minsheng.Citizen{Phone: fmt.Sprintf("1390000%04d", i)}}
				if err := b.CreateCase(c, city.agent, now.Add(-time.Duration(i*9)*time.Hour)); err != nil {
					return err
				}
			}
			for i, o := range others {
				c := &minsheng.Case{Channel: "phone", Title: "西湖区" + o, Content: o + "，请处理。", Address: "西湖区",
					CategoryID: city.roads, Urgency: minsheng.UrgencyNormal}
				if err := b.CreateCase(c, city.agent, now.Add(-time.Duration(i+1)*24*time.Hour)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		h, err := svc.Hotspots(ctx, city.analyst, 30)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Items) == 0 {
			t.Fatal("no hotspots")
		}
		top := h.Items[0]
		if top.Count != 12 || top.Citizens != 12 || !strings.Contains(top.Place, "渔港新村") || top.Example != "东港区渔港新村水管爆裂停水" {
			t.Errorf("top topic = %+v, want the 12 reports of the burst main at 渔港新村", top)
		}
		if _, err := svc.Hotspots(ctx, city.handler, 30); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Errorf("a handler reading hotspots: %v, want forbidden", err)
		}
		var me *minsheng.Error
		if _, err := svc.Hotspots(ctx, city.analyst, 5); !errors.As(err, &me) || me.Field != "days" {
			t.Errorf("days=5: %v, want an error naming days", err)
		}
		// The list is served from the cache until the job refreshes it.
		if err := st.Bulk(ctx, func(b *store.Bulk) error {
			return b.CreateCase(&minsheng.Case{Channel: "phone", Title: "东港区渔港新村水管爆裂停水", Content: "又停水了",
				Address: "东港区海滨街道渔港新村", CategoryID: city.water, Urgency: minsheng.UrgencyNormal}, city.agent, now)
		}); err != nil {
			t.Fatal(err)
		}
		if h2, _ := svc.Hotspots(ctx, city.analyst, 30); h2.Items[0].Count != 12 {
			t.Errorf("cached list changed before a refresh: %d", h2.Items[0].Count)
		}
		if err := svc.RefreshTrends(ctx); err != nil {
			t.Fatal(err)
		}
		if h3, _ := svc.Hotspots(ctx, city.analyst, 30); h3.Items[0].Count != 13 {
			t.Errorf("after a refresh the topic has %d reports, want 13", h3.Items[0].Count)
		}
	})
}

// poissonDraw draws a Poisson count (Knuth).
func poissonDraw(r *rand.Rand, lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// loadSurgeHistory stores 100 days of requests before today with a weekly
// rhythm, the water cuts of 东港区 (a second-level category) tripling in
// the last week, and returns how many it stored.
func loadSurgeHistory(t *testing.T, st *store.Store, city *trendCity, today time.Time) int {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	n := 0
	err := st.Bulk(context.Background(), func(b *store.Bulk) error {
		for d := 100; d >= 1; d-- {
			day := today.AddDate(0, 0, -d)
			for _, s := range []struct {
				cat  int64
				area string
				rate float64
			}{{city.waterCut, "东港区", 4}, {city.water, "西湖区", 3}, {city.roads, "东港区", 3}} {
				rate := s.rate
				if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
					rate /= 2
				}
				if s.cat == city.waterCut && d <= 7 {
					rate *= 3
				}
				for k := range poissonDraw(r, rate) {
					c := &minsheng.Case{Channel: "phone", Title: "停水", Content: fmt.Sprintf("%s某小区停水第%d次", s.area, k),
						Address: s.area + "渔港新村", CategoryID: s.cat, Urgency: minsheng.UrgencyNormal}
					if err := b.CreateCase(c, city.agent, day.Add(time.Duration(9+k%8)*time.Hour)); err != nil {
						return err
					}
					n++
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSurgeCasesAreTheCountedCases opens the surge of loadSurgeHistory: its
// cases are as many as it observed, all 停水 in 东港区 between its first day
// and its alarm's, newest first; other roles and unknown alerts are refused.
func TestSurgeCasesAreTheCountedCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		svc, st, city, today := surgeTown(t, url)
		ctx := context.Background()
		loadSurgeHistory(t, st, city, today)
		if _, err := svc.DetectSurges(ctx); err != nil {
			t.Fatal(err)
		}
		list, err := svc.Surges(ctx, city.analyst, 30)
		if err != nil || len(list) != 1 {
			t.Fatalf("surges %+v, %v", list, err)
		}
		// Water cuts in the other district and roads in this one, on the
		// surge's first day, are not its cases.
		first, err := time.ParseInLocation(time.DateOnly, list[0].From, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		err = st.Bulk(ctx, func(b *store.Bulk) error {
			for _, o := range []struct {
				cat  int64
				area string
			}{{city.waterCut, "西湖区"}, {city.roads, "东港区"}} {
				c := &minsheng.Case{Channel: "phone", Title: "停水", Content: o.area + "某小区停水", Address: o.area + "渔港新村",
					CategoryID: o.cat, Urgency: minsheng.UrgencyNormal}
				if err := b.CreateCase(c, city.agent, first.Add(9*time.Hour)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		d, err := svc.SurgeCases(ctx, city.analyst, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Category != "停水" || d.Area != "东港区人民政府" || d.Total != int(d.Observed) || len(d.Cases) != d.Total {
			t.Fatalf("%s in %s: %d cases listed, %d counted, alert observed %v", d.Category, d.Area, len(d.Cases), d.Total, d.Observed)
		}
		for i, c := range d.Cases {
			day := c.CreatedAt.In(shanghai).Format(time.DateOnly)
			if day < d.From || day > d.Day || !strings.HasPrefix(c.Address, "东港区") {
				t.Errorf("case %s of %s at %s is outside %s–%s in 东港区", c.Number, day, c.Address, d.From, d.Day)
			}
			if i > 0 && c.CreatedAt.After(d.Cases[i-1].CreatedAt) {
				t.Errorf("case %s is newer than the one before it", c.Number)
			}
		}
		if _, err := svc.SurgeCases(ctx, city.handler, list[0].ID); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Errorf("a handler opening a surge: %v, want forbidden", err)
		}
		if _, err := svc.SurgeCases(ctx, city.analyst, list[0].ID+100); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Errorf("an unknown surge: %v, want not found", err)
		}
	})
}
