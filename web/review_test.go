package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng/lifecycle"
	"minsheng/server"
)

// repliedOnce brings a case to review with a reply that was sent back once
// and answered again; it returns the case id and the second reply.
func repliedOnce(t *testing.T, m *server.Main) (int64, string) {
	t.Helper()
	svc, bg := backdoor(m), context.Background()
	id := dispatchedToHousing(t, m)
	h, lead, rv := signIn(t, svc, "handler"), signIn(t, svc, "dept_lead"), signIn(t, svc, "reviewer")
	no, yes := false, true
	reply := func(text string) { // the housing bureau's replies go past its lead
		t.Helper()
		if _, err := svc.Act(bg, h, id, lifecycle.Request{Action: lifecycle.Reply, Content: text, Outcome: "solved"}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Act(bg, lead, id, lifecycle.Request{Action: lifecycle.LeadApprove, Approve: &yes}, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Act(bg, h, id, lifecycle.Request{Action: lifecycle.Accept}, false); err != nil {
		t.Fatal(err)
	}
	reply("已处理。")
	if _, err := svc.Act(bg, rv, id, lifecycle.Request{Action: lifecycle.Review, Approve: &no, Comment: "答复过于简单，请说明处理经过和结果"}, false); err != nil {
		t.Fatal(err)
	}
	second := "经现场核查，路面破损约两平方米，我局已于11月29日完成修补，并在路口设置了警示标志。<b>如有问题请再来电</b>"
	reply(second)
	return id, second
}

// TestBrowserReview: a reply sent back once comes to the reviewer again.
// The review queue shows the reply's outcome and the send-back badge; the
// case page sets the reply beside the request with the count; approving
// sends it to the return visit.
func TestBrowserReview(t *testing.T) {
	base, ctx, m := browserNode(t)
	id, second := repliedOnce(t, m)
	sid := strconv.FormatInt(id, 10)
	login(t, ctx, base, "reviewer")
	run(t, ctx, "open the review queue", chromedp.Navigate(base+"/w/queues/to_review"),
		chromedp.WaitVisible(chromedp.CSS(`#qtable a[href="/w/cases/`+sid+`"]`)))
	row := `#qtable tr:has(a[href="/w/cases/` + sid + `"])`
	if got := text(t, ctx, row+" td.note"); !strings.Contains(got, "已解决") {
		t.Errorf("the row does not show the reply's outcome: %q", got)
	}
	if got := text(t, ctx, row+" td.title"); !strings.Contains(got, "退回 1 次") && !strings.Contains(got, "1 次") {
		t.Errorf("the row does not show the send-back: %q", got)
	}
	run(t, ctx, "open the case", chromedp.Navigate(base+"/w/cases/"+sid), chromedp.WaitVisible(chromedp.CSS(".pair .reply-card")))
	if got := text(t, ctx, ".pair .reply-card .sendbacks"); got != "已退回重办 1 次" {
		t.Errorf("send-back count: %q", got)
	}
	if got := text(t, ctx, ".pair .reply-card .content"); got != second {
		t.Errorf("the reply beside the request (markup as text): %q", got)
	}
	shoot(t, ctx, "review-1280", 1280)
	shoot(t, ctx, "review-375", 375)
	run(t, ctx, "approve", chromedp.EmulateViewport(1280, 720), chromedp.Click(chromedp.ID("open-review")),
		chromedp.Click(chromedp.CSS(`#form-review input[name=approve][value="1"]`)),
		chromedp.Submit(chromedp.ID("review-comment")), chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
	if st := text(t, ctx, ".case-head .status"); st != "待回访" {
		t.Fatalf("after approval: %q", st)
	}

}

// TestBrowserVisit: the visitor's form carries the call script and the
// approved reply, records solved and satisfied separately, and a "not
// solved" answer reopens the case.
func TestBrowserVisit(t *testing.T) {
	base, ctx, m := browserNode(t)
	id, second := repliedOnce(t, m)
	svc, bg := backdoor(m), context.Background()
	yes := true
	if _, err := svc.Act(bg, signIn(t, svc, "reviewer"), id, lifecycle.Request{Action: lifecycle.Review, Approve: &yes}, false); err != nil {
		t.Fatal(err)
	}
	sid := strconv.FormatInt(id, 10)
	login(t, ctx, base, "visitor")
	run(t, ctx, "open the visit form", chromedp.Navigate(base+"/w/cases/"+sid), chromedp.Click(chromedp.ID("open-visit")),
		chromedp.WaitVisible(chromedp.CSS("#form-visit .script")))
	if got := text(t, ctx, "#form-visit .script"); !strings.Contains(got, "是否解决") && !strings.Contains(got, second) {
		t.Errorf("the call script does not carry the reply: %q", got)
	}
	shoot(t, ctx, "visit-1280", 1280)
	run(t, ctx, "not solved, dissatisfied",
		chromedp.Click(chromedp.CSS(`#form-visit input[name=reached][value="1"]`)),
		chromedp.Click(chromedp.CSS(`#form-visit input[name=solved][value="0"]`)),
		chromedp.SetValue(chromedp.ID("visit-satisfaction"), "dissatisfied"),
		chromedp.Submit(chromedp.ID("visit-note")), chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
	if st := text(t, ctx, ".case-head .status"); st != "办理中" {
		t.Fatalf("an unsolved answer should reopen the case, status %q", st)
	}
}
