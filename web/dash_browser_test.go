package web_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDashboard opens the dashboard as an analyst in Chromium under
// the pages' content security policy: ECharts draws all four charts from
// the page's JSON, and a league-table row leads to the unit's cases.
func TestBrowserDashboard(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "analyst")
	run(t, ctx, "open the dashboard", chromedp.EmulateViewport(1280, 720), chromedp.Navigate(base+"/w/dash"),
		chromedp.WaitVisible(chromedp.CSS("#chart-volume canvas")),
		chromedp.WaitVisible(chromedp.CSS("#chart-scatter canvas")))
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".chart-box canvas").length`))
	if err != nil || n != 4 {
		t.Fatalf("charts drawn: %d (%v)", n, err)
	}
	shoot(t, ctx, "dash-1280", 1280)
	shoot(t, ctx, "dash-375", 375)
	run(t, ctx, "a unit's cases", chromedp.Click(chromedp.CSS("table.league a")),
		chromedp.WaitVisible(chromedp.CSS("table.cases td.num a")))
	shoot(t, ctx, "dash-cases-1280", 1280)
}

// TestBrowserReport opens the monthly report in Chromium and prints it to
// a PDF, as a leader would save it.
func TestBrowserReport(t *testing.T) {
	base, ctx := browser(t)
	login(t, ctx, base, "analyst")
	run(t, ctx, "open the report", chromedp.EmulateViewport(1280, 720), chromedp.Navigate(base+"/w/report"),
		chromedp.WaitVisible(chromedp.CSS("article.sheet h1")))
	shoot(t, ctx, "report-1280", 1280)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	os.WriteFile(filepath.Join(shots(t), "report.pdf"), pdf, 0o644)
}
