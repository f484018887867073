package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/server"
	"minsheng/store"
)

// benchmarks names every benchmark: each prints the figure of one
// performance target.
var benchmarks = []struct {
	name string
	run  func(ctx context.Context, args []string) error
}{
	{"intake", benchIntake},
	{"search", benchSearch},
	{"queues", benchQueues},
	{"kpis", benchKPIs},
	{"pages", benchPages},
	{"dash", benchDash},
	{"ops", benchOps},
	{"classify", benchClassify},
	{"dupes", benchDupes},
	{"suggest", benchSuggest},
	{"import", benchImport},
	{"outbox", benchOutbox},
	{"surges", func(_ context.Context, args []string) error { return benchSurges(args) }},
}

func runBench(ctx context.Context, args []string) error {
	var names []string
	for _, b := range benchmarks {
		if len(args) > 0 && args[0] == b.name {
			return b.run(ctx, args[1:])
		}
		names = append(names, b.name)
	}
	if len(args) == 0 {
		return fmt.Errorf("bench: say %s", strings.Join(names, ", "))
	}
	return fmt.Errorf("bench: unknown benchmark %q (one of %s)", args[0], strings.Join(names, ", "))
}

// tempDB returns the --db default of a benchmark: a fresh SQLite file.
func tempDB() (string, func()) {
	dir, err := os.MkdirTemp("", "minsheng-bench-")
	if err != nil {
		return "sqlite:bench.db", func() {}
	}
	return "sqlite:" + filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }
}

// benchIntake starts the real server and creates cases through the HTTP API
// from concurrent clients; a 201 means the case is committed.
func benchIntake(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench intake", flag.ContinueOnError)
	def, cleanup := tempDB()
	defer cleanup()
	dbURL := fs.String("db", def, "database (default: a fresh temporary SQLite file)")
	n := fs.Int("cases", 20000, "cases to create")
	clients := fs.Int("clients", 64, "concurrent clients")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	withAssist := fs.Bool("assist", true, "compute suggestions and possible duplicates for each case, as serve does")
	if err := fs.Parse(args); err != nil {
		return err
	}
	stopProfile, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	m, err := server.Start(ctx, server.Config{Addr: "127.0.0.1:0", DB: *dbURL, Log: quietLogger(), NoAssist: !*withAssist,
		Seed: func(ctx context.Context, st *store.Store) error {
			_, err := demo.SeedCity(ctx, st, demo.NewCity())
			return err
		}})
	if err != nil {
		return err
	}
	defer m.Close(context.Background())
	before, err := m.Store.CountCases(ctx, minsheng.CaseFilter{})
	if err != nil {
		return err
	}
	bodies := intakeBodies(*n)
	token, err := benchLogin(&http.Client{Timeout: 30 * time.Second}, m.URL(), "agent")
	if err != nil {
		return err
	}
	addr := strings.TrimPrefix(m.URL(), "http://")
	fmt.Printf("bench intake: %d cases from %d clients on %s\n", *n, *clients, m.Store.Dialect())
	lat := make([]time.Duration, *n)
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), cpuTime()
	for range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &rawClient{addr: addr, token: token}
			defer c.close()
			for i := int(next.Add(1) - 1); i < *n; i = int(next.Add(1) - 1) {
				t0 := time.Now()
				if !c.postCase(bodies[i]) {
					failed.Add(1)
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	after, err := m.Store.CountCases(ctx, minsheng.CaseFilter{})
	if err != nil {
		return err
	}
	ok := int64(*n) - failed.Load()
	if int64(after-before) != ok {
		return fmt.Errorf("%d cases acknowledged but %d stored", ok, after-before)
	}
	p50, p99 := percentile(lat, 50), percentile(lat, 99)
	// cpu_us_per_case is the whole process's CPU (server, clients and all)
	// per case: what a change to intake's work moves, while cases_per_s also
	// moves with the machine's speed and load.
	fmt.Printf("cases=%d clients=%d failed=%d seconds=%.2f cases_per_s=%.0f p50_ms=%.2f p99_ms=%.2f cpu_us_per_case=%.0f db=%s assist=%v\n",
		*n, *clients, failed.Load(), elapsed.Seconds(), float64(ok)/elapsed.Seconds(), ms(p50), ms(p99),
		float64(cpu.Microseconds())/float64(*n), m.Store.Dialect(), *withAssist)
	return nil
}

// intakeBodies prepares realistic request bodies in advance, so the clients
// measure the server and not JSON encoding.
func intakeBodies(n int) [][]byte {
	gen := demo.NewGenerator(demo.NewCity(), 42, time.Now(), 30*24*time.Hour)
	gen.SetTotal(n)
	out := make([][]byte, n)
	for i := range out {
		cs := gen.Next()
		out[i], _ = json.Marshal(map[string]any{"channel": cs.Channel, "channel_ref": cs.ChannelRef,
			"citizen": cs.Citizen, "title": cs.Title, "content": cs.Content, "address": cs.Address, "urgency": cs.Urgency})
	}
	return out
}

func benchLogin(c *http.Client, base, user string) (string, error) {
	body, _ := json.Marshal(map[string]string{"username": user, "password": demo.Password})
	resp, err := c.Post(base+"/api/v1/login", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("login as %s failed: %s", user, resp.Status)
	}
	return out.Token, nil
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// startProfile writes a CPU profile until the returned function is called;
// with no path it does nothing.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
