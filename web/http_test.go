package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/lifecycle"
	"minsheng/server"
	"minsheng/service"
)

// client is a browser without JavaScript: it keeps cookies and does not
// follow redirects, so a test sees each answer.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func newClient(t *testing.T, m *server.Main) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: m.URL(), hc: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *client) do(method, path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// csrf reads the form token from a page.
func (c *client) csrf(page string) string {
	c.t.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		c.t.Fatalf("no csrf field in the page")
	}
	return m[1]
}

func (c *client) login(user string) {
	c.t.Helper()
	_, page := c.do("GET", "/login", nil)
	res, _ := c.do("POST", "/login", url.Values{"csrf": {c.csrf(page)}, "username": {user}, "password": {demo.Password}})
	if res.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d", user, res.StatusCode)
	}
}

func cookie(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TestPagesSecurity checks the headers, cookies and cache rules every page
// and static file must carry.
func TestPagesSecurity(t *testing.T) {
	m := node(t)
	c := newClient(t, m)
	res, page := c.do("GET", "/", nil)
	h := res.Header
	if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") || h.Get("X-Frame-Options") != "DENY" ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" {
		t.Errorf("portal headers: %v", h)
	}
	if k := cookie(res, "ms_csrf"); k == nil || !k.HttpOnly || k.SameSite != http.SameSiteLaxMode {
		t.Errorf("csrf cookie: %+v", k)
	}
	css := regexp.MustCompile(`/static/app\.[0-9a-f]{12}\.css`).FindString(page)
	res, _ = c.do("GET", css, nil)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("%s: %d %v", css, res.StatusCode, res.Header)
	}
	if res, _ = c.do("GET", "/static/app.css", nil); res.StatusCode != 404 {
		t.Errorf("unhashed static name: %d, want 404", res.StatusCode)
	}
	if res, _ = c.do("GET", "/w/", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Fw%2F" {
		t.Errorf("workbench without sign-in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	req, _ := http.NewRequest("GET", c.base+"/w/queues/to_dispatch", nil)
	req.Header.Set("HX-Request", "true")
	hx, err := c.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hx.Body.Close()
	if hx.Header.Get("HX-Redirect") != "/login?next=%2Fw%2Fqueues%2Fto_dispatch" {
		t.Errorf("an htmx refresh without a session should redirect the page: %v", hx.Header)
	}
	if res, _ = c.do("GET", "/healthz", nil); res.StatusCode != 200 {
		t.Errorf("healthz through the shared mux: %d", res.StatusCode)
	}
}

// TestPortalSubmit shows that a form without its CSRF token is refused and
// keeps what was typed, that markup in a request shows as text, and that
// the answer leads to the tracking page.
func TestPortalSubmit(t *testing.T) {
	m := node(t)
	c := newClient(t, m)
	_, page := c.do("GET", "/", nil)
	form := url.Values{"category_id": {"3"}, "title": {`<script>alert(1)</script>`}, "content": {"楼道灯坏了<img src=x onerror=alert(2)>"}}
	res, body := c.do("POST", "/submit", form)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "页面已过期") || !strings.Contains(body, "楼道灯坏了") {
		t.Fatalf("submit without csrf: %d", res.StatusCode)
	}
	form.Set("csrf", c.csrf(page))
	res, _ = c.do("POST", "/submit", form)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/track/") {
		t.Fatalf("submit: %d %s", res.StatusCode, loc)
	}
	_, body = c.do("GET", loc, nil)
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Fatalf("the title was not escaped")
	}
	// Staff see the same text, escaped, on the queue and the case page.
	cs, err := m.Store.CaseByTrackingCode(context.Background(), strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/track/"))
	if err != nil {
		t.Fatal(err)
	}
	d := newClient(t, m)
	d.login("dispatcher")
	for _, path := range []string{"/w/cases/" + strconv.FormatInt(cs.ID, 10), "/w/queues/to_dispatch?sort=received"} {
		_, body = d.do("GET", path, nil)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || !strings.Contains(body, "&lt;script&gt;alert(1)") {
			t.Errorf("%s: the request's markup was not escaped", path)
		}
	}
}

// TestActionFormErrors shows a refused action explained under its field,
// with what was typed kept: a return asks for confirmation first, and a
// reason that is too short says how long it must be.
func TestActionFormErrors(t *testing.T) {
	m := node(t)
	id := dispatchedToHousing(t, m)
	h := newClient(t, m)
	h.login("handler")
	path := "/w/cases/" + strconv.FormatInt(id, 10)
	_, page := h.do("GET", path, nil)
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
	form := url.Values{"csrf": {h.csrf(page)}, "version": {version}, "reason": {"此事不属于本局职责范围，应由物业公司负责处理"}}
	res, body := h.do("POST", path+"/return", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请先勾选确认") || !strings.Contains(body, "应由物业公司负责处理") {
		t.Fatalf("return without confirmation: %d", res.StatusCode)
	}
	form.Set("confirm", "1")
	form.Set("reason", "不归")
	if res, body = h.do("POST", path+"/return", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "至少") {
		t.Fatalf("return with a two-character reason: %d %s", res.StatusCode, regexp.MustCompile(`class="(problem|ferr)"[^<]*<`).FindAllString(body, -1))
	}
	form.Set("reason", "此事不属于本局职责范围，应由物业公司负责处理")
	if res, _ = h.do("POST", path+"/return", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return with confirmation and reason: %d", res.StatusCode)
	}
}

// TestLoginAndScope signs in through the form: each sign-in gets a new
// session cookie (HttpOnly, SameSite=Lax), a staff POST without its token is
// refused, and a handler cannot open another department's case.
func TestLoginAndScope(t *testing.T) {
	m := node(t)
	a, b := newClient(t, m), newClient(t, m)
	tokens := map[string]bool{}
	for _, c := range []*client{a, b} {
		_, page := c.do("GET", "/login", nil)
		res, _ := c.do("POST", "/login", url.Values{"csrf": {c.csrf(page)}, "username": {"dispatcher"}, "password": {demo.Password}})
		k := cookie(res, "ms_session")
		if k == nil || !k.HttpOnly || k.SameSite != http.SameSiteLaxMode || res.Header.Get("Location") != "/w/" {
			t.Fatalf("login answer: %d %+v", res.StatusCode, k)
		}
		tokens[k.Value] = true
	}
	if len(tokens) != 2 {
		t.Fatal("two sign-ins shared one session token")
	}
	id := dispatchedToHousing(t, m)
	if res, body := a.do("POST", "/w/cases/"+strconv.FormatInt(id, 10)+"/comment", url.Values{"text": {"x"}, "version": {"2"}}); res.StatusCode != http.StatusForbidden ||
		!strings.Contains(body, "页面已过期") || !strings.Contains(body, `class="side"`) {
		t.Errorf("staff POST without csrf: %d, want 403 with the stale-form message in the workbench", res.StatusCode)
	}
	own, other := newClient(t, m), newClient(t, m)
	own.login("handler")
	other.login("handler2")
	path := "/w/cases/" + strconv.FormatInt(id, 10)
	if res, _ := own.do("GET", path, nil); res.StatusCode != 200 {
		t.Errorf("the housing handler opens the housing case: %d", res.StatusCode)
	}
	if res, _ := other.do("GET", path, nil); res.StatusCode != 404 {
		t.Errorf("another department's handler opens it: %d, want 404", res.StatusCode)
	}
}

// TestStaleAction shows that an action posted against an old version is not
// taken, and that the page says who acted in between.
func TestStaleAction(t *testing.T) {
	m := node(t)
	c := newClient(t, m)
	c.login("dispatcher")
	svc, ctx := backdoor(m), context.Background()
	d := signIn(t, svc, "dispatcher")
	q, err := svc.Queue(ctx, d, minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil || len(q.Items) == 0 {
		t.Fatalf("no case to dispatch: %v", err)
	}
	id := q.Items[0].ID
	path := "/w/cases/" + strconv.FormatInt(id, 10)
	_, page := c.do("GET", path, nil)
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
	sup := signIn(t, svc, "supervisor")
	if _, err := svc.Act(ctx, sup, id, lifecycle.Request{Action: lifecycle.Comment, Text: "先核实是否重复"}, false); err != nil {
		t.Fatal(err)
	}
	res, body := c.do("POST", path+"/dispatch", url.Values{"csrf": {c.csrf(page)}, "version": {version},
		"org_id": {strconv.FormatInt(orgNamed(t, svc, d, "住房"), 10)}, "note": {"请处理"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "刚被更新") || !strings.Contains(body, "高振华") {
		t.Fatalf("stale dispatch: %d", res.StatusCode)
	}
	if !strings.Contains(body, "请处理") {
		t.Error("the stale form lost what was typed")
	}
}

func signIn(t *testing.T, svc *service.Service, user string) *minsheng.User {
	t.Helper()
	s, err := svc.Login(context.Background(), "127.0.0.9", user, demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.Authenticate(context.Background(), s.Token)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func orgNamed(t *testing.T, svc *service.Service, u *minsheng.User, part string) int64 {
	t.Helper()
	orgs, err := svc.Orgs(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if strings.Contains(o.Name, part) && o.Kind == minsheng.OrgDepartment {
			return o.ID
		}
	}
	t.Fatalf("no department named like %q", part)
	return 0
}

// dispatchedToHousing dispatches a new case to the housing bureau, whose
// handler is "handler" and not "handler2".
func dispatchedToHousing(t *testing.T, m *server.Main) int64 {
	t.Helper()
	svc, ctx := backdoor(m), context.Background()
	d := signIn(t, svc, "dispatcher")
	q, err := svc.Queue(ctx, d, minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil || len(q.Items) == 0 {
		t.Fatalf("no case to dispatch: %v", err)
	}
	id := q.Items[0].ID
	if _, err := svc.Act(ctx, d, id, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: orgNamed(t, svc, d, "住房")}, false); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestMergeFromCasePage merges a new portal request into an earlier case
// the way the one-click duplicate form posts it: the duplicate then shows
// as merged and its citizen follows the earlier case.
func TestMergeFromCasePage(t *testing.T) {
	m := node(t)
	svc, ctx := backdoor(m), context.Background()
	d := signIn(t, svc, "dispatcher")
	q, err := svc.Queue(ctx, d, minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil || len(q.Items) == 0 {
		t.Fatalf("no case to merge into: %v", err)
	}
	master := q.Items[0]
	dup, err := svc.SubmitPublic(ctx, "10.1.1.1", service.Intake{Title: master.Title, Content: master.Content, CategoryID: master.CategoryID})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, m)
	c.login("dispatcher")
	path := "/w/cases/" + strconv.FormatInt(dup.ID, 10)
	_, page := c.do("GET", path, nil)
	form := url.Values{"csrf": {c.csrf(page)}, "version": {"1"}, "into": {strconv.FormatInt(master.ID, 10)}, "confirm": {"1"}}
	if res, _ := c.do("POST", path+"/merge", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", res.StatusCode)
	}
	if _, page = c.do("GET", path, nil); !strings.Contains(page, `<span class="status">已合并</span>`) {
		t.Fatal("the merged case does not say so")
	}
	tr, err := svc.Track(ctx, "10.1.1.2", dup.TrackingCode)
	if err != nil || tr.MergedInto == nil || tr.MergedInto.Number != master.Number {
		t.Fatalf("the citizen's tracking after the merge: %+v %v", tr, err)
	}
}

// TestDispatchDeadline sets a deadline and a co-handling unit on dispatch:
// a deadline in the past is explained under its field, one two days ahead
// is taken.
func TestDispatchDeadline(t *testing.T) {
	m := node(t)
	svc, ctx := backdoor(m), context.Background()
	d := signIn(t, svc, "dispatcher")
	q, err := svc.Queue(ctx, d, minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil || len(q.Items) == 0 {
		t.Fatalf("no case to dispatch: %v", err)
	}
	id := q.Items[0].ID
	c := newClient(t, m)
	c.login("dispatcher")
	path := "/w/cases/" + strconv.FormatInt(id, 10)
	_, page := c.do("GET", path, nil)
	cst := time.FixedZone("CST", 8*3600)
	form := url.Values{"csrf": {c.csrf(page)}, "version": {strconv.Itoa(q.Items[0].Version)},
		"org_id": {strconv.FormatInt(orgNamed(t, svc, d, "住房"), 10)},
		"due_at": {time.Now().In(cst).Add(-time.Hour).Format("2006-01-02T15:04")}}
	res, body := c.do("POST", path+"/dispatch", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "时限至少要在一小时之后") {
		t.Fatalf("a past deadline: %d", res.StatusCode)
	}
	want := time.Now().In(cst).Add(48 * time.Hour).Truncate(time.Minute)
	form.Set("due_at", want.Format("2006-01-02T15:04"))
	co := orgNamed(t, svc, d, "城市管理")
	form["co_org_ids"] = []string{strconv.FormatInt(co, 10)}
	if res, _ = c.do("POST", path+"/dispatch", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dispatch with a deadline: %d", res.StatusCode)
	}
	got, err := m.Store.Case(ctx, id)
	if err != nil || !got.DueAt.Equal(want) {
		t.Fatalf("deadline %v, want %v (%v)", got.DueAt, want, err)
	}
	if len(got.CoOrgIDs) != 1 || got.CoOrgIDs[0] != co {
		t.Fatalf("co-handling units %v, want [%d]", got.CoOrgIDs, co)
	}
}
