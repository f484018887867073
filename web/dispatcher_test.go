package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"minsheng"
	"minsheng/service"

	"minsheng/lifecycle"
)

// TestBrowserReturnedQueue: the housing handler gives a case back with a
// reason; the dispatcher's returned queue shows that reason beside the
// case, and its 重新派单 button opens the case with the dispatch form ready,
// which sends it to another unit.
func TestBrowserReturnedQueue(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc, bg := backdoor(m), context.Background()
	id := dispatchedToHousing(t, m)
	h := signIn(t, svc, "handler")
	reason := "该路段属于交通局养护范围，不属于本局职责<b>请改派</b>"
	if _, err := svc.Act(bg, h, id, lifecycle.Request{Action: lifecycle.Return, Reason: reason}, false); err != nil {
		t.Fatal(err)
	}
	login(t, ctx, base, "dispatcher")
	row := `#qtable a[href="/w/cases/` + strconv.FormatInt(id, 10) + `"]`
	run(t, ctx, "open the returned queue", chromedp.Navigate(base+"/w/queues/returned"), chromedp.WaitVisible(chromedp.CSS(row)))
	mine := `#qtable tr:has(a[href="/w/cases/` + strconv.FormatInt(id, 10) + `"])`
	note := text(t, ctx, mine+" td.note")
	if !strings.Contains(note, reason) {
		t.Fatalf("the return's reason is not beside the case (markup as text): %q", note)
	}
	shoot(t, ctx, "returned-1280", 1280)
	shoot(t, ctx, "returned-375", 375)
	run(t, ctx, "dispatch again", chromedp.EmulateViewport(1280, 720),
		chromedp.Click(chromedp.CSS(mine+" td.note a.btn")),
		chromedp.WaitVisible(chromedp.ID("dispatch-org_id")))
	run(t, ctx, "pick the transport bureau", chromedp.Evaluate[chromedp.Void](`(function(){var s=document.getElementById("dispatch-org_id");
		for (var i=0;i<s.options.length;i++) if (s.options[i].text.indexOf("交通")>=0) {s.selectedIndex=i;break}})()`),
		chromedp.Submit(chromedp.ID("dispatch-note")), chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
	if p := text(t, ctx, ".toast, .problem"); !strings.HasPrefix(p, "操作成功") {
		t.Fatalf("dispatch again: %q", p)
	}
	d, err := svc.Case(bg, signIn(t, svc, "dispatcher"), id)
	if err != nil || !strings.Contains(d.OrgName, "交通") {
		t.Fatalf("the case went to %q (%v), want the transport bureau", d.OrgName, err)
	}
}

// TestBrowserExtensionDecision: a handler asks for three more working days;
// the dispatcher sees the request and its reason in the extension queue and
// grants it in the row; the deadline moves and the row leaves the queue.
func TestBrowserExtensionDecision(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc, bg := backdoor(m), context.Background()
	id := dispatchedToHousing(t, m)
	h := signIn(t, svc, "handler")
	if _, err := svc.Act(bg, h, id, lifecycle.Request{Action: lifecycle.Accept}, false); err != nil {
		t.Fatal(err)
	}
	reason := "需要协调供电公司停电检修，预计下周完成"
	if _, err := svc.Act(bg, h, id, lifecycle.Request{Action: lifecycle.RequestExtension, Days: 3, Reason: reason}, false); err != nil {
		t.Fatal(err)
	}
	dispatcher := signIn(t, svc, "dispatcher")
	before, err := svc.Case(bg, dispatcher, id)
	if err != nil {
		t.Fatal(err)
	}
	login(t, ctx, base, "dispatcher")
	sid := strconv.FormatInt(id, 10)
	run(t, ctx, "open the extension queue", chromedp.Navigate(base+"/w/queues/extension_requests"),
		chromedp.WaitVisible(chromedp.ID("ext-yes-"+sid)))
	mine := `#qtable tr:has(a[href="/w/cases/` + strconv.FormatInt(id, 10) + `"])`
	note := text(t, ctx, mine+" td.note")
	if !strings.Contains(note, "申请延期 3 个工作日") || !strings.Contains(note, reason) {
		t.Fatalf("the request is not shown in the row: %q", note)
	}
	shoot(t, ctx, "extensions-1280", 1280)
	run(t, ctx, "grant it", chromedp.EmulateViewport(1280, 720),
		chromedp.SendKeys(chromedp.ID("ext-c-"+sid), "同意，请按期办结"),
		chromedp.Click(chromedp.ID("ext-yes-"+sid)),
		chromedp.WaitNotPresent(chromedp.ID("ext-yes-"+sid)))
	after, err := svc.Case(bg, dispatcher, id)
	if err != nil {
		t.Fatal(err)
	}
	if !after.DueAt.After(before.DueAt.Add(24*time.Hour)) || after.ExtDays != 0 {
		t.Fatalf("deadline %s → %s, pending days %d", before.DueAt, after.DueAt, after.ExtDays)
	}
	if !strings.Contains(text(t, ctx, "h1"), "延期申请") {
		t.Fatal("the decision did not come back to the queue")
	}
}

// TestBrowserDispatchPicker drives the dispatch form from the keyboard:
// typing in the org-tree filter keeps only matching units, ↓ moves
// into the list with the first match chosen, and the deadline preview,
// computed by the server, follows the deadline field.
func TestBrowserDispatchPicker(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc, bg := backdoor(m), context.Background()
	d := signIn(t, svc, "dispatcher")
	// A call taken just now, so that the rule's deadline lies ahead.
	taken, err := svc.CreateCase(bg, signIn(t, svc, "agent"), service.Intake{Title: "路灯不亮",
		Content: "海州路与解放路交叉口的路灯连续三晚不亮，夜里过马路很危险。", Address: "海州路与解放路交叉口"}, "")
	if err != nil {
		t.Fatal(err)
	}
	id := taken.ID
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "open the dispatch form", chromedp.Navigate(base+"/w/cases/"+strconv.FormatInt(id, 10)),
		chromedp.Click(chromedp.ID("open-dispatch")), chromedp.WaitVisible(chromedp.ID("dispatch-org_id-filter")),
		chromedp.WaitVisible(chromedp.CSS("#dispatch-due_at-preview .due-line")))
	if p := text(t, ctx, "#dispatch-due_at-preview"); !strings.HasPrefix(p, "按时限规则") || !strings.Contains(p, "工作日") {
		t.Fatalf("rule deadline preview: %q", p)
	}
	run(t, ctx, "filter the tree", chromedp.SendKeys(chromedp.ID("dispatch-org_id-filter"), "交通"))
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.prototype.filter.call(document.getElementById("dispatch-org_id").options,
		function(o){return !o.hidden}).map(function(o){return o.getAttribute("data-path")})`))
	if err != nil || len(visible) == 0 {
		t.Fatalf("no unit left after filtering: %v", err)
	}
	for _, p := range visible {
		if !strings.Contains(p, "交通") {
			t.Fatalf("filter kept %q", p)
		}
	}
	// ↓ rather than Enter: the test's synthetic Enter also sends a bare
	// character event, which a real key press suppressed by the page never does.
	run(t, ctx, "enter the list", chromedp.SendKeys(chromedp.ID("dispatch-org_id-filter"), kb.ArrowDown))
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id + "|" + document.activeElement.selectedOptions[0].text`))
	if err != nil || !strings.HasPrefix(focused, "dispatch-org_id|") || !strings.Contains(focused, "交通") {
		t.Fatalf("after Enter: %q %v", focused, err)
	}
	due := time.Now().AddDate(0, 0, 10).Format("2006-01-02") + "T17:00"
	run(t, ctx, "type a deadline", chromedp.Evaluate[chromedp.Void](`(function(){var e=document.getElementById("dispatch-due_at");
		e.value="`+due+`"; e.dispatchEvent(new Event("change",{bubbles:true}))})()`),
		chromedp.Poll[chromedp.Void](`document.getElementById("dispatch-due_at-preview").textContent.indexOf("指定时限")>=0`, chromedp.WithPollingTimeout(5*time.Second)))
	shoot(t, ctx, "dispatch-picker-1280", 1280)
	run(t, ctx, "dispatch", chromedp.EmulateViewport(1280, 720), chromedp.Submit(chromedp.ID("dispatch-note")),
		chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
	if p := text(t, ctx, ".toast, .problem"); !strings.HasPrefix(p, "操作成功") {
		t.Fatalf("dispatch: %q", p)
	}
	got, err := svc.Case(bg, d, id)
	if err != nil || !strings.Contains(got.OrgName, "交通") {
		t.Fatalf("dispatched to %q: %v", got.OrgName, err)
	}
}

// TestBrowserScreening screens a waiting case into the petition track
// (信访) with a reason: the case then says its track, and the timeline
// says why.
func TestBrowserScreening(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc, bg := backdoor(m), context.Background()
	q, err := svc.Queue(bg, signIn(t, svc, "dispatcher"), minsheng.QueueToDispatch, service.QueuePage{})
	if err != nil || len(q.Items) == 0 {
		t.Fatalf("no case to screen: %v", err)
	}
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "open the screening form", chromedp.Navigate(base+"/w/cases/"+strconv.FormatInt(q.Items[0].ID, 10)),
		chromedp.Click(chromedp.ID("open-triage")), chromedp.WaitVisible(chromedp.ID("triage-track")))
	cur, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("triage-track").selectedOptions[0].text`))
	if err != nil || cur != "政务服务" {
		t.Fatalf("the track select starts at %q (%v), want the case's own", cur, err)
	}
	run(t, ctx, "screen into petitions", chromedp.SetValue(chromedp.ID("triage-track"), "petition"),
		chromedp.SendKeys(chromedp.ID("triage-reason"), "涉及历史遗留的拆迁安置问题，转信访渠道"),
		chromedp.Submit(chromedp.ID("triage-reason")), chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
	if got := text(t, ctx, "#case-track"); got != "信访事项" {
		t.Fatalf("track after screening: %q", got)
	}
	if tl := text(t, ctx, ".timeline"); !strings.Contains(tl, "转信访渠道") {
		t.Fatalf("the timeline does not say why: %q", tl)
	}
}
