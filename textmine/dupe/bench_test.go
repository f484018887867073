package dupe

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"minsheng/textmine/dupe/dupetest"
)

// benchDocs is the index size of BenchmarkQuery: DUPE_BENCH_DOCS, or 20,000
// so that `go test -bench .` stays quick. Set DUPE_BENCH_DOCS=1000000 for
// the production size (about a minute to build and 1.1 GB of heap).
func benchDocs(b *testing.B) int {
	if s := os.Getenv("DUPE_BENCH_DOCS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("DUPE_BENCH_DOCS=%q: want a positive integer", s)
		}
		return n
	}
	return 20000
}

// buildSynthetic indexes synthetic requests 1..n with one goroutine per
// CPU, as a service would load its open requests at start-up.
func buildSynthetic(opt Options, n int) *Index {
	ix := NewIndex(opt)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1 + w; i <= n; i += workers {
				text, place := dupetest.Request(1, int64(i))
				ix.Add(Doc{ID: int64(i), Text: text, Place: place})
			}
		}()
	}
	wg.Wait()
	return ix
}

// BenchmarkQuery looks up lightly edited copies of indexed requests, the
// common case when a duplicate arrives, among benchDocs synthetic ones.
func BenchmarkQuery(b *testing.B) {
	n := benchDocs(b)
	ix := buildSynthetic(Options{}, n)
	rng := rand.New(rand.NewPCG(5, 6))
	kinds := dupetest.Kinds()
	queries := make([]Doc, 1000)
	for i := range queries {
		text, place := dupetest.Request(1, 1+rng.Int64N(int64(n)))
		if v, ok := dupetest.Edit(kinds[i%len(kinds)], text, rng); ok {
			text = v
		}
		queries[i] = Doc{ID: -1, Text: text, Place: place}
	}
	for i := 0; b.Loop(); i++ { // b.Loop times only the loop
		ix.Query(queries[i%len(queries)], 10)
	}
	b.ReportMetric(float64(n), "docs")
}

// BenchmarkAdd measures indexing one request into an index that grows.
func BenchmarkAdd(b *testing.B) {
	ix := NewIndex(Options{})
	texts := make([]string, 1000)
	for i := range texts {
		texts[i], _ = dupetest.Request(2, int64(i))
	}
	for i := 0; b.Loop(); i++ {
		ix.Add(Doc{ID: int64(i), Text: texts[i%len(texts)]})
	}
}
