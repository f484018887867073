package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"minsheng"
	mreport "minsheng/report"
	"minsheng/service"
)

// runReport writes the monthly analysis report of a month as HTML and
// Excel, and as PDF with --pdf when Chromium is installed.
func runReport(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "monthly" {
		return fmt.Errorf("report: say monthly --month YYYY-MM")
	}
	fs := flag.NewFlagSet("report monthly", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	month := fs.String("month", time.Now().In(minsheng.Shanghai).AddDate(0, -1, 0).Format("2006-01"), "the month, YYYY-MM (default: last month)")
	out := fs.String("out", ".", "directory for report-YYYY-MM.html, .xlsx and .pdf")
	pdf := fs.Bool("pdf", false, "also print a PDF through headless Chromium")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	// The command runs with the database's credentials; it asks as an
	// analyst, the role the report is written for.
	start := time.Now()
	m, err := svc.MonthlyReport(ctx, &minsheng.User{Username: "report", Role: minsheng.RoleAnalyst}, *month)
	if err != nil {
		return err
	}
	gathered := time.Since(start)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	base := filepath.Join(*out, "report-"+*month)
	var page bytes.Buffer
	if err := mreport.HTML(&page, m, mreport.Page{}); err != nil {
		return err
	}
	if err := os.WriteFile(base+".html", page.Bytes(), 0o644); err != nil {
		return err
	}
	book, err := mreport.Workbook(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(base+".xlsx", book, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s.html and %s.xlsx\n", base, base)
	pdfTime := time.Duration(0)
	if *pdf {
		t := time.Now()
		switch err := mreport.PDF(ctx, base+".html", base+".pdf"); {
		case errors.Is(err, mreport.ErrNoChromium):
			fmt.Fprintln(os.Stderr, "no PDF:", err)
		case err != nil:
			return err
		default:
			pdfTime = time.Since(t)
			fmt.Printf("wrote %s.pdf\n", base)
		}
	}
	fmt.Printf("month=%s received=%d gather_ms=%d total_ms=%d pdf_ms=%d\n", m.Month, m.This.Received,
		gathered.Milliseconds(), time.Since(start).Milliseconds(), pdfTime.Milliseconds())
	return nil
}
