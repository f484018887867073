package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng"
	"minsheng/service"
)

// TestBrowserCompareAndMerge: a portal request repeats a waiting case with
// markup in its title. The dispatcher sets the two side by side (the markup
// shows as text), ticks the confirmation and merges with one click; the
// duplicate then says it is merged. A handler of another department cannot
// open the comparison.
func TestBrowserCompareAndMerge(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc, bg := backdoor(m), context.Background()
	d := signIn(t, svc, "dispatcher")
	q, err := svc.Queue(bg, d, minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil || len(q.Items) == 0 {
		t.Fatalf("no case to merge into: %v", err)
	}
	master := q.Items[0]
	probe := `<img src=x onerror=alert(1)>`
	dup, err := svc.SubmitPublic(bg, "10.1.1.1", service.Intake{Title: master.Title + probe, Content: master.Content, CategoryID: master.CategoryID})
	if err != nil {
		t.Fatal(err)
	}
	did, mid := strconv.FormatInt(dup.ID, 10), strconv.FormatInt(master.ID, 10)
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "compare", chromedp.Navigate(base+"/w/cases/"+did+"/compare/"+mid), chromedp.WaitVisible(chromedp.ID("merge-go-"+did)))
	if h := text(t, ctx, ".side-"+did+" h2"); !strings.Contains(h, probe) {
		t.Fatalf("the duplicate's title should show its markup as text: %q", h)
	}
	if a, b := text(t, ctx, ".side-"+did+" .content"), text(t, ctx, ".side-"+mid+" .content"); a != b {
		t.Fatalf("the two requests are not side by side: %q / %q", a, b)
	}
	shoot(t, ctx, "compare-1280", 1280)
	shoot(t, ctx, "compare-375", 375)
	run(t, ctx, "merge", chromedp.EmulateViewport(1280, 720), chromedp.Click(chromedp.ID("merge-ok-"+did)),
		chromedp.Click(chromedp.ID("merge-go-"+did)), chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
	if st := text(t, ctx, ".case-head .status"); st != "已合并" {
		t.Fatalf("after the merge: %q", st)
	}

	other := newClient(t, m)
	other.login("handler2")
	if res, _ := other.do("GET", "/w/cases/"+did+"/compare/"+mid, nil); res.StatusCode != 404 {
		t.Fatalf("a handler of another department compares hotline cases: %d, want 404", res.StatusCode)
	}
}
