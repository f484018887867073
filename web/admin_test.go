package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// form posts a page's form fields with its CSRF token.
func (c *client) post(page, path string, f url.Values) (*http.Response, string) {
	c.t.Helper()
	f.Set("csrf", c.csrf(page))
	return c.do("POST", path, f)
}

// TestAdminPages walks the admin pages without JavaScript: each refused
// save comes back with the message under its field and what was typed,
// each good one lands on the list with the change, and a non-admin is
// refused every page.
func TestAdminPages(t *testing.T) {
	m := node(t)
	c := newClient(t, m)
	c.login("admin")

	_, page := c.do("GET", "/w/admin/orgs", nil)
	if !strings.Contains(page, "海州市") || !strings.Contains(page, `href="/w/admin/users"`) {
		t.Fatalf("org tree page lacks the city or the admin links")
	}
	res, body := c.post(page, "/w/admin/orgs", url.Values{"name": {""}, "kind": {"department"}})
	if res.StatusCode != 422 || !regexp.MustCompile(`id="name-err">[^<]+<`).MatchString(body) {
		t.Fatalf("empty org name: %d, no error under the field", res.StatusCode)
	}
	res, _ = c.post(page, "/w/admin/orgs", url.Values{"name": {"海州市数据局<b>"}, "kind": {"department"}, "lead_approval": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add org: %d", res.StatusCode)
	}
	_, page = c.do("GET", "/w/admin/orgs?saved=1", nil)
	if !strings.Contains(page, "海州市数据局&lt;b&gt;") || !strings.Contains(page, "已保存") {
		t.Fatalf("new org not listed as text")
	}
	id := regexp.MustCompile(`href="/w/admin/orgs/(\d+)">编辑<span class="sr-only"> 海州市数据局`).FindStringSubmatch(page)
	if id == nil {
		t.Fatal("no edit link for the new org")
	}
	_, page = c.do("GET", "/w/admin/orgs/"+id[1], nil)
	res, _ = c.post(page, "/w/admin/orgs/"+id[1], url.Values{"name": {"海州市大数据局"}, "kind": {"department"}, "disabled": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename org: %d", res.StatusCode)
	}
	if _, page = c.do("GET", "/w/admin/orgs", nil); !strings.Contains(page, "海州市大数据局") {
		t.Fatal("renamed org not listed")
	}

	_, page = c.do("GET", "/w/admin/users", nil)
	res, body = c.post(page, "/w/admin/users", url.Values{"username": {"Bad Name"}, "name": {"测试员"}, "role": {"agent"}, "org_id": {id[1]}, "password": {"long-enough-1"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="username-err"`) || !strings.Contains(body, `value="测试员"`) {
		t.Fatalf("bad username: %d, error or typed name missing", res.StatusCode)
	}
	res, body = c.post(page, "/w/admin/users", url.Values{"username": {"agent"}, "name": {"重名"}, "role": {"agent"}, "org_id": {id[1]}, "password": {"long-enough-1"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="username-err"`) {
		t.Fatalf("taken username: %d", res.StatusCode)
	}
	res, _ = c.post(page, "/w/admin/users", url.Values{"username": {"newagent"}, "name": {"新话务员"}, "role": {"agent"}, "org_id": {id[1]}, "password": {"long-enough-1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add user: %d", res.StatusCode)
	}
	_, page = c.do("GET", "/w/admin/users", nil)
	uid := regexp.MustCompile(`href="/w/admin/users/(\d+)">编辑<span class="sr-only"> newagent`).FindStringSubmatch(page)
	if uid == nil {
		t.Fatal("new user not listed")
	}
	_, page = c.do("GET", "/w/admin/users/"+uid[1], nil)
	res, body = c.post(page, "/w/admin/users/"+uid[1], url.Values{"name": {"新话务员"}, "role": {"dispatcher"}, "org_id": {id[1]}, "password": {"short"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="password-err"`) {
		t.Fatalf("short reset password: %d", res.StatusCode)
	}
	res, _ = c.post(page, "/w/admin/users/"+uid[1], url.Values{"name": {"新派单员"}, "role": {"dispatcher"}, "org_id": {id[1]}, "password": {"another-password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change user: %d", res.StatusCode)
	}
	nc := newClient(t, m)
	_, lp := nc.do("GET", "/login", nil)
	if res, _ := nc.do("POST", "/login", url.Values{"csrf": {nc.csrf(lp)}, "username": {"newagent"}, "password": {"another-password"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in with the reset password: %d", res.StatusCode)
	}

	_, page = c.do("GET", "/w/admin/categories", nil)
	res, body = c.post(page, "/w/admin/categories", url.Values{"code": {""}, "name": {"数据开放"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="code-err"`) || !strings.Contains(body, `value="数据开放"`) {
		t.Fatalf("category without code: %d", res.StatusCode)
	}
	res, _ = c.post(page, "/w/admin/categories", url.Values{"code": {"990000"}, "name": {"数据开放"}, "org_id": {id[1]}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add category: %d", res.StatusCode)
	}
	if _, page = c.do("GET", "/w/admin/duties", nil); !regexp.MustCompile(`海州市大数据局</th>\s*<td><a href="/w/admin/categories/\d+">数据开放</a>`).MatchString(page) {
		t.Fatal("responsibility list lacks the new category under its unit")
	}

	_, page = c.do("GET", "/w/admin/rules", nil)
	res, body = c.post(page, "/w/admin/rules", url.Values{"urgency": {"normal"}, "days": {"abc"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="days-err"`) {
		t.Fatalf("rule with days abc: %d", res.StatusCode)
	}

	_, page = c.do("GET", "/w/admin/holidays?year=2031", nil)
	res, body = c.post(page, "/w/admin/holidays", url.Values{"year": {"2031"}, "days": {"2031-10-01 休 国庆节\n2031-10-02 放 国庆节"}})
	if res.StatusCode != 422 || !strings.Contains(body, "第 2 行") || !strings.Contains(body, "2031-10-02 放 国庆节") {
		t.Fatalf("bad holiday line: %d", res.StatusCode)
	}
	res, _ = c.post(page, "/w/admin/holidays", url.Values{"year": {"2031"}, "days": {"2031-10-01 休 国庆节\n2031-10-02 休 国庆节\n2031-09-28 班 国庆节调休\n"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save holidays: %d", res.StatusCode)
	}
	if _, page = c.do("GET", "/w/admin/holidays?year=2031", nil); !strings.Contains(page, "2031-09-28 班 国庆节调休") || !strings.Contains(page, "调休上班") {
		t.Fatal("saved make-up working day not shown")
	}

	_, page = c.do("GET", "/w/admin/articles/new", nil)
	res, body = c.post(page, "/w/admin/articles/0", url.Values{"title": {"数据开放申请"}, "body": {""}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="body-err"`) || !strings.Contains(body, `value="数据开放申请"`) {
		t.Fatalf("article without body: %d", res.StatusCode)
	}
	res, _ = c.post(page, "/w/admin/articles/0", url.Values{"title": {"数据开放申请"}, "body": {"可登录市政府数据开放平台申请。"}, "keywords": {"数据，开放 申请"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add article: %d", res.StatusCode)
	}
	if _, page = c.do("GET", "/w/admin/articles", nil); !strings.Contains(page, "数据开放申请") {
		t.Fatal("new article not listed")
	}

	_, page = c.do("GET", "/w/admin/keys", nil)
	res, body = c.post(page, "/w/admin/keys", url.Values{"name": {"区网格平台"}, "role": {"field_worker"}})
	key := regexp.MustCompile(`<code id="newkey">([^<]+)</code>`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusCreated || key == nil {
		t.Fatalf("make key: %d, key shown: %v", res.StatusCode, key != nil)
	}
	if _, page = c.do("GET", "/w/admin/keys", nil); strings.Contains(page, key[1]) {
		t.Fatal("the key is shown again on the list")
	}
	if who := regexp.MustCompile(`<span class="who">([^<]*)</span>`).FindStringSubmatch(page); who == nil || !strings.HasSuffix(who[1], "市12345政务服务便民热线办公室") {
		t.Fatalf("top bar on the keys page: %v", who)
	}
	kid := regexp.MustCompile(`action="/w/admin/keys/(\d+)/revoke"`).FindStringSubmatch(page)
	if kid == nil {
		t.Fatal("no revoke form")
	}
	if res, _ = c.post(page, "/w/admin/keys/"+kid[1]+"/revoke", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", res.StatusCode)
	}
	req, _ := http.NewRequest("GET", m.URL()+"/api/v1/queues", nil)
	req.Header.Set("Authorization", "Bearer "+key[1])
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("revoked key still works: %v %v", r.StatusCode, err)
	}

	// A form without its token changes nothing.
	if res, _ = c.do("POST", "/w/admin/orgs", url.Values{"name": {"无令牌单位"}, "kind": {"department"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("post without csrf: %d", res.StatusCode)
	}
	if _, page = c.do("GET", "/w/admin/orgs", nil); strings.Contains(page, "无令牌单位") {
		t.Fatal("a form without its token added an org")
	}

	d := newClient(t, m)
	d.login("dispatcher")
	_, home := d.do("GET", "/w/", nil)
	// The import page sits under /w/admin/ but is the dispatchers' (the
	// permission table lets them import); no configuration page is.
	if !strings.Contains(home, `href="/w/admin/imports"`) {
		t.Error("a dispatcher's left column lacks the import page")
	}
	if strings.Contains(strings.ReplaceAll(home, `href="/w/admin/imports"`, ""), "/w/admin/") {
		t.Error("a dispatcher's left column offers admin pages")
	}
	for _, p := range []string{"/w/admin/", "/w/admin/users", "/w/admin/keys", "/w/admin/users/1"} {
		if res, _ := d.do("GET", p, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("dispatcher GET %s: %d, want 403", p, res.StatusCode)
		}
	}
	if res, _ := d.post(home, "/w/admin/orgs", url.Values{"name": {"越权单位"}, "kind": {"department"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("dispatcher adds an org: %d, want 403", res.StatusCode)
	}
}
