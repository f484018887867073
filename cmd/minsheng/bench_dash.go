package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"syscall"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/service"
)

// benchDash fills a database like bench pages and times the analysts'
// pages alone: the dashboard over the last thirty days and last month's
// report, rendered by the web handler, each with the parts of its use case
// timed apart so that a slow page says which query to look at. With
// --cpuprofile the page renders are profiled.
func benchDash(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench dash", flag.ContinueOnError)
	profile := fs.String("cpuprofile", "", "write a CPU profile of the timed page renders to this file")
	f, err := openFilled(ctx, fs, args, 10, time.Now())
	if err != nil {
		return err
	}
	defer f.close()
	svc, h, err := webOver(f)
	if err != nil {
		return err
	}
	sess, err := svc.Login(ctx, "bench", "analyst", demo.Password)
	if err != nil {
		return err
	}
	u, err := svc.Authenticate(ctx, sess.Token)
	if err != nil {
		return err
	}
	fmt.Printf("bench dash: %d cases on %s, %d rounds\n", f.total, f.st.Dialect(), f.rounds)
	if err := dashParts(ctx, svc, u, f.rounds); err != nil {
		return err
	}
	stop, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	var summary []string
	for _, p := range []struct{ kind, path string }{{"dash", "/w/dash"}, {"report", "/w/report"}} {
		cpu0 := cpuTime()
		lat, err := timePage(h, sess.Token, p.path, f.rounds)
		if err != nil {
			return fmt.Errorf("analyst %s: %w", p.path, err)
		}
		// The process's CPU time a render (the warm-up included) tells the
		// work apart from the waiting on a loaded machine.
		cpu := (cpuTime() - cpu0) / time.Duration(f.rounds+1)
		fmt.Printf("page %-22s p50 %8.2f ms, p95 %8.2f ms, CPU %8.2f ms a render\n", p.path, ms(percentile(lat, 50)),
			ms(percentile(lat, 95)), ms(cpu))
		summary = append(summary, fmt.Sprintf("%s_p50_ms=%.2f %s_p95_ms=%.2f %s_cpu_ms=%.2f", p.kind, ms(percentile(lat, 50)),
			p.kind, ms(percentile(lat, 95)), p.kind, ms(cpu)))
	}
	fmt.Printf("cases=%d db=%s rounds=%d %s\n", f.total, f.st.Dialect(), f.rounds, strings.Join(summary, " "))
	return nil
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// dashParts times the store questions the dashboard and the report ask, one
// by one, over the periods the pages ask them for.
func dashParts(ctx context.Context, svc *service.Service, u *minsheng.User, rounds int) error {
	now := svc.Now().In(minsheng.Shanghai)
	to := now.Format(time.DateOnly)
	from := now.AddDate(0, 0, -29).Format(time.DateOnly)
	month := now.AddDate(0, -1, 0).Format("2006-01")
	for _, part := range []struct {
		name string
		run  func() error
	}{
		{"dashboard (use case)", func() error {
			_, err := svc.Dashboard(ctx, u, service.DashQuery{From: from, To: to})
			return err
		}},
		{"report " + month + " (use case)", func() error {
			_, err := svc.MonthlyReport(ctx, u, month)
			return err
		}},
	} {
		var lat []time.Duration
		for i := range rounds + 1 {
			t0 := time.Now()
			if err := part.run(); err != nil {
				return fmt.Errorf("%s: %w", part.name, err)
			}
			if i > 0 {
				lat = append(lat, time.Since(t0))
			}
		}
		fmt.Printf("%-30s p50 %8.2f ms, p95 %8.2f ms\n", part.name, ms(percentile(lat, 50)), ms(percentile(lat, 95)))
	}
	return nil
}
