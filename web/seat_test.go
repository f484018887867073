package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng"
)

// TestBrowserSeat takes a call at the call-taker seat from the keyboard:
// the caller's number brings up their history with a repeat-call badge,
// the text brings up knowledge-base articles, and Ctrl+Enter saves and
// shows the new case number, ready for the next call.
func TestBrowserSeat(t *testing.T) {
	base, ctx, m := browserNode(t)
	svc := backdoor(m)
	agent := signIn(t, svc, "agent")
	page, err := svc.ListCases(context.Background(), agent, minsheng.CaseFilter{Status: minsheng.OpenStatuses(), Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	phone := ""
	for _, c := range page.Items {
		if c.Citizen.Phone != "" {
			phone = c.Citizen.Phone
			break
		}
	}
	if phone == "" {
		t.Fatal("no open demo case with a phone number")
	}
	login(t, ctx, base, "agent")
	run(t, ctx, "open the seat from the top bar", chromedp.Click(chromedp.CSS("a.btn-new")),
		chromedp.WaitVisible(chromedp.ID("phone")),
		chromedp.SendKeys(chromedp.ID("phone"), phone),
		chromedp.WaitVisible(chromedp.CSS("#history ul.hist li a")),
		chromedp.WaitVisible(chromedp.CSS("#history .tag")),
		chromedp.SendKeys(chromedp.ID("content"), "小区路灯不亮好几天了，晚上出行不方便，请尽快维修。"),
		chromedp.WaitVisible(chromedp.CSS("#articles ul.hist li")))
	shoot(t, ctx, "seat-typing-1280", 1280)
	run(t, ctx, "save with Ctrl+Enter", chromedp.Focus(chromedp.ID("content")),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.WaitVisible(chromedp.CSS(".toast .readout")))
	if n := text(t, ctx, ".toast .readout"); !strings.Contains(n, "-") {
		t.Fatalf("saved case number %q", n)
	}
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("phone"))); err != nil || v != "" {
		t.Fatalf("the form should be empty for the next call, phone holds %q (%v)", v, err)
	}
	shoot(t, ctx, "seat-saved-1280", 1280)
}
