package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWebhookCreate: the admin registers a receiving system on the
// outbox page in Chromium; a form without a channel comes back with the
// message under the channels and what was typed kept, and a whole one shows
// the signing secret once. Screenshots at 1280 and 375 px of both.
func TestBrowserWebhookCreate(t *testing.T) {
	base, ctx, _ := browserNode(t)
	login(t, ctx, base, "admin")
	form := `form[action="/w/admin/webhooks"] `
	run(t, ctx, "open the new-webhook form", chromedp.Navigate(base+"/w/admin/outbox"),
		chromedp.WaitVisible(chromedp.ID("open-new-webhook")), chromedp.Click(chromedp.ID("open-new-webhook")),
		chromedp.WaitVisible(chromedp.ID("wname-new")))
	run(t, ctx, "send it without a channel", chromedp.SendKeys(chromedp.ID("wname-new"), "市长信箱"),
		chromedp.SendKeys(chromedp.ID("wurl-new"), "https://223.5.5.5/mailbox"), chromedp.Click(chromedp.ID("create-webhook")),
		chromedp.WaitVisible(chromedp.ID("wchannels-new-err")))
	typed, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("wname-new")))
	if err != nil || typed != "市长信箱" {
		t.Errorf("the refused form lost the name: %q %v", typed, err)
	}
	shoot(t, ctx, "webhook-refused-1280", 1280)
	shoot(t, ctx, "webhook-refused-375", 375)
	run(t, ctx, "pick a channel and send again", chromedp.Click(chromedp.CSS(form+`input[name="channels"][value="mailbox"]`)),
		chromedp.Click(chromedp.ID("create-webhook")), chromedp.WaitVisible(chromedp.ID("webhook-issued")))
	if secret := text(t, ctx, "#newsecret"); len(strings.TrimSpace(secret)) < 16 {
		t.Errorf("the signing secret shown is %q", secret)
	}
	shoot(t, ctx, "webhook-issued-1280", 1280)
	shoot(t, ctx, "webhook-issued-375", 375)
}
