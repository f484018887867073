package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"minsheng/demo"
)

// benchOps fills a database like bench pages and times the operational
// pages added beside the queues: the dispatcher's returned and extension
// queues (with each case's reason), the search page with full text and
// with filters, and the supervisor's board (four lists with totals).
func benchOps(ctx context.Context, args []string) error {
	f, err := openFilled(ctx, flag.NewFlagSet("bench ops", flag.ContinueOnError), args, 50, time.Now())
	if err != nil {
		return err
	}
	defer f.close()
	svc, h, err := webOver(f)
	if err != nil {
		return err
	}
	fmt.Printf("bench ops: %d cases on %s, %d rounds\n", f.total, f.st.Dialect(), f.rounds)
	runs := []struct{ user, name, path string }{
		{"dispatcher", "returned", "/w/queues/returned"},
		{"dispatcher", "extensions", "/w/queues/extension_requests"},
		{"dispatcher", "search_text", "/w/search?q=%E8%B7%AF%E7%81%AF"},
		{"dispatcher", "search_filters", "/w/search?status=handling&overdue=1&channel=phone"},
		{"supervisor", "board", "/w/board"},
	}
	var summary []string
	tokens := map[string]string{}
	for _, r := range runs {
		if tokens[r.user] == "" {
			sess, err := svc.Login(ctx, "bench", r.user, demo.Password)
			if err != nil {
				return err
			}
			tokens[r.user] = sess.Token
		}
		lat, err := timePage(h, tokens[r.user], r.path, f.rounds)
		if err != nil {
			return fmt.Errorf("%s %s: %w", r.user, r.path, err)
		}
		fmt.Printf("%-10s %-52s p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", r.user, r.path,
			ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99)))
		summary = append(summary, fmt.Sprintf("%s_p50_ms=%.2f %s_p99_ms=%.2f", r.name, ms(percentile(lat, 50)), r.name, ms(percentile(lat, 99))))
	}
	fmt.Printf("cases=%d db=%s rounds=%d %s\n", f.total, f.st.Dialect(), f.rounds, strings.Join(summary, " "))
	return nil
}
