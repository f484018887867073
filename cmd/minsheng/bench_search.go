package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/store"
)

// searchWords are two-character queries dispatchers type all day.
var searchWords = []string{"供暖", "物业", "噪音", "管网", "停水", "路灯", "垃圾", "拖欠", "工资", "学校",
	"医保", "油烟", "违建", "公交", "退费", "燃气", "漏水", "施工", "停车", "占道", "社保", "小区", "投诉", "维修"}

// searchPhrases are longer queries, whose grams the index ANDs before the
// substring check.
var searchPhrases = []string{"小区供暖", "夜间施工噪音", "拖欠工资", "路灯不亮", "垃圾清运", "停车位", "物业费", "自来水停水"}

// benchSearch fills a database to --cases requests (if it has fewer) and
// times two-character full-text queries through the store.
func benchSearch(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench search", flag.ContinueOnError)
	def, cleanup := tempDB()
	defer cleanup()
	dbURL := fs.String("db", def, "database (default: a fresh temporary SQLite file)")
	n := fs.Int("cases", 1000000, "cases the database should hold")
	queries := fs.Int("queries", 480, "queries to time")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := fillCases(ctx, st, *n); err != nil {
		return err
	}
	if err := indexAll(ctx, st); err != nil {
		return err
	}
	for _, set := range []struct {
		name  string
		words []string
	}{{"words", searchWords}, {"phrases", searchPhrases}} {
		lat := make([]time.Duration, 0, *queries)
		hits := 0
		for i := range *queries {
			q := set.words[i%len(set.words)]
			t0 := time.Now()
			got, err := st.ListCases(ctx, minsheng.CaseFilter{Query: q, Limit: 50})
			if err != nil {
				return err
			}
			lat = append(lat, time.Since(t0))
			hits += len(got)
		}
		fmt.Printf("cases=%d %s queries=%d avg_hits=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f db=%s\n", *n, set.name, *queries,
			float64(hits)/float64(*queries), ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99)), st.Dialect())
	}
	return nil
}

// indexAll brings the search index up to date, as the server's background
// indexer would shortly after a load, so that the figures are of a steady
// store rather than of one still indexing.
func indexAll(ctx context.Context, st *store.Store) error {
	start, total := time.Now(), 0
	for {
		n, err := st.IndexSearch(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		total += n
	}
	if total > 0 {
		fmt.Printf("indexed %d cases for search in %.1f s\n", total, time.Since(start).Seconds())
	}
	return nil
}

// fillCases adds synthetic cases until the database holds n, with progress.
func fillCases(ctx context.Context, st *store.Store, n int) error {
	have, err := st.CountCases(ctx, minsheng.CaseFilter{})
	if err != nil {
		return err
	}
	if int(have) >= n {
		return nil
	}
	city := demo.NewCity()
	l, err := demo.SeedCity(ctx, st, city)
	if err != nil {
		return err
	}
	bar := newProgress("loading cases", n-int(have))
	err = demo.CreateCases(ctx, st, city, l, n-int(have), time.Now().UnixNano(), time.Now(), bar.set)
	bar.done()
	if err != nil {
		return err
	}
	return st.Analyze(ctx)
}

// progress draws a bar on a terminal and a line every 10% elsewhere.
type progress struct {
	label   string
	total   int
	tty     bool
	lastTen int
	start   time.Time
}

func newProgress(label string, total int) *progress {
	fi, err := os.Stderr.Stat()
	return &progress{label: label, total: total, tty: err == nil && fi.Mode()&os.ModeCharDevice != 0, start: time.Now()}
}

func (p *progress) set(done int) {
	frac := float64(done) / float64(max(p.total, 1))
	rate := float64(done) / max(time.Since(p.start).Seconds(), 0.001)
	if p.total == 0 { // a count whose end is not known yet
		if p.tty {
			fmt.Fprintf(os.Stderr, "\r%s %d %.0f/s", p.label, done, rate)
		} else if done/100000 > p.lastTen {
			p.lastTen = done / 100000
			fmt.Fprintf(os.Stderr, "%s: %d (%.0f/s)\n", p.label, done, rate)
		}
		return
	}
	if p.tty {
		width := 40
		filled := int(frac * float64(width))
		fmt.Fprintf(os.Stderr, "\r%s [%-*s] %d/%d %.0f/s", p.label, width, string(bytesOf('#', filled)), done, p.total, rate)
		return
	}
	if ten := int(frac * 10); ten > p.lastTen {
		p.lastTen = ten
		fmt.Fprintf(os.Stderr, "%s: %d/%d (%.0f/s)\n", p.label, done, p.total, rate)
	}
}

func (p *progress) done() {
	if p.tty {
		fmt.Fprintln(os.Stderr)
	}
}

func bytesOf(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}
