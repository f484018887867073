package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserHandlerScope: a case with the housing bureau opens for its
// handler; the education bureau's handler, typing its address, gets the
// not-found page (the case's existence is not confirmed), the search does
// not list it, and the comparison and deadline preview refuse it too.
func TestBrowserHandlerScope(t *testing.T) {
	base, ctx, m := browserNode(t)
	id := dispatchedToHousing(t, m)
	path := base + "/w/cases/" + strconv.FormatInt(id, 10)
	login(t, ctx, base, "handler2")
	run(t, ctx, "open another department's case", chromedp.Navigate(path), chromedp.WaitVisible(chromedp.CSS("p.problem")))
	if msg := text(t, ctx, "p.problem"); msg != "找不到这个页面或工单。" {
		t.Fatalf("another department's case: %q", msg)
	}
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("main"))); err != nil || strings.Contains(html, "form-accept") {
		t.Fatalf("the refusal shows the case's forms: %v", err)
	}
	shoot(t, ctx, "scope-denied-1280", 1280)
	c := newClient(t, m)
	c.login("handler2")
	for _, p := range []string{"/w/cases/" + strconv.FormatInt(id, 10) + "/due", "/w/cases/" + strconv.FormatInt(id, 10) + "/compare/1"} {
		if res, _ := c.do("GET", p, nil); res.StatusCode != 404 && res.StatusCode != 403 {
			t.Errorf("%s for another department: %d", p, res.StatusCode)
		}
	}
	_, body := c.do("GET", "/w/search?status=dispatched", nil)
	if strings.Contains(body, `href="/w/cases/`+strconv.FormatInt(id, 10)+`"`) {
		t.Error("another department's case is listed by search")
	}
}
