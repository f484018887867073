package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserPortalPhotoAndLog is a citizen on a phone adding a photo and
// consenting to publication, then the call-taker who takes the next call
// writing it into the operator's log from the seat. A file that is not a
// photo is refused under the photo field with the text kept.
func TestBrowserPortalPhotoAndLog(t *testing.T) {
	base, ctx := browser(t)
	dir := t.TempDir()
	photo, fake := filepath.Join(dir, "well.png"), filepath.Join(dir, "note.png")
	if err := os.WriteFile(photo, pngPhoto, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fake, []byte("<svg onload=alert(1)></svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "fill in with a file that is not a photo", chromedp.EmulateViewport(375, 720), chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("content")),
		chromedp.SetValue(chromedp.ID("category_id"), "3"),
		chromedp.SendKeys(chromedp.ID("content"), "幸福路12号门前井盖缺失，夜里行人容易踩空，请尽快补上。"),
		chromedp.SetUploadFiles(chromedp.ID("photo"), []string{fake}),
		chromedp.Click(chromedp.CSS("label.check input[name=publish_consent]")),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("photo-err")))
	if c, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("content"))); err != nil || !strings.Contains(c, "井盖缺失") {
		t.Fatalf("the text was not kept: %q", c)
	}
	shoot(t, ctx, "portal-photo-error-375", 375)
	run(t, ctx, "choose a real photo and submit",
		chromedp.SetUploadFiles(chromedp.ID("photo"), []string{photo}),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("code")))
	number := text(t, ctx, "#number")

	login(t, ctx, base, "agent")
	run(t, ctx, "note the call in the operator's log", chromedp.EmulateViewport(1280, 720), chromedp.Navigate(base+"/w/new"),
		chromedp.WaitVisible(chromedp.ID("open-log")), chromedp.Click(chromedp.ID("open-log")),
		chromedp.WaitVisible(chromedp.ID("log-text")),
		chromedp.SendKeys(chromedp.ID("log-text"), "市民反映幸福路井盖缺失，已有多人来电，建议城管局排查全路段。"),
		chromedp.SendKeys(chromedp.ID("log-case"), number),
		chromedp.Submit(chromedp.ID("log-text")),
		chromedp.WaitVisible(chromedp.CSS("#open-log + .toast, details .toast")))
	shoot(t, ctx, "seat-log-1280", 1280)
	run(t, ctx, "the log page", chromedp.Navigate(base+"/w/log"), chromedp.WaitVisible(chromedp.CSS("table.admin")))
	if tb := text(t, ctx, "table.admin"); !strings.Contains(tb, "幸福路井盖缺失") {
		t.Fatalf("log page: %q", tb)
	}
	shoot(t, ctx, "seat-log-page-1280", 1280)
	shoot(t, ctx, "seat-log-page-375", 375)
	run(t, ctx, "open the case from the log", chromedp.Click(chromedp.CSS("table.admin td a")),
		chromedp.WaitVisible(chromedp.CSS("ul.photos img")))
	// The photo loads after the page; give it a few seconds on a busy machine.
	w, err := 0, error(nil)
	for range 50 {
		if w, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("ul.photos img").naturalWidth`)); err != nil || w != 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil || w != 64 {
		t.Fatalf("photo on the case page is %d px wide (%v), want 64", w, err)
	}
	shoot(t, ctx, "case-photo-1280", 1280)
}
