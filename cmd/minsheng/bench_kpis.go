package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"minsheng"
	"minsheng/store"
)

// benchKPIs fills a database to --cases with the queue benchmark's history
// (fillQueueCases plays every case through the real intake and lifecycle
// path, so the KPI rollup is filled the way production fills it) and times
// one month's KPIs: the totals, the league table by organisation and the
// series by day, as an analyst's dashboard asks them.
func benchKPIs(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench kpis", flag.ContinueOnError)
	month := fs.String("month", "", "the month to ask about, YYYY-MM (default: the last full month)")
	now := time.Now()
	f, err := openFilled(ctx, fs, args, 100, now)
	if err != nil {
		return err
	}
	defer f.close()
	st, total, load, rounds := f.st, f.total, f.load, f.rounds
	// The last full month before now, in Shanghai, unless --month names one.
	first := time.Date(now.In(minsheng.Shanghai).Year(), now.In(minsheng.Shanghai).Month(), 1, 0, 0, 0, 0, minsheng.Shanghai)
	from := first.AddDate(0, -1, 0)
	if *month != "" {
		if from, err = time.ParseInLocation("2006-01", *month, minsheng.Shanghai); err != nil {
			return fmt.Errorf("bench kpis: --month: want YYYY-MM")
		}
	}
	to := from.AddDate(0, 1, -1)
	fmt.Printf("bench kpis: %d cases on %s (loaded in %s), month %s to %s, %d rounds\n", total, st.Dialect(),
		load.Round(time.Second), from.Format(time.DateOnly), to.Format(time.DateOnly), rounds)
	rollup, err := st.KPIRollupRows(ctx, from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		return err
	}
	fmt.Printf("rollup rows in the month: %d\n", rollup)
	summary := []string{fmt.Sprintf("rollup_rows=%d", rollup)}
	for _, g := range []minsheng.KPIGroupBy{minsheng.KPITotal, minsheng.KPIByOrg, minsheng.KPIByDay} {
		q := minsheng.KPIQuery{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), GroupBy: g}
		lat, items, err := timeKPIs(ctx, st, q, rounds)
		if err != nil {
			return err
		}
		name := string(g)
		if name == "" {
			name = "total"
		}
		fmt.Printf("%-6s %3d items: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", name, len(items),
			ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99)))
		if g == minsheng.KPITotal {
			k := items[0].KPICounts
			fmt.Printf("       received=%d dispatched=%d closed=%d closed_on_time=%d visited=%d solved=%d returned=%d overdue_open=%d\n",
				k.Received, k.Dispatched, k.Closed, k.ClosedOnTime, k.Visited, k.Solved, k.Returned, *items[0].OverdueOpen)
		}
		summary = append(summary, fmt.Sprintf("%s_p50_ms=%.2f %s_p95_ms=%.2f %s_p99_ms=%.2f", name, ms(percentile(lat, 50)),
			name, ms(percentile(lat, 95)), name, ms(percentile(lat, 99))))
	}
	fmt.Printf("cases=%d db=%s month=%s rounds=%d %s\n", total, st.Dialect(), from.Format("2006-01"), rounds, strings.Join(summary, " "))
	return nil
}

// timeKPIs asks one question rounds times after a warm-up round.
func timeKPIs(ctx context.Context, st *store.Store, q minsheng.KPIQuery, rounds int) ([]time.Duration, []minsheng.KPIItem, error) {
	var lat []time.Duration
	var items []minsheng.KPIItem
	for i := range rounds + 1 {
		t0 := time.Now()
		var err error
		if items, err = st.KPIs(ctx, q); err != nil {
			return nil, nil, fmt.Errorf("kpis by %q: %w", q.GroupBy, err)
		}
		if i > 0 {
			lat = append(lat, time.Since(t0))
		}
	}
	return lat, items, nil
}
