package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"minsheng/demo"
	"minsheng/server"
)

// chromium is Debian's browser; the tests drive it headless.
const chromium = "/usr/bin/chromium"

// browser starts a minsheng node with the demo city and a few hundred
// cases, and a headless Chromium to drive it. Without Chromium the test is
// skipped, except under CI=true, where a missing browser is a failure.
func browser(t *testing.T) (base string, ctx context.Context) {
	base, ctx, _ = browserNode(t)
	return base, ctx
}

// browserNode is browser that also returns the node, for tests that look
// into the store.
func browserNode(t *testing.T) (base string, ctx context.Context, m *server.Main) {
	t.Helper()
	ctx = chrome(t)
	m = node(t)
	return m.URL(), ctx, m
}

// eachBrowserNode is eachNode with a browser of its own for each database.
func eachBrowserNode(t *testing.T, fn func(t *testing.T, base string, ctx context.Context, m *server.Main)) {
	eachNode(t, func(t *testing.T, m *server.Main) { fn(t, m.URL(), chrome(t), m) })
}

// chrome starts a headless Chromium for the test, or skips it (fails under
// CI=true) when the browser is missing.
func chrome(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required under CI: %v", err)
		}
		t.Skipf("no %s; install the chromium package to run the browser tests", chromium)
	}
	bg := context.Background()
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromium), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir())}
	actx, cancelA := chromedp.NewExecAllocator(bg, opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	// Two minutes: the longest test walks a case through six sign-ins, and
	// the whole suite shares the machine's cores with it.
	ctx, cancelT := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}

// shots is where screenshots go: $MINSHENG_SHOTS when set (to look at them
// after the run), else the test's temp dir.
func shots(t *testing.T) string {
	if d := os.Getenv("MINSHENG_SHOTS"); d != "" {
		os.MkdirAll(d, 0o755)
		return d
	}
	return t.TempDir()
}

// shoot saves a full-page PNG of the current page at the given width.
func shoot(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 720)); err != nil {
		t.Fatalf("viewport for %s: %v", name, err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(shots(t), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}

// run takes the steps in order and fails the test with the page's markup.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("body")))
		if len(html) > 3000 {
			html = html[:3000]
		}
		t.Fatalf("%s: %v\npage: %s", what, err, html)
	}
}

// text reads the text of the first element the CSS selector finds. A read
// that races the browser replacing the document (a redirect landing, a
// refresh swapping in) is tried again.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	var err error
	for range 5 {
		var s string
		if s, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel))); err == nil {
			return s
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("read %s: %v", sel, err)
	return ""
}

// login signs a demo account in through the form.
func login(t *testing.T, ctx context.Context, base, user string) {
	t.Helper()
	run(t, ctx, "sign in as "+user,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS("nav.side")))
}

// TestBrowserCitizenSubmitsAndTracks walks the portal as a citizen on a
// phone: the three-step form, the receipt, then the tracking page. The
// request carries markup, which must show as text.
func TestBrowserCitizenSubmitsAndTracks(t *testing.T) {
	base, ctx := browser(t)
	probe := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	run(t, ctx, "open the portal", chromedp.EmulateViewport(375, 720), chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("content")))
	shoot(t, ctx, "portal-375", 375)
	run(t, ctx, "submit with nothing typed", chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".ferr")))
	shoot(t, ctx, "portal-errors-375", 375)
	run(t, ctx, "fill in and submit",
		chromedp.SetValue(chromedp.ID("category_id"), "3"),
		chromedp.SendKeys(chromedp.ID("title"), "楼道灯坏了"+probe),
		chromedp.SendKeys(chromedp.ID("content"), "幸福小区3号楼2单元楼道灯坏了一个星期，晚上看不见路，老人上下楼很危险。"),
		chromedp.SendKeys(chromedp.ID("address"), "市南区幸福小区3号楼"),
		chromedp.SendKeys(chromedp.ID("phone"), "13800138000"),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("code")))
	number, code, title := text(t, ctx, "#number"), text(t, ctx, "#code"), text(t, ctx, ".card h2")
	shoot(t, ctx, "receipt-375", 375)
	if number == "" || len(code) < 8 {
		t.Fatalf("receipt shows number %q, code %q", number, code)
	}
	if !strings.Contains(title, "<script>") {
		t.Fatalf("the title's markup should show as text, got %q", title)
	}
	run(t, ctx, "track by code", chromedp.Navigate(base+"/track"),
		chromedp.SendKeys(chromedp.ID("code-in"), code), chromedp.Submit(chromedp.ID("code-in")),
		chromedp.WaitVisible(chromedp.CSS("ol.progress")))
	step := text(t, ctx, "ol.progress li[aria-current=step]")
	if step != "已受理" {
		t.Fatalf("progress step %q, want 已受理", step)
	}
	shoot(t, ctx, "track-1280", 1280)
	run(t, ctx, "the portal in English", chromedp.Navigate(base+"/?lang=en"), chromedp.WaitVisible(chromedp.ID("content")))
	if h := text(t, ctx, "main h1"); h != "Report a problem" {
		t.Fatalf("English portal heading %q", h)
	}
	shoot(t, ctx, "portal-en-375", 375)
}

// TestBrowserAgentSeesQueues signs in as a call-taker, who lands on a home
// page with their queues and counts.
func TestBrowserAgentSeesQueues(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "agent")
	side := text(t, ctx, "nav.side")
	if !strings.Contains(side, "我登记的") {
		t.Fatalf("agent's queues: %q", side)
	}
	shoot(t, ctx, "home-agent-1280", 1280)
	run(t, ctx, "page through the agent's own cases", chromedp.Navigate(base+"/w/queues/mine"),
		chromedp.WaitVisible(chromedp.CSS(".pager a.btn")), chromedp.Click(chromedp.CSS(".pager a.btn")),
		chromedp.WaitVisible(chromedp.CSS(".pager a:not(.btn)")))
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.querySelectorAll('table.cases tbody tr').length")); err != nil || n != 50 {
		t.Fatalf("second page has %d rows (%v), want 50", n, err)
	}
	run(t, ctx, "press / on the home page",
		chromedp.Navigate(base+"/w/"), chromedp.WaitVisible(chromedp.ID("search")), chromedp.KeyEvent("/"))
	if f, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.activeElement.id")); err != nil || f != "search" {
		t.Fatalf("/ focused %q (%v), want the search box", f, err)
	}
	run(t, ctx, "search from the top bar",
		chromedp.SetValue(chromedp.ID("search"), "路面"), chromedp.Submit(chromedp.ID("search")),
		chromedp.WaitVisible(chromedp.ID("search-h")))
	if h := text(t, ctx, "#search-h"); !strings.Contains(h, "路面") {
		t.Fatalf("search page heading %q", h)
	}
	shoot(t, ctx, "search-agent-1280", 1280)
	run(t, ctx, "switch to English", chromedp.Navigate(base+"/w/?lang=en"), chromedp.WaitVisible(chromedp.CSS("nav.side")))
	if side := text(t, ctx, "nav.side"); !strings.Contains(side, "Recorded by me") {
		t.Fatalf("English queues: %q", side)
	}
	shoot(t, ctx, "home-agent-en-1280", 1280)
}

// TestBrowserDispatcherDispatches opens the to-dispatch queue, opens the
// first case and dispatches it to a unit; the case then waits for signing.
func TestBrowserDispatcherDispatches(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "dispatcher")
	shoot(t, ctx, "home-dispatcher-1280", 1280)
	run(t, ctx, "open the queue", chromedp.Navigate(base+"/w/queues/to_dispatch"),
		chromedp.WaitVisible(chromedp.CSS("table.cases")))
	shoot(t, ctx, "queue-to-dispatch-1280", 1280)
	run(t, ctx, "the overdue queue on a phone", chromedp.Navigate(base+"/w/queues/overdue"),
		chromedp.WaitVisible(chromedp.CSS("table.cases")))
	shoot(t, ctx, "queue-overdue-375", 375)
	run(t, ctx, "back to the to-dispatch queue", chromedp.Navigate(base+"/w/queues/to_dispatch"),
		chromedp.WaitVisible(chromedp.CSS("table.cases")))
	run(t, ctx, "open a case and dispatch it",
		chromedp.Click(chromedp.CSS("table.cases tbody tr td.num a")),
		chromedp.WaitVisible(chromedp.ID("open-dispatch")),
		chromedp.Click(chromedp.ID("open-dispatch")),
		chromedp.Evaluate[chromedp.Void](`(function(){var s=document.getElementById("dispatch-org_id");
			for (var i=0;i<s.options.length;i++) if (s.options[i].text.indexOf("住房")>=0) {s.selectedIndex=i;break}})()`),
		chromedp.SendKeys(chromedp.ID("dispatch-note"), "请尽快核实处理"))
	shoot(t, ctx, "case-dispatch-form-1280", 1280)
	run(t, ctx, "submit the dispatch",
		chromedp.Submit(chromedp.ID("dispatch-note")),
		chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
	if p := text(t, ctx, ".toast, .problem"); !strings.HasPrefix(p, "操作成功") {
		t.Fatalf("dispatch answered %q", p)
	}
	status := text(t, ctx, ".case-head .status")
	if status != "待签收" {
		t.Fatalf("status after dispatch %q, want 待签收", status)
	}
	shoot(t, ctx, "case-dispatched-1280", 1280)
	shoot(t, ctx, "case-dispatched-375", 375)
}
