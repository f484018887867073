package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"
	"time"

	"minsheng"
	"minsheng/store"
)

// benchQueues fills a database to --cases with a working hotline's mix of
// states (fillQueueCases) and times, for a dispatcher and a handler, the
// badges of their home page (all their queues counted at once) and one page
// of 50 in each sort, alternating first pages and the pages after them.
func benchQueues(ctx context.Context, args []string) error {
	f, err := openFilled(ctx, flag.NewFlagSet("bench queues", flag.ContinueOnError), args, 200, time.Now())
	if err != nil {
		return err
	}
	defer f.close()
	st, l, total, rounds := f.st, f.loaded, f.total, f.rounds
	fmt.Printf("bench queues: %d cases on %s, %d rounds\n", total, st.Dialect(), rounds)
	var summary []string
	for _, name := range []string{"dispatcher", "handler"} {
		a := l.Users[name]
		counts, pages, err := timeQueues(ctx, st, name, a, rounds)
		if err != nil {
			return err
		}
		summary = append(summary, fmt.Sprintf("%s_counts_p50_ms=%.2f %s_counts_p99_ms=%.2f %s_page_p50_ms=%.2f %s_page_p99_ms=%.2f",
			name, ms(percentile(counts, 50)), name, ms(percentile(counts, 99)), name, ms(percentile(pages, 50)), name, ms(percentile(pages, 99))))
	}
	fmt.Printf("cases=%d db=%s rounds=%d %s\n", total, st.Dialect(), rounds, strings.Join(summary, " "))
	return nil
}

// timeQueues prints and returns the latencies of one user's badges and pages.
func timeQueues(ctx context.Context, st *store.Store, name string, a minsheng.Actor, rounds int) (counts, pages []time.Duration, err error) {
	queues := minsheng.QueuesFor(a.Role)
	var got map[minsheng.Queue]int
	for i := range rounds + 1 {
		t0 := time.Now()
		if got, err = st.QueueCounts(ctx, a, queues); err != nil {
			return nil, nil, err
		}
		if i > 0 { // the first round warms the cache and prepares statements
			counts = append(counts, time.Since(t0))
		}
	}
	var badges []string
	for _, q := range queues {
		badges = append(badges, fmt.Sprintf("%s=%d", q, got[q]))
	}
	sort.Strings(badges)
	fmt.Printf("%-10s counts of %d queues: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%s)\n", name, len(queues),
		ms(percentile(counts, 50)), ms(percentile(counts, 95)), ms(percentile(counts, 99)), strings.Join(badges, " "))
	for _, s := range minsheng.Sorts {
		var lat []time.Duration
		cursor := map[minsheng.Queue]string{}
		for i := range rounds + len(queues) {
			q := queues[i%len(queues)]
			f, err := st.QueueFilter(a, q)
			if err != nil {
				return nil, nil, err
			}
			f.Sort, f.Limit, f.Cursor = s, 50, cursor[q]
			t0 := time.Now()
			page, err := st.ListCases(ctx, f)
			if err != nil {
				return nil, nil, fmt.Errorf("%s %s by %s: %w", name, q, s, err)
			}
			if i >= len(queues) {
				lat = append(lat, time.Since(t0))
			}
			// Alternate first pages and the page after them.
			if cursor[q] == "" && len(page) == 50 {
				cursor[q] = s.CursorAfter(page[len(page)-1])
			} else {
				cursor[q] = ""
			}
		}
		fmt.Printf("%-10s page of 50 by %-8s p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", name, s,
			ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99)))
		pages = append(pages, lat...)
	}
	return counts, pages, nil
}
