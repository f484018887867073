package web_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/service"
	"minsheng/store/storetest"
)

// liveWait is how long a test gives a live page to refresh. Nothing polls
// any more, so without the event stream a page never refreshes at all.
const liveWait = 10 * time.Second

// waitLive waits until the page's event stream is open (live.js marks the
// document), so that a change made next cannot slip past it.
func waitLive(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "open the live stream", chromedp.WaitReady(chromedp.CSS("html[data-live-open]")))
}

// dispatchAll dispatches every case of the first page of the to-dispatch
// queue as another dispatcher would, through svc (a node's use cases).
func dispatchAll(t *testing.T, svc *service.Service) {
	t.Helper()
	bg := context.Background()
	other := signIn(t, svc, "dispatcher")
	q, err := svc.Queue(bg, other, minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Items) == 0 {
		t.Fatal("the demo left nothing to dispatch")
	}
	for _, c := range q.Items {
		if _, err := svc.Act(bg, other, c.ID, lifecycle.Request{Action: lifecycle.Dispatch,
			OrgID: orgNamed(t, svc, other, "住房")}, false); err != nil {
			t.Fatal(err)
		}
	}
}

// expectEmptied waits for the open to-dispatch queue to show itself empty,
// with a zero badge, without a reload.
func expectEmptied(t *testing.T, ctx context.Context) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, liveWait)
	defer cancel()
	start := time.Now()
	if err := chromedp.Do(tctx, chromedp.WaitVisible(chromedp.CSS("#qtable p.muted"))); err != nil {
		t.Fatalf("the queue did not refresh by itself: %v", err)
	}
	// The badges refresh by their own request, which may land a moment later.
	err := chromedp.Do(tctx, chromedp.Poll[chromedp.Void](`(function(){var e=document.querySelector("#side a.on .badge");`+
		`return e && e.textContent.trim() === "0";})()`, chromedp.WithPollingInterval(100*time.Millisecond)))
	if err != nil {
		t.Fatalf("badge %q after the queue emptied: %v", text(t, ctx, "#side a.on .badge"), err)
	}
	t.Logf("refreshed after %s", time.Since(start).Round(time.Millisecond))
}

// TestBrowserQueueRefreshes leaves a dispatcher's queue open while another
// dispatcher takes its cases: the table and the badge show them gone,
// pushed by the server, without a reload.
func TestBrowserQueueRefreshes(t *testing.T) {
	base, ctx, m := browserNode(t)
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "open the queue", chromedp.Navigate(base+"/w/queues/to_dispatch"),
		chromedp.WaitVisible(chromedp.CSS("#qtable table.cases")))
	waitLive(t, ctx)
	dispatchAll(t, backdoor(m))
	expectEmptied(t, ctx)
}

// TestBrowserHomeCountsRefresh: the home page's tile counts follow a
// dispatch made elsewhere.
func TestBrowserHomeCountsRefresh(t *testing.T) {
	base, ctx, m := browserNode(t)
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "open home", chromedp.Navigate(base+"/w/"), chromedp.WaitVisible(chromedp.CSS("#tiles")))
	waitLive(t, ctx)
	before := text(t, ctx, `#tiles a[href="/w/queues/to_dispatch"] .tile-n`)
	dispatchAll(t, backdoor(m))
	tctx, cancel := context.WithTimeout(ctx, liveWait)
	defer cancel()
	err := chromedp.Do(tctx, chromedp.Poll[chromedp.Void](`(function(){var e=document.querySelector('#tiles a[href="/w/queues/to_dispatch"] .tile-n');`+
		`return e && e.textContent.trim() !== "`+before+`";})()`, chromedp.WithPollingInterval(100*time.Millisecond)))
	if err != nil {
		t.Fatalf("the to-dispatch count stayed %s: %v", before, err)
	}
	t.Logf("to dispatch: %s → %s", before, text(t, ctx, `#tiles a[href="/w/queues/to_dispatch"] .tile-n`))
}

// TestBrowserQueueRefreshesAcrossNodes runs two nodes on one PostgreSQL
// schema, as a deployment behind a load balancer: the dispatcher's browser
// talks to node B while the other dispatcher works on node A, and B's page
// hears of it through LISTEN/NOTIFY.
func TestBrowserQueueRefreshesAcrossNodes(t *testing.T) {
	ctx := chrome(t)
	url, ok := storetest.Postgres(t)
	if !ok {
		return
	}
	a := nodeOn(t, url, true)
	b := nodeOn(t, url, false)
	login(t, ctx, b.URL(), "dispatcher")
	run(t, ctx, "open the queue on node B", chromedp.Navigate(b.URL()+"/w/queues/to_dispatch"),
		chromedp.WaitVisible(chromedp.CSS("#qtable table.cases")))
	waitLive(t, ctx)
	dispatchAll(t, a.Service)
	expectEmptied(t, ctx)
}

// TestBrowserLiveKeepsTyping: a change arriving while the dispatcher types
// a comment in a queue row does not swap the row away; once they leave the
// field with it emptied, the deferred refresh happens.
func TestBrowserLiveKeepsTyping(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc, bg := backdoor(m), context.Background()
	id := dispatchedToHousing(t, m)
	h := signIn(t, svc, "handler")
	if _, err := svc.Act(bg, h, id, lifecycle.Request{Action: lifecycle.Accept}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Act(bg, h, id, lifecycle.Request{Action: lifecycle.RequestExtension, Days: 2, Reason: "需要等待检测报告"}, false); err != nil {
		t.Fatal(err)
	}
	login(t, ctx, base, "dispatcher")
	field := "ext-c-" + strconv.FormatInt(id, 10)
	run(t, ctx, "open the extension queue", chromedp.Navigate(base+"/w/queues/extension_requests"),
		chromedp.WaitVisible(chromedp.ID(field)))
	waitLive(t, ctx)
	run(t, ctx, "type a comment", chromedp.SendKeys(chromedp.ID(field), "同意"))
	run(t, ctx, "mark the table", chromedp.Evaluate[chromedp.Void](`document.getElementById("qtable").setAttribute("data-old","1")`))
	if _, err := svc.Act(bg, signIn(t, svc, "supervisor"), id, lifecycle.Request{Action: lifecycle.Comment, Text: "请尽快决定"}, false); err != nil {
		t.Fatal(err) // a change arrives
	}
	time.Sleep(2 * time.Second)
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(field))); err != nil || v != "同意" {
		t.Fatalf("the comment being typed was lost: %q %v", v, err)
	}
	run(t, ctx, "clear and leave the field", chromedp.Evaluate[chromedp.Void](`(function(){var f=document.getElementById("`+field+`");
		f.value=""; f.blur()})()`))
	tctx, cancel := context.WithTimeout(ctx, liveWait)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.WaitNotPresent(chromedp.CSS("#qtable[data-old]"))); err != nil {
		t.Fatalf("the deferred refresh did not happen: %v", err)
	}
}
