package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/service"
)

// TestBrowserQueueRefreshes leaves a dispatcher's queue open while another
// dispatcher takes its case: within the refresh interval the table and the
// badge show it gone, without a reload.
func TestBrowserQueueRefreshes(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a refresh interval")
	}
	base, ctx, m := browserNode(t)
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "open the queue", chromedp.Navigate(base+"/w/queues/to_dispatch"),
		chromedp.WaitVisible(chromedp.CSS("#qtable table.cases")))
	svc, bg := backdoor(m), context.Background()
	other := signIn(t, svc, "dispatcher")
	q, err := svc.Queue(bg, other, minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range q.Items {
		if _, err := svc.Act(bg, other, c.ID, lifecycle.Request{Action: lifecycle.Dispatch,
			OrgID: orgNamed(t, svc, other, "住房")}, false); err != nil {
			t.Fatal(err)
		}
	}
	tctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	start := time.Now()
	if err := chromedp.Do(tctx, chromedp.WaitVisible(chromedp.CSS("#qtable p.muted"))); err != nil {
		t.Fatalf("the queue did not refresh by itself: %v", err)
	}
	if badge := text(t, ctx, "#side a.on .badge"); badge != "0" {
		t.Fatalf("badge %q after the queue emptied", badge)
	}
	t.Logf("refreshed after %s", time.Since(start).Round(time.Second))
}
