package jobs

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

// TestEveryRunsUntilCancelled checks that a job runs repeatedly, survives a
// failing run, and that Wait returns only after cancellation stops it.
func TestEveryRunsUntilCancelled(t *testing.T) {
	r := New(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	var runs atomic.Int32
	r.Every(ctx, "test", time.Millisecond, func(context.Context) error {
		if runs.Add(1) == 1 {
			return errors.New("first run fails")
		}
		return nil
	})
	deadline := time.Now().Add(5 * time.Second)
	for runs.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if runs.Load() < 3 {
		t.Fatalf("job ran %d times, want at least 3 (a failure must not stop it)", runs.Load())
	}
	cancel()
	r.Wait()
	n := runs.Load()
	time.Sleep(10 * time.Millisecond)
	if runs.Load() != n {
		t.Fatal("job still runs after Wait returned")
	}
}

// TestEveryAfterWaitsForItsFirstRun checks that a job with a long first
// delay does not run at start-up, and that stopping the node before it
// lets Wait return without a run.
func TestEveryAfterWaitsForItsFirstRun(t *testing.T) {
	r := New(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	var late, soon atomic.Int32
	r.EveryAfter(ctx, "late", time.Hour, time.Millisecond, func(context.Context) error { late.Add(1); return nil })
	r.EveryAfter(ctx, "soon", time.Millisecond, time.Hour, func(context.Context) error { soon.Add(1); return nil })
	deadline := time.Now().Add(5 * time.Second)
	for soon.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	r.Wait()
	if late.Load() != 0 || soon.Load() != 1 {
		t.Fatalf("runs: late %d (want 0 before its delay), soon %d (want 1 before its interval)", late.Load(), soon.Load())
	}
}
