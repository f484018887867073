package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWholeLoop walks one request through every hand it passes, in
// the pages as each user sees them: a citizen submits on the portal, the
// dispatcher dispatches, the handler signs and replies, the reviewer
// approves, the visitor records solved and satisfied, and the citizen
// tracks the case and reads the reply.
func TestBrowserWholeLoop(t *testing.T) {
	base, ctx, m := browserNode(t)
	run(t, ctx, "citizen submits", chromedp.EmulateViewport(375, 720), chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("content")),
		chromedp.SetValue(chromedp.ID("category_id"), "3"),
		chromedp.SendKeys(chromedp.ID("title"), "小区电梯经常停运"),
		chromedp.SendKeys(chromedp.ID("content"), "和平小区5号楼电梯这个月停了三次，每次两三天，物业说在等配件。楼里老人多，请督促尽快修好。"),
		chromedp.SendKeys(chromedp.ID("address"), "市南区和平小区5号楼"),
		chromedp.SendKeys(chromedp.ID("phone"), "13912345678"),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("code")))
	code := text(t, ctx, "#code")
	c, err := m.Store.CaseByTrackingCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	casePath := base + "/w/cases/" + strconv.FormatInt(c.ID, 10)

	// act opens an action's form on the case page, fills it and submits,
	// then checks the confirmation and the state the case moved to.
	act := func(user, action string, fill []chromedp.Action[chromedp.Void], field, wantStatus string) {
		t.Helper()
		login(t, ctx, base, user)
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(casePath),
			chromedp.WaitVisible(chromedp.ID("open-" + action)), chromedp.Click(chromedp.ID("open-" + action))}
		steps = append(steps, fill...)
		run(t, ctx, user+" opens "+action, steps...)
		shoot(t, ctx, "loop-"+action+"-form-1280", 1280)
		run(t, ctx, user+" submits "+action, chromedp.Submit(chromedp.ID(action+"-"+field)),
			chromedp.WaitVisible(chromedp.CSS(".toast, .problem")))
		if p := text(t, ctx, ".toast, .problem"); !strings.HasPrefix(p, "操作成功") {
			t.Fatalf("%s by %s: %q", action, user, p)
		}
		if st := text(t, ctx, ".case-head .status"); st != wantStatus {
			t.Fatalf("after %s: status %q, want %q", action, st, wantStatus)
		}
		run(t, ctx, user+" signs out", chromedp.Click(chromedp.CSS(".topbar form button")),
			chromedp.WaitVisible(chromedp.ID("username")))
	}
	pick := func(sel, part string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(function(){var s=document.getElementById("` + sel + `");
			for (var i=0;i<s.options.length;i++) if (s.options[i].text.indexOf("` + part + `")>=0) {s.selectedIndex=i;break}})()`)
	}
	yes := func(action, name string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS("#form-" + action + ` input[name=` + name + `][value="1"]`))
	}

	run(t, ctx, "desktop", chromedp.EmulateViewport(1280, 720))
	act("dispatcher", "dispatch", []chromedp.Action[chromedp.Void]{pick("dispatch-org_id", "住房")}, "note", "待签收")
	act("handler", "accept", nil, "note", "办理中")
	act("handler", "reply", []chromedp.Action[chromedp.Void]{
		chromedp.SendKeys(chromedp.ID("reply-content"), "经核查，和平小区5号楼电梯主板损坏，物业已于11月28日更换主板并通过特种设备检验，电梯已恢复运行。我局已要求物业建立配件储备，今后同类故障24小时内修复。"),
		chromedp.WaitVisible(chromedp.CSS("#reply-quality .quality")), // scored as it is typed
		pick("reply-outcome", "已解决")}, "content", "待单位审批")
	act("dept_lead", "lead_approve", []chromedp.Action[chromedp.Void]{yes("lead_approve", "approve")}, "comment", "待审核")
	act("reviewer", "review", []chromedp.Action[chromedp.Void]{yes("review", "approve")}, "comment", "待回访")
	act("visitor", "visit", []chromedp.Action[chromedp.Void]{yes("visit", "reached"), yes("visit", "solved"),
		pick("visit-satisfaction", "满意")}, "note", "已办结")

	run(t, ctx, "citizen tracks", chromedp.EmulateViewport(375, 720), chromedp.Navigate(base+"/track/"+code),
		chromedp.WaitVisible(chromedp.CSS("ol.progress")))
	if step := text(t, ctx, "ol.progress li[aria-current=step]"); step != "已办结" {
		t.Fatalf("citizen sees step %q, want 已办结", step)
	}
	if reply := text(t, ctx, ".reply"); !strings.Contains(reply, "电梯已恢复运行") {
		t.Fatalf("citizen sees reply %q", reply)
	}
	shoot(t, ctx, "loop-track-closed-375", 375)
}
