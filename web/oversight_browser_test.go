package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"minsheng/server"
)

// TestBrowserCampaign starts a campaign as the supervisor in the browser,
// from two open cases read out by number, then closes it with one answer
// after a first attempt without the confirmation. It saves screenshots of
// the list, the campaign and the other supervision pages at both widths.
func TestBrowserCampaign(t *testing.T) {
	eachBrowserNode(t, func(t *testing.T, base string, ctx context.Context, m *server.Main) {
		ids, nums := openCases(t, m, 3)
		housing := orgNamed(t, backdoor(m), signIn(t, backdoor(m), "supervisor"), "住房")
		login(t, ctx, base, "supervisor")
		due := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, 7).Format("2006-01-02T15:04")
		run(t, ctx, "open the campaigns from the side navigation",
			chromedp.Click(chromedp.CSS(`nav.side a[href="/w/campaigns"]`)), chromedp.WaitVisible(chromedp.ID("open-new-campaign")))
		run(t, ctx, "start a campaign with a mistake: no title",
			chromedp.Click(chromedp.ID("open-new-campaign")), chromedp.WaitVisible(chromedp.ID("title")),
			chromedp.SetValue(chromedp.ID("lead_org_id"), strconv.FormatInt(housing, 10)),
			chromedp.SetValue(chromedp.ID("due_at"), due),
			chromedp.SendKeys(chromedp.ID("case_numbers"), nums[0]+"\n"+nums[1]),
			chromedp.Submit(chromedp.ID("title")), chromedp.WaitVisible(chromedp.ID("title-err")))
		if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("case_numbers"))); err != nil || !strings.Contains(v, nums[1]) {
			t.Fatalf("the form lost the case numbers: %q %v", v, err)
		}
		shoot(t, ctx, "campaign-form-error-1280", 1280)
		shoot(t, ctx, "campaign-form-error-375", 375)
		run(t, ctx, "give it a title",
			chromedp.SendKeys(chromedp.ID("title"), "老旧小区外墙脱落专项整治"), chromedp.Submit(chromedp.ID("title")),
			chromedp.WaitVisible(chromedp.ID("campaign-cases")))
		if tb := text(t, ctx, "#campaign-cases"); !strings.Contains(tb, nums[0]) || !strings.Contains(tb, nums[1]) {
			t.Fatalf("the campaign's cases: %q", tb)
		}
		shoot(t, ctx, "campaign-1280", 1280)
		shoot(t, ctx, "campaign-375", 375)
		run(t, ctx, "close without confirming",
			chromedp.EmulateViewport(1280, 720),
			chromedp.Click(chromedp.ID("open-close")), chromedp.WaitVisible(chromedp.ID("close-content")),
			chromedp.SendKeys(chromedp.ID("close-content"), "各小区外墙已排查修缮完毕，经住建部门验收合格。"),
			chromedp.SetValue(chromedp.ID("close-outcome"), "solved"),
			chromedp.Submit(chromedp.ID("close-content")), chromedp.WaitVisible(chromedp.CSS("#close-form .ferr")))
		run(t, ctx, "confirm and close",
			chromedp.Click(chromedp.CSS(`#close-form input[name="confirm"]`)), chromedp.Submit(chromedp.ID("close-content")),
			chromedp.WaitVisible(chromedp.ID("campaign-reply")))
		if msg := text(t, ctx, ".toast"); !strings.Contains(msg, "2 件工单已统一答复") {
			t.Fatalf("closing says %q", msg)
		}
		shoot(t, ctx, "campaign-closed-1280", 1280)
		run(t, ctx, "the list shows it closed", chromedp.Navigate(base+"/w/campaigns"), chromedp.WaitVisible(chromedp.ID("campaigns")))
		if tb := text(t, ctx, "#campaigns"); !strings.Contains(tb, "已结案") {
			t.Fatalf("campaign list: %q", tb)
		}
		shoot(t, ctx, "campaigns-1280", 1280)
		shoot(t, ctx, "campaigns-375", 375)
		for _, p := range []string{"leaders", "disputes", "escalation"} {
			run(t, ctx, "open "+p, chromedp.EmulateViewport(1280, 720), chromedp.Navigate(base+"/w/"+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
			shoot(t, ctx, "ov-"+p+"-1280", 1280)
			shoot(t, ctx, "ov-"+p+"-375", 375)
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil || wide {
				t.Errorf("%s scrolls sideways at 375 px (%v)", p, err)
			}
		}
		run(t, ctx, "sign out", chromedp.EmulateViewport(1280, 720), chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
			chromedp.WaitNotPresent(chromedp.CSS("nav.side")))
		login(t, ctx, base, "handler")
		run(t, ctx, "the return form offers the not-ours box",
			chromedp.EmulateViewport(1280, 720), chromedp.Navigate(base+"/w/cases/"+strconv.FormatInt(ids[2], 10)),
			chromedp.Click(chromedp.ID("open-return")), chromedp.WaitVisible(chromedp.ID("return-not_ours")))
		shoot(t, ctx, "case-return-not-ours-1280", 1280)
	})
}
