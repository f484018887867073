package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng"
)

// TestBrowserFieldWorkerSolvesOnSpot walks the field page on a phone as a
// field worker: a fake photo is refused under its field with what was typed
// kept; a real photo, the place and "solved on the spot" record a case that
// is closed at once, with its photo stored and a reply queued for the
// resident's phone.
func TestBrowserFieldWorkerSolvesOnSpot(t *testing.T) {
	base, ctx, m := browserNode(t)
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		for y := range 48 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 160, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	photo, fake := filepath.Join(dir, "lamp.png"), filepath.Join(dir, "lamp.jpg")
	os.WriteFile(photo, buf.Bytes(), 0o644)
	os.WriteFile(fake, []byte("<html><script>alert(1)</script></html>"), 0o644)

	login(t, ctx, base, "field_worker")
	run(t, ctx, "open the field page on a phone", chromedp.EmulateViewport(375, 720), chromedp.Navigate(base+"/w/field"),
		chromedp.WaitVisible(chromedp.ID("content")))
	shoot(t, ctx, "field-375", 375)
	run(t, ctx, "submit a script as the photo",
		chromedp.SendKeys(chromedp.ID("content"), "渔港社区7号楼前路灯不亮，老人晚上出门看不清台阶。"),
		chromedp.SendKeys(chromedp.ID("address"), "渔港社区7号楼前"),
		chromedp.SetUploadFiles(chromedp.ID("photo"), []string{fake}),
		chromedp.Click(chromedp.ID("field-submit")),
		chromedp.WaitVisible(chromedp.CSS(".ferr")))
	if e := text(t, ctx, ".ferr"); !strings.Contains(e, "照片") {
		t.Fatalf("error under the photo: %q", e)
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.getElementById('address').value")); err != nil || v != "渔港社区7号楼前" {
		t.Fatalf("the address was not kept: %q %v", v, err)
	}
	shoot(t, ctx, "field-error-375", 375)
	run(t, ctx, "record it solved on the spot, with a real photo",
		chromedp.SetUploadFiles(chromedp.ID("photo"), []string{photo}),
		chromedp.SendKeys(chromedp.ID("name"), "王大爷"),
		chromedp.SendKeys(chromedp.ID("phone"), "13912345678"),
		chromedp.Click(chromedp.CSS("input[name=solved][value=yes]")),
		chromedp.SendKeys(chromedp.ID("result"), "已联系物业当场更换灯泡，路灯恢复照明。"),
		chromedp.Click(chromedp.ID("field-submit")),
		chromedp.WaitVisible(chromedp.CSS(".receipt")))
	receipt := text(t, ctx, ".receipt")
	if !strings.Contains(receipt, "已当场办结") {
		t.Fatalf("receipt: %q", receipt)
	}
	shoot(t, ctx, "field-saved-375", 375)
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.querySelector('.receipt a').getAttribute('href')"))
	if err != nil {
		t.Fatal(err)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(href, "/w/cases/"), 10, 64)
	if err != nil {
		t.Fatalf("case link %q", href)
	}
	bg := context.Background()
	c, err := m.Store.Case(bg, id)
	if err != nil || c.Status != minsheng.StatusClosed || c.Outcome != minsheng.OutcomeSolved || c.Channel != "field" || c.Address != "渔港社区7号楼前" {
		t.Fatalf("case: %+v %v", c, err)
	}
	ps, err := m.Store.CasePhotos(bg, id)
	if err != nil || len(ps) != 1 || ps[0].ContentType != "image/png" || ps[0].Size != buf.Len() {
		t.Fatalf("photos: %+v %v", ps, err)
	}
	ns, err := m.Store.CaseNotifications(bg, id)
	if err != nil || len(ns) != 1 || ns[0].Kind != minsheng.NotifySMS {
		t.Fatalf("the resident's text message: %+v %v", ns, err)
	}
	run(t, ctx, "the case page shows the photo", chromedp.Navigate(base+href), chromedp.WaitVisible(chromedp.CSS(".photos img")))
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.querySelector('.photos img').naturalWidth")); err != nil || w != 64 {
		t.Fatalf("the photo did not load: width %d (%v)", w, err)
	}
	shoot(t, ctx, "field-case-375", 375)
}
