// Package server wires minsheng together: the store, the API and the HTTP
// server, with start-up (migrate, demo data) and graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"minsheng/api"
	"minsheng/assist"
	"minsheng/jobs"
	"minsheng/open311"
	"minsheng/outbox"
	"minsheng/service"
	"minsheng/store"
	"minsheng/web"
)

// Config is what `minsheng serve` is told.
type Config struct {
	Addr string
	DB   string
	// Seed, when set, runs after migration (the demo city on an empty database).
	Seed func(ctx context.Context, s *store.Store) error
	Log  *slog.Logger
	// NoAssist turns off suggestions and duplicate detection.
	NoAssist bool
	// Outbox tunes the sending of replies back to the channels; SMS is the
	// text-message provider (nil: one that only logs). NoOutbox leaves the
	// sending to other nodes.
	Outbox   outbox.Config
	SMS      outbox.Sender
	NoOutbox bool
	// PrivateWebhooks lets webhooks target loopback, private and link-local
	// addresses, when saved and when delivered: for a closed network, and
	// for tests whose receivers listen on 127.0.0.1. Off by default.
	PrivateWebhooks bool
	// TrendEvery is how often the node recomputes its hotspot lists
	// (default 5 minutes; negative: never, and no surge job either). Surges
	// are looked for hourly, by one node at a time.
	TrendEvery time.Duration
	// EscalateEvery is how often the escalation job applies the rules
	// (default a minute; negative: never, for tests that run it by hand).
	EscalateEvery time.Duration
}

// Main is a running minsheng node. Tests start it on port 0.
type Main struct {
	Store *store.Store
	// Service is the node's use cases, for tests that change its settings.
	Service *service.Service
	cfg     Config
	ln      net.Listener
	srv     *http.Server
	done    chan error
	stop    context.CancelFunc
	workers sync.WaitGroup // background work that uses the store (the outbox)
	jobs    *jobs.Runner
}

// Start opens and migrates the database, seeds it when asked, and starts
// serving HTTP in the background.
func Start(ctx context.Context, cfg Config) (*Main, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	// The port first: a taken port fails at once, not after a demo load.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		ln.Close()
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		ln.Close()
		st.Close()
		return nil, err
	}
	if cfg.Seed != nil {
		if err := cfg.Seed(ctx, st); err != nil {
			ln.Close()
			st.Close()
			return nil, fmt.Errorf("seed: %w", err)
		}
	}
	bg, stop := context.WithCancel(context.Background())
	m := &Main{Store: st, cfg: cfg, ln: ln, done: make(chan error, 1), stop: stop, jobs: jobs.New(cfg.Log)}
	var as service.Assistant
	if !cfg.NoAssist {
		a := assist.New(st, cfg.Log, assist.Settings{})
		// The knowledge base is small and loads now; the duplicate index and
		// the classifier can take a minute on a large database, so they warm
		// up in the background while the node already serves (suggestions
		// start empty and fill in).
		if err := a.ReloadArticles(ctx); err != nil {
			stop()
			ln.Close()
			st.Close()
			return nil, fmt.Errorf("load the knowledge base: %w", err)
		}
		go func() {
			if err := a.Load(bg); err != nil && bg.Err() == nil {
				cfg.Log.Error("load the assistant", "err", err)
			}
			a.Run(bg)
		}()
		as = a
	}
	m.Service = service.New(st, as, cfg.Log)
	m.Service.PrivateWebhooks = cfg.PrivateWebhooks
	if !cfg.NoOutbox {
		oc := cfg.Outbox
		oc.AllowPrivate = oc.AllowPrivate || cfg.PrivateWebhooks
		d := outbox.New(st, cfg.SMS, cfg.Log, oc)
		m.workers.Add(1)
		go func() { defer m.workers.Done(); d.Run(bg) }()
	}
	pages, err := web.New(m.Service, cfg.Log)
	if err != nil {
		stop()
		ln.Close()
		st.Close()
		return nil, fmt.Errorf("web pages: %w", err)
	}
	m.startJobs(bg)
	m.srv = &http.Server{
		Handler: Handler(api.New(m.Service, cfg.Log).Routes(), open311.New(m.Service, cfg.Log, open311.Config{}).Routes(),
			pages.Routes()),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(cfg.Log.Handler(), slog.LevelWarn),
	}
	// Live streams never finish on their own; shutdown ends them first.
	m.srv.RegisterOnShutdown(pages.Stop)
	go func() {
		err := m.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		m.done <- err
	}()
	cfg.Log.Info("minsheng serving", "addr", "http://"+ln.Addr().String(), "db", st.Dialect())
	return m, nil
}

// trendDelay is how long after start-up the node first computes its
// hotspot lists; until then a request computes them itself.
const trendDelay = 30 * time.Second

// Handler is the node's whole HTTP surface, over one service: the JSON API
// under /api/ and at /healthz, the web pages everywhere else.
func Handler(apiH, open311H, webH http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/", apiH)
	mux.Handle("/healthz", apiH)
	mux.Handle("/open311/", open311H)
	mux.Handle("/", webH)
	return mux
}

// URL is the base URL the node listens on.
func (m *Main) URL() string { return "http://" + m.ln.Addr().String() }

// Wait blocks until the HTTP server stops on its own (an error) or ctx ends.
func (m *Main) Wait(ctx context.Context) error {
	select {
	case err := <-m.done:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Close stops accepting requests, lets in-flight ones finish (up to the
// context's deadline), then closes the store after its pending commits.
func (m *Main) Close(ctx context.Context) error {
	err := m.srv.Shutdown(ctx)
	m.stop()
	m.workers.Wait() // a delivery in flight records its outcome before the store closes
	m.jobs.Wait()
	if cerr := m.Store.Close(); err == nil {
		err = cerr
	}
	return err
}

// startJobs starts the node's background work; every node runs it, and each
// job that writes keeps to one node at a time itself.
func (m *Main) startJobs(ctx context.Context) {
	// Hotspots and surges (issue 9). Each node keeps its own hotspot lists
	// (reads only); the surge job raises alerts on one node at a time. Both
	// wait a little after start-up rather than load a hundred days of cases
	// while the node is still starting.
	if every := m.cfg.TrendEvery; every >= 0 {
		if every == 0 {
			every = 5 * time.Minute
		}
		m.jobs.EveryAfter(ctx, "hotspots", min(every, trendDelay), every, m.Service.RefreshHotspots)
		m.jobs.EveryAfter(ctx, "surges", 2*trendDelay, service.SurgeEvery, func(ctx context.Context) error {
			_, err := m.Service.SurgeJob(ctx)
			return err
		})
	}
	// Supervision and escalation (issue 9).
	if every := m.cfg.EscalateEvery; every >= 0 {
		if every == 0 {
			every = time.Minute
		}
		m.jobs.Every(ctx, "escalation", every, func(ctx context.Context) error {
			_, err := m.Service.Escalate(ctx)
			return err
		})
	}
}
