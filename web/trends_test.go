package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/server"

	"github.com/chromedp/chromedp"
)

// TestSurgeNotificationLeadsToTrends stores a surge alert that tells the
// analyst, on both databases, and follows it: the analyst's list links it
// to the trends page, opening it marks it read and lands on the alert's
// row there, which names the category; the left column links the page; a
// bad period names its field and a dispatcher is refused.
func TestSurgeNotificationLeadsToTrends(t *testing.T) {
	eachNode(t, func(t *testing.T, m *server.Main) {
		bg := context.Background()
		an := signIn(t, backdoor(m), "analyst")
		cats, err := m.Store.Categories(bg)
		if err != nil || len(cats) == 0 {
			t.Fatalf("categories: %v", err)
		}
		day := time.Now().In(minsheng.Shanghai).AddDate(0, 0, -1).Format(time.DateOnly)
		a := minsheng.Surge{Kind: "surge", CategoryID: cats[0].ID, Day: day, From: day, Observed: 30, Expected: 10, Score: 9}
		tell := func(a minsheng.Surge) ([]minsheng.Notification, error) {
			return []minsheng.Notification{{UserID: an.ID, Kind: minsheng.AlertSurge, Note: "全市「<i>" + cats[0].Name + "</i>」诉求上升", CreatedAt: a.CreatedAt}}, nil
		}
		alerts := []minsheng.Surge{a}
		if n, err := m.Store.SaveSurges(bg, alerts, tell); err != nil || n != 1 {
			t.Fatalf("save surge: %d %v", n, err)
		}
		id := strconv.FormatInt(alerts[0].ID, 10)

		c := newClient(t, m)
		c.login("analyst")
		_, list := c.do("GET", "/w/notifications", nil)
		if !strings.Contains(list, `href="/w/trends#surge-`+id+`"`) || !strings.Contains(list, "诉求激增") ||
			!strings.Contains(list, "全市「&lt;i&gt;"+cats[0].Name+"&lt;/i&gt;」诉求上升") {
			t.Fatalf("the list lacks the surge, its escaped note or its link:\n%s", list)
		}
		nid := regexp.MustCompile(`action="/w/notifications/(\d+)/read"[^<]*<input[^>]*><input[^>]*><input type="hidden" name="alert" value="` + id + `"`).FindStringSubmatch(list)
		if nid == nil {
			t.Fatalf("no form to open the surge notification:\n%s", list)
		}
		res, _ := c.do("POST", "/w/notifications/"+nid[1]+"/read", url.Values{"csrf": {c.csrf(list)}, "case": {"0"}, "alert": {id}})
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/w/trends#surge-"+id {
			t.Fatalf("opening the surge: %d to %q", res.StatusCode, loc)
		}
		if ns, err := m.Store.UnreadNotifications(bg, an.ID); err != nil || ns != 0 {
			t.Errorf("unread after opening: %d %v", ns, err)
		}
		res, page := c.do("GET", "/w/trends", nil)
		if res.StatusCode != 200 || !strings.Contains(page, `<tr id="surge-`+id+`"><td>全市</td><td>`+cats[0].Name+`</td>`) ||
			!strings.Contains(page, `href="/w/trends" aria-current="page"`) || !strings.Contains(page, "3.00×") {
			t.Fatalf("trends page: %d\n%s", res.StatusCode, page)
		}
		if !strings.Contains(page, `href="/w/trends/surges/`+id+`"`) {
			t.Fatalf("the surge's row does not link its cases:\n%s", page)
		}
		res, page = c.do("GET", "/w/trends/surges/"+id, nil)
		if res.StatusCode != 200 || !strings.Contains(page, "<h1>全市 · "+cats[0].Name+"</h1>") ||
			!strings.Contains(page, day+" 至 "+day+" 受理 30 件，基线预期 10.0 件") || !strings.Contains(page, "计入的工单") {
			t.Fatalf("surge page: %d\n%s", res.StatusCode, page)
		}
		if res, _ = c.do("GET", "/w/trends/surges/"+id+"0", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown surge: %d", res.StatusCode)
		}
		if res, page = c.do("GET", "/w/trends?days=5", nil); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "days") {
			t.Errorf("bad period: %d", res.StatusCode)
		}
		d := newClient(t, m)
		d.login("dispatcher")
		if res, _ = d.do("GET", "/w/trends", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("dispatcher: %d", res.StatusCode)
		}
		if res, _ = d.do("GET", "/w/trends/surges/"+id, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("dispatcher on a surge's cases: %d", res.StatusCode)
		}
		if _, home := d.do("GET", "/w/", nil); strings.Contains(home, `href="/w/trends"`) {
			t.Error("the dispatcher's left column links the trends page")
		}
	})
}

// TestBrowserTrends opens the trends page as the analyst in Chromium with a
// surge stored, on both databases, finds the surge's row and the hot-topic
// section, and saves the page at desktop and phone widths; then follows the
// surge's link to the cases it counted.
func TestBrowserTrends(t *testing.T) {
	eachBrowserNode(t, func(t *testing.T, base string, ctx context.Context, m *server.Main) {
		bg := context.Background()
		cats, err := m.Store.Categories(bg)
		if err != nil || len(cats) == 0 {
			t.Fatalf("categories: %v", err)
		}
		// A surge of the 大类 of the demo's latest case handled in a
		// district, over its last week, so that its page lists cases.
		now := time.Now().In(minsheng.Shanghai)
		recent, err := m.Store.TrendCases(bg, now.AddDate(0, 0, -30), now, false, 500)
		orgs, err2 := m.Store.Orgs(bg)
		if err != nil || err2 != nil {
			t.Fatal(err, err2)
		}
		var latest minsheng.TrendCase
		var area *minsheng.Org
		for _, c := range recent {
			for _, o := range orgs.List() {
				if o.Kind == minsheng.OrgDistrict && o.Contains(c.OrgPath) && c.CategoryID != 0 {
					latest, area = c, o
				}
			}
		}
		if area == nil {
			t.Fatal("no demo case of the last 30 days is handled in a district")
		}
		parent := map[int64]minsheng.Category{}
		for _, c := range cats {
			parent[c.ID] = c
		}
		top := parent[latest.CategoryID]
		for top.ParentID != 0 {
			top = parent[top.ParentID]
		}
		at := latest.CreatedAt.In(minsheng.Shanghai)
		alerts := []minsheng.Surge{{Kind: "surge", CategoryID: top.ID, AreaID: area.ID, Day: at.Format(time.DateOnly),
			From: at.AddDate(0, 0, -6).Format(time.DateOnly), Observed: 30, Expected: 10, Score: 9}}
		none := func(minsheng.Surge) ([]minsheng.Notification, error) { return nil, nil }
		if n, err := m.Store.SaveSurges(bg, alerts, none); err != nil || n != 1 {
			t.Fatalf("save surge: %d %v", n, err)
		}
		login(t, ctx, base, "analyst")
		run(t, ctx, "open the trends page", chromedp.Click(chromedp.CSS(`#side a[href^="/w/trends"]`)),
			chromedp.WaitVisible(chromedp.ID("surge-"+strconv.FormatInt(alerts[0].ID, 10))))
		if got := text(t, ctx, "#surge-"+strconv.FormatInt(alerts[0].ID, 10)); !strings.Contains(got, top.Name) {
			t.Errorf("the surge's row says %q, without its category %q", got, top.Name)
		}
		shoot(t, ctx, "trends-1280", 1280)
		shoot(t, ctx, "trends-375", 375)
		id := strconv.FormatInt(alerts[0].ID, 10)
		run(t, ctx, "open the surge's cases", chromedp.Click(chromedp.CSS(`#surge-`+id+` a[href="/w/trends/surges/`+id+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`table.cases tbody tr`)))
		if got := text(t, ctx, "h1"); got != area.Name+" · "+top.Name {
			t.Errorf("the surge page's heading says %q", got)
		}
		shoot(t, ctx, "surge-1280", 1280)
		shoot(t, ctx, "surge-375", 375)
	})
}
