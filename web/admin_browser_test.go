package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAdmin signs in as the admin and works the admin pages as a
// person would: a unit added with a mistake first, a holiday year with its
// make-up working day, a key made and shown once. It checks that focus is
// visible and saves screenshots of the pages at both widths.
func TestBrowserAdmin(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "admin")
	run(t, ctx, "open the org tree", chromedp.Navigate(base+"/w/admin/orgs"), chromedp.WaitVisible(chromedp.CSS("table.admin")))
	run(t, ctx, "add a unit without a name",
		chromedp.Click(chromedp.ID("open-add")), chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.Submit(chromedp.ID("name")), chromedp.WaitVisible(chromedp.ID("name-err")))
	shoot(t, ctx, "admin-org-error-1280", 1280)
	run(t, ctx, "add it with a name",
		chromedp.SendKeys(chromedp.ID("name"), "海州市营商环境服务中心"), chromedp.Submit(chromedp.ID("name")),
		chromedp.WaitVisible(chromedp.CSS(".toast")))
	if tb := text(t, ctx, "table.admin"); !strings.Contains(tb, "海州市营商环境服务中心") {
		t.Fatal("the new unit is not in the tree")
	}
	shoot(t, ctx, "admin-orgs-1280", 1280)
	shoot(t, ctx, "admin-orgs-375", 375)

	run(t, ctx, "tab to the first field", chromedp.Navigate(base+"/w/admin/users"), chromedp.WaitVisible(chromedp.ID("open-add")),
		chromedp.Click(chromedp.ID("open-add")), chromedp.Focus(chromedp.ID("username")))
	outline, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).outlineStyle`))
	if err != nil || outline == "none" {
		t.Fatalf("focused field has no visible outline (%q, %v)", outline, err)
	}
	shoot(t, ctx, "admin-users-1280", 1280)

	run(t, ctx, "holidays of 2031",
		chromedp.Navigate(base+"/w/admin/holidays?year=2031"), chromedp.WaitVisible(chromedp.ID("days")),
		chromedp.SendKeys(chromedp.ID("days"), "2031-10-01 休 国庆节\n2031-09-28 班 国庆节调休\n"),
		chromedp.Submit(chromedp.ID("days")), chromedp.WaitVisible(chromedp.CSS(".toast")))
	if tb := text(t, ctx, "table.admin"); !strings.Contains(tb, "调休上班") {
		t.Fatalf("make-up working day not listed: %q", tb)
	}
	shoot(t, ctx, "admin-holidays-1280", 1280)
	shoot(t, ctx, "admin-holidays-375", 375)

	run(t, ctx, "make an API key",
		chromedp.Navigate(base+"/w/admin/keys"), chromedp.WaitVisible(chromedp.ID("open-add")),
		chromedp.Click(chromedp.ID("open-add")), chromedp.SendKeys(chromedp.ID("name"), "市长信箱"),
		chromedp.Submit(chromedp.ID("name")), chromedp.WaitVisible(chromedp.ID("newkey")))
	if k := text(t, ctx, "#newkey"); !strings.HasPrefix(k, "ms_") && len(k) < 40 {
		t.Fatalf("key shown %q", k)
	}
	shoot(t, ctx, "admin-keys-1280", 1280)

	shoot(t, ctx, "admin-keys-375", 375)
}

// TestBrowserAdminAt375 opens every admin page and the operator's log at
// 375 px as the admin: every field has a label, and no page scrolls
// sideways.
func TestBrowserAdminAt375(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "admin")
	for _, p := range []string{"admin/orgs", "admin/users", "admin/users/1", "admin/categories", "admin/categories/1", "admin/duties",
		"admin/rules", "admin/rules/1", "admin/holidays", "admin/articles", "admin/articles/new", "admin/keys", "log"} {
		run(t, ctx, "open "+p, chromedp.EmulateViewport(375, 720), chromedp.Navigate(base+"/w/"+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		// One round trip per page: the unlabelled fields' names, then "wide"
		// when the page is wider than the screen.
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("main input:not([type=hidden]), main select, main textarea")).
			filter(function(e){return !(e.labels && e.labels.length) && !e.closest("label")}).map(function(e){return e.name}).join(",") +
			(document.documentElement.scrollWidth > window.innerWidth + 1 ? "|wide" : "")`))
		if err != nil || got != "" {
			t.Errorf("%s at 375 px: %q (%v); want every field labelled and no sideways scrolling", p, got, err)
		}
	}
}

// TestBrowserAdminLists saves screenshots of the list pages: the category
// tree with its responsible units, the responsibility list per unit, the
// knowledge base and, at 375 px, the deadline rules.
func TestBrowserAdminLists(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "admin")
	run(t, ctx, "categories", chromedp.Navigate(base+"/w/admin/categories"), chromedp.WaitVisible(chromedp.CSS("table.admin")))
	shoot(t, ctx, "admin-categories-1280", 1280)
	run(t, ctx, "duties", chromedp.Navigate(base+"/w/admin/duties"), chromedp.WaitVisible(chromedp.CSS("table.admin")))
	shoot(t, ctx, "admin-duties-1280", 1280)
	run(t, ctx, "articles", chromedp.Navigate(base+"/w/admin/articles"), chromedp.WaitVisible(chromedp.CSS("table.admin")))
	shoot(t, ctx, "admin-articles-1280", 1280)
	run(t, ctx, "rules", chromedp.Navigate(base+"/w/admin/rules"), chromedp.WaitVisible(chromedp.CSS("table.admin")))
	shoot(t, ctx, "admin-rules-375", 375)
}
