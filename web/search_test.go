package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng"
	"minsheng/service"
)

// rowsRE finds the case links of a result table.
var rowsRE = regexp.MustCompile(`<td class="num"><a href="/w/cases/(\d+)">`)

// TestSearchPage: Chinese full text finds a case whose title carries a
// markup probe (shown as text); the filters narrow in the user's scope;
// the export links carry the same filters; a bad date is explained under
// its field; the phone filter is only offered to roles that may use it.
func TestSearchPage(t *testing.T) {
	m := node(t)
	svc, ctx := backdoor(m), context.Background()
	agent := signIn(t, svc, "agent")
	probe := `<script>alert(1)</script>`
	made, err := svc.CreateCase(ctx, agent, service.Intake{Title: "垃圾清运不及时" + probe,
		Content: "东方花园小区的垃圾桶已经三天没有清运，气味很大。", CategoryID: 3,
		Citizen: minsheng.Citizen{Name: "王阿姨", Phone: "13912345678"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	d := newClient(t, m)
	d.login("dispatcher")
	res, body := d.do("GET", "/w/search?q="+urlq("东方花园"), nil)
	if res.StatusCode != 200 || !strings.Contains(body, "/w/cases/"+strconv.FormatInt(made.ID, 10)) {
		t.Fatalf("full text: %d, case %d not listed", res.StatusCode, made.ID)
	}
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(1)") {
		t.Fatal("the title's markup was not escaped in the results")
	}
	if !strings.Contains(body, `/w/search/export?format=xlsx&amp;q=`+urlq("东方花园")) {
		t.Error("the export link does not carry the search")
	}
	// The link works with the page's own session: a CSV ledger with the
	// case, the markup as text and the phone as the dispatcher may see it.
	res, ledger := d.do("GET", "/w/search/export?format=csv&q="+urlq("东方花园"), nil)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(ledger, "垃圾清运不及时") || !strings.Contains(ledger, "13912345678") {
		t.Fatalf("csv ledger: %d %q", res.StatusCode, ledger[:min(len(ledger), 300)])
	}
	if res, _ := d.do("GET", "/w/search/export?format=pdf&q="+urlq("东方花园"), nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown format: %d, want 400", res.StatusCode)
	}

	// Filters: status and channel narrow to what the service lists.
	res, body = d.do("GET", "/w/search?status=pending_dispatch&channel=phone&overdue=1", nil)
	want, err := svc.ListCases(ctx, signIn(t, svc, "dispatcher"), minsheng.CaseFilter{Status: []minsheng.Status{minsheng.StatusPendingDispatch},
		Channel: "phone", Overdue: true, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rowsRE.FindAllString(body, -1)); res.StatusCode != 200 || got != len(want.Items) {
		t.Fatalf("filtered: %d, %d rows, want %d", res.StatusCode, got, len(want.Items))
	}
	if !strings.Contains(body, "format=csv&amp;channel=phone&amp;overdue=true&amp;status=pending_dispatch") {
		t.Errorf("the csv export link does not carry the filters: %s", regexp.MustCompile(`href="/w/search/export[^"]*"`).FindAllString(body, -1))
	}

	// A date the parser refuses, explained under its field, the form kept.
	res, body = d.do("GET", "/w/search?q="+urlq("路灯")+"&created_from=2026-13-01", nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `class="ferr"`) || !strings.Contains(body, `value="路灯"`) ||
		!strings.Contains(body, "日期格式不对") {
		t.Fatalf("bad date: %d", res.StatusCode)
	}

	// The phone: the dispatcher finds the caller by number typed in the
	// top bar; a handler has no phone filter and a number is only text.
	if _, body = d.do("GET", "/w/search?q=13912345678", nil); !strings.Contains(body, "/w/cases/"+strconv.FormatInt(made.ID, 10)) {
		t.Error("the dispatcher's phone lookup did not find the caller's case")
	}
	h := newClient(t, m)
	h.login("handler")
	_, body = h.do("GET", "/w/search?status=handling", nil)
	if strings.Contains(body, `name="citizen_phone"`) {
		t.Error("a handler is offered the phone filter")
	}
	hu := signIn(t, svc, "handler")
	for _, id := range rowsRE.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.ParseInt(id[1], 10, 64)
		if _, err := svc.Case(ctx, hu, n); err != nil {
			t.Errorf("the handler's search lists case %d outside their scope: %v", n, err)
		}
	}
	if res, _ = h.do("GET", "/w/search?citizen_phone=13912345678", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("a handler's phone lookup: %d, want 403", res.StatusCode)
	}
}

// TestBrowserSearch fills the search form with the keyboard and a select,
// and saves screenshots of the results at desktop and phone widths.
func TestBrowserSearch(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "open search", chromedp.Navigate(base+"/w/search"), chromedp.WaitVisible(chromedp.ID("f-q")))
	run(t, ctx, "search handling cases", chromedp.SetValue(chromedp.ID("f-status"), "handling"),
		chromedp.Click(chromedp.CSS(".sbar button")), chromedp.WaitVisible(chromedp.CSS("#qtable")))
	if n := text(t, ctx, "#search-h .muted"); !strings.HasPrefix(n, "共") {
		t.Fatalf("result count %q", n)
	}
	shoot(t, ctx, "search-1280", 1280)
	shoot(t, ctx, "search-375", 375)
}

// urlq escapes a query value.
func urlq(s string) string { return url.QueryEscape(s) }
