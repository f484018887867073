package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"minsheng/dump"
)

// runExport writes a whole database to standard output (export --full).
func runExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	full := fs.Bool("full", false, "the whole database, for import --full into SQLite or PostgreSQL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*full {
		return errors.New("export: only --full is supported here; a ledger of cases is GET /api/v1/cases/export")
	}
	if fi, err := os.Stdout.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		return errors.New("export --full writes a file to standard output: redirect it (> minsheng.dump)")
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	bars := tableBars("exporting")
	err = dump.Export(ctx, st, os.Stdout, bars.set)
	bars.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "exported %s in %.1f s\n", st.Dialect(), time.Since(start).Seconds())
	return nil
}

// importFull loads a copy written by export --full into an empty database.
func importFull(ctx context.Context, dbURL, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := openStore(ctx, dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	bars := tableBars("importing")
	counts, err := dump.Import(ctx, st, f, bars.set)
	bars.done()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Printf("%-20s %d\n", n, counts[n])
	}
	fmt.Printf("loaded into %s in %.1f s (search index and KPI rollup rebuilt)\n", st.Dialect(), time.Since(start).Seconds())
	return nil
}

// tablesProgress shows one counting bar per table.
type tablesProgress struct {
	verb  string
	table string
	bar   *progress
}

func tableBars(verb string) *tablesProgress { return &tablesProgress{verb: verb} }

func (p *tablesProgress) set(table string, rows int) {
	if table != p.table {
		p.done()
		p.table, p.bar = table, newProgress(p.verb+" "+table, 0)
	}
	p.bar.set(rows)
}

func (p *tablesProgress) done() {
	if p.bar != nil {
		p.bar.done()
		p.bar = nil
	}
}
