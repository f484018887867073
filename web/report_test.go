package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestReportPage opens the monthly report as an analyst: a document of its
// own with the linked print stylesheet (the content security policy forbids
// inline styles), and its workbook; a bad month names the field, and a
// dispatcher is refused.
func TestReportPage(t *testing.T) {
	m := node(t)
	c := newClient(t, m)
	c.login("analyst")
	res, page := c.do("GET", "/w/report", nil)
	if res.StatusCode != 200 {
		t.Fatalf("report: %d\n%s", res.StatusCode, page)
	}
	for _, want := range []string{"群众诉求分析报告", "一、总体情况", "七、意见建议", `href="/static/report.`, `name="month"`, "/w/report.xlsx?month="} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(page, "<style>") {
		t.Error("inline styles in the served report")
	}
	res, book := c.do("GET", "/w/report.xlsx?month=2026-10", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(book, "PK") || !strings.Contains(res.Header.Get("Content-Disposition"), "report-2026-10.xlsx") {
		t.Errorf("workbook: %d %v", res.StatusCode, res.Header)
	}
	if res, page = c.do("GET", "/w/report?month=2026-1", nil); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "month") {
		t.Errorf("bad month: %d", res.StatusCode)
	}
	d := newClient(t, m)
	d.login("dispatcher")
	if res, _ = d.do("GET", "/w/report", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("dispatcher: %d", res.StatusCode)
	}
}
