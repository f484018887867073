package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng"
	"minsheng/demo"
	"minsheng/lifecycle"
	"minsheng/service"
)

// TestBrowserCitizenRatesUnsolved is a citizen on a phone rating their
// closed request as not solved on the tracking page: a form sent without
// answers shows the errors under the questions, the rating then thanks them
// and shows what they said, and the return-visit agent finds the case in
// the to_visit queue with the citizen's words on the timeline.
func TestBrowserCitizenRatesUnsolved(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc, bg := backdoor(m), context.Background()
	created, err := svc.SubmitPublic(bg, "10.1.1.1", service.Intake{Title: "楼道灯不亮",
		Content: "幸福小区5号楼楼道灯坏了，晚上上下楼看不见。", Citizen: minsheng.Citizen{Name: "孙大爷", Phone: "13800135000"}})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(bg, "127.0.0.1", "agent", demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	agent, err := svc.Authenticate(bg, sess.Token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Act(bg, agent, created.ID, lifecycle.Request{Action: lifecycle.Answer,
		Content: "已通知物业更换楼道灯。"}, false); err != nil {
		t.Fatal(err)
	}

	run(t, ctx, "open the tracking page of the closed request", chromedp.EmulateViewport(375, 720),
		chromedp.Navigate(base+"/track/"+created.TrackingCode), chromedp.WaitVisible(chromedp.ID("rate")))
	shoot(t, ctx, "rate-form-375", 375)
	run(t, ctx, "send the rating without answers",
		chromedp.Click(chromedp.CSS("#rate button[type=submit]")), chromedp.WaitVisible(chromedp.ID("solved-err")))
	if e := text(t, ctx, "#satisfaction-err"); e != "请选择您是否满意" {
		t.Fatalf("satisfaction error %q", e)
	}
	shoot(t, ctx, "rate-errors-375", 375)
	const note = "灯还是不亮，物业说没接到通知。"
	run(t, ctx, "answer: not solved, dissatisfied",
		chromedp.Click(chromedp.CSS(`#rate input[name=solved][value=no]`)),
		chromedp.Click(chromedp.CSS(`#rate input[name=satisfaction][value=dissatisfied]`)),
		chromedp.SendKeys(chromedp.ID("note"), note),
		chromedp.Click(chromedp.CSS("#rate button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("rating")))
	got := text(t, ctx, "#rating")
	for _, want := range []string{"感谢您的评价", "没有解决", "不满意", "回访"} {
		if !strings.Contains(got, want) {
			t.Errorf("the rating box lacks %q: %q", want, got)
		}
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#rate").length`)); err != nil || n != 0 {
		t.Errorf("the form is still offered after rating (%d, %v)", n, err)
	}
	if st := text(t, ctx, ".card strong"); st != "待回访" {
		t.Errorf("status shown %q, want 待回访", st)
	}
	shoot(t, ctx, "rate-thanks-375", 375)

	login(t, ctx, base, "visitor")
	run(t, ctx, "the visitor's to_visit queue", chromedp.EmulateViewport(1280, 720),
		chromedp.Navigate(base+"/w/queues/to_visit"), chromedp.WaitVisible(chromedp.CSS("table.cases")))
	if q := text(t, ctx, "table.cases"); !strings.Contains(q, created.Number) {
		t.Fatalf("to_visit lacks %s: %q", created.Number, q)
	}
	shoot(t, ctx, "rate-to-visit-1280", 1280)
	run(t, ctx, "open the case", chromedp.Navigate(base+"/w/cases/"+strconv.FormatInt(created.ID, 10)), chromedp.WaitVisible(chromedp.CSS("ol.timeline")))
	if p := text(t, ctx, "ol.timeline"); !strings.Contains(p, "市民评价") || !strings.Contains(p, note) {
		t.Fatalf("the case page lacks the citizen's rating: %q", p)
	}
}
