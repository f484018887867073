package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/demo"
)

// TestReportMonthly runs "report monthly" on a demo database: it writes the
// HTML with its print stylesheet inline, the workbook, and with Chromium
// installed the PDF; a bad month is refused naming the flag's field.
func TestReportMonthly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "r.db")
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	city := demo.NewCity()
	l, err := demo.SeedCity(ctx, st, city)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := demo.LoadCases(ctx, st, city, l, 150, 1, now, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	month := now.In(minsheng.Shanghai).Format("2006-01")
	args := []string{"monthly", "--db", db, "--month", month, "--out", dir}
	_, chromiumErr := os.Stat("/usr/bin/chromium")
	if chromiumErr == nil {
		args = append(args, "--pdf")
	}
	if err := runReport(ctx, args); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "report-"+month)
	page, err := os.ReadFile(base + ".html")
	if err != nil || !strings.Contains(string(page), "群众诉求分析报告") || !strings.Contains(string(page), "@page") {
		t.Fatalf("html: %v", err)
	}
	if book, err := os.ReadFile(base + ".xlsx"); err != nil || !bytes.HasPrefix(book, []byte("PK")) {
		t.Fatalf("xlsx: %v", err)
	}
	if chromiumErr == nil {
		if pdf, err := os.ReadFile(base + ".pdf"); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Fatalf("pdf: %v", err)
		}
	}
	if err := runReport(ctx, []string{"monthly", "--db", db, "--month", "2026/10", "--out", dir}); minsheng.ErrorField(err) != "month" {
		t.Errorf("bad month: %v", err)
	}
}
