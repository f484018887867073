// Package jobs runs minsheng's background work inside `serve`: each job is a
// function run at an interval until the node stops. What a job may do across
// nodes (one at a time, idempotent steps) is the job's own business; this
// package only keeps time and logs.
package jobs

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Runner starts jobs and waits for them to finish when the node stops, so
// that the store is closed only after the last run.
type Runner struct {
	log *slog.Logger
	wg  sync.WaitGroup
}

// New returns a runner that logs to log.
func New(log *slog.Logger) *Runner { return &Runner{log: log} }

// Every runs fn every interval (the first time after one interval) until ctx
// ends. A failed run is logged and the next one comes at its time.
func (r *Runner) Every(ctx context.Context, name string, interval time.Duration, fn func(ctx context.Context) error) {
	r.EveryAfter(ctx, name, interval, interval, fn)
}

// EveryAfter is Every with the first run after first rather than after one
// interval: a job whose interval is long can run soon after start-up, yet
// not while the node is still starting (and not on every node of a
// deployment that restarts at once).
func (r *Runner) EveryAfter(ctx context.Context, name string, first, interval time.Duration, fn func(ctx context.Context) error) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		wait := time.NewTimer(first)
		defer wait.Stop()
		select {
		case <-ctx.Done():
			return
		case <-wait.C:
		}
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			r.run(ctx, name, fn)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// run runs fn once and logs a failure (but not one caused by the node
// stopping).
func (r *Runner) run(ctx context.Context, name string, fn func(ctx context.Context) error) {
	start := time.Now()
	if err := fn(ctx); err != nil && ctx.Err() == nil {
		r.log.Error("background job failed", "job", name, "err", err)
		return
	}
	r.log.Debug("background job ran", "job", name, "took", time.Since(start))
}

// Wait blocks until every job has returned (after their context ended).
func (r *Runner) Wait() { r.wg.Wait() }
