package web_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"minsheng/server"
)

// TestDashboardPage opens the dashboard as an analyst: the headline, the
// charts' JSON for dash.js, the league table linking to each unit's cases,
// and that list; a handler is refused, and a bad date names its field.
func TestDashboardPage(t *testing.T) {
	eachNode(t, func(t *testing.T, m *server.Main) {
		c := newClient(t, m)
		c.login("analyst")
		res, page := c.do("GET", "/w/dash", nil)
		if res.StatusCode != 200 {
			t.Fatalf("dashboard: %d\n%s", res.StatusCode, page)
		}
		for _, want := range []string{"数据看板", `id="dash-data"`, `"days":[{"day":`, "承办单位排行", "超期未办结", "重复诉求（本期同一来电人", "重办最多", "/static/echarts.min.", "/static/dash."} {
			if !strings.Contains(page, want) {
				t.Errorf("dashboard lacks %q", want)
			}
		}
		if strings.Contains(page, "<script>") {
			t.Error("an inline script on the dashboard; the content security policy forbids it")
		}
		link := regexp.MustCompile(`href="(/w/dash/cases\?from=[^"]+)"`).FindStringSubmatch(page)
		if link == nil {
			t.Fatal("no league-table link to a unit's cases")
		}
		res, list := c.do("GET", strings.ReplaceAll(link[1], "&amp;", "&"), nil)
		if res.StatusCode != 200 || !strings.Contains(list, "本期工单") || !strings.Contains(list, `href="/w/cases/`) {
			t.Errorf("unit's cases: %d", res.StatusCode)
		}
		if res, _ = c.do("GET", "/w/dash?from=2026-02-30", nil); res.StatusCode != http.StatusBadRequest {
			t.Errorf("bad from: %d", res.StatusCode)
		}
		req, _ := http.NewRequest("GET", c.base+"/w/dash", nil)
		req.Header.Set("HX-Request", "true")
		hx, err := c.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		side, _ := io.ReadAll(hx.Body)
		hx.Body.Close()
		if hx.StatusCode != 200 || !strings.Contains(string(side), `id="side"`) || strings.Contains(string(side), "dash-data") {
			t.Errorf("the left column's refresh recomputes the dashboard: %d", hx.StatusCode)
		}
		h := newClient(t, m)
		h.login("handler")
		if res, _ = h.do("GET", "/w/dash", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("handler opens the dashboard: %d", res.StatusCode)
		}
		if _, home := h.do("GET", "/w/", nil); strings.Contains(home, `href="/w/dash"`) {
			t.Error("the handler's left column links to the dashboard")
		}
	})
}
