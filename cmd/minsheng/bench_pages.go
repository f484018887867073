package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/service"
	"minsheng/web"
)

// benchPages fills a database to --cases like bench queues and times the
// server-side render of the pages staff open all day: the home page with
// its badges, the first page of a queue, and a case page, for a dispatcher
// and a handler. Requests go straight to the web handler, so the figures
// are the server's work (use cases, queries, templates) without the network.
func benchPages(ctx context.Context, args []string) error {
	f, err := openFilled(ctx, flag.NewFlagSet("bench pages", flag.ContinueOnError), args, 100, time.Now())
	if err != nil {
		return err
	}
	defer f.close()
	st, total, rounds := f.st, f.total, f.rounds
	svc, h, err := webOver(f)
	if err != nil {
		return err
	}
	fmt.Printf("bench pages: %d cases on %s, %d rounds\n", total, st.Dialect(), rounds)
	var summary []string
	for _, name := range []string{"dispatcher", "handler"} {
		sess, err := svc.Login(ctx, "bench", name, demo.Password)
		if err != nil {
			return err
		}
		u, err := svc.Authenticate(ctx, sess.Token)
		if err != nil {
			return err
		}
		q := minsheng.QueuesFor(u.Role)[0]
		first, err := svc.Queue(ctx, u, q, service.QueuePage{Limit: 1})
		if err != nil {
			return err
		}
		paths := []string{"/w/", "/w/queues/" + string(q)}
		if len(first.Items) > 0 {
			paths = append(paths, "/w/cases/"+strconv.FormatInt(first.Items[0].ID, 10))
		}
		for i, p := range paths {
			lat, err := timePage(h, sess.Token, p, rounds)
			if err != nil {
				return fmt.Errorf("%s %s: %w", name, p, err)
			}
			fmt.Printf("%-10s %-28s p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", name, p,
				ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99)))
			summary = append(summary, fmt.Sprintf("%s_%s_p50_ms=%.2f %s_%s_p99_ms=%.2f", name, pageKinds[i], ms(percentile(lat, 50)),
				name, pageKinds[i], ms(percentile(lat, 99))))
		}
	}
	// The analysts' pages (issue 9): the dashboard over the last thirty
	// days and last month's report, fewer rounds as leaders open them rarely.
	an, err := analystPages(ctx, svc, h, max(rounds/10, 3))
	if err != nil {
		return err
	}
	summary = append(summary, an...)
	fmt.Printf("cases=%d db=%s rounds=%d %s\n", total, st.Dialect(), rounds, strings.Join(summary, " "))
	return nil
}

// webOver returns the use cases and the staff pages' handler over a filled
// store, logging nothing, for the benches that render pages.
func webOver(f *filled) (*service.Service, http.Handler, error) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(f.st, nil, log)
	pages, err := web.New(svc, log)
	if err != nil {
		return nil, nil, err
	}
	return svc, pages.Routes(), nil
}

// pageKinds names the timed pages in the summary line.
var pageKinds = []string{"home", "queue", "case"}

// timePage renders one page rounds times (after one warm-up) as the signed-in user.
func timePage(h http.Handler, token, path string, rounds int) ([]time.Duration, error) {
	var lat []time.Duration
	for i := range rounds + 1 {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: "ms_session", Value: token})
		rec := httptest.NewRecorder()
		t0 := time.Now()
		h.ServeHTTP(rec, req)
		if i > 0 {
			lat = append(lat, time.Since(t0))
		}
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("status %d", rec.Code)
		}
	}
	return lat, nil
}

// analystPages times the dashboard and the monthly report for the analyst.
func analystPages(ctx context.Context, svc *service.Service, h http.Handler, rounds int) ([]string, error) {
	sess, err := svc.Login(ctx, "bench", "analyst", demo.Password)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range []struct{ kind, path string }{{"dash", "/w/dash"}, {"report", "/w/report"}} {
		lat, err := timePage(h, sess.Token, p.path, rounds)
		if err != nil {
			return nil, fmt.Errorf("analyst %s: %w", p.path, err)
		}
		fmt.Printf("%-10s %-28s p50 %.2f ms, p95 %.2f ms (%d rounds)\n", "analyst", p.path,
			ms(percentile(lat, 50)), ms(percentile(lat, 95)), rounds)
		out = append(out, fmt.Sprintf("analyst_%s_p50_ms=%.2f", p.kind, ms(percentile(lat, 50))))
	}
	return out, nil
}
