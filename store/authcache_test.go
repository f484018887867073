package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A request that arrives after the auth epoch moved sees the new epoch,
// however it shares reads with other requests.
func TestEpochReadsAreSharedButNeverStale(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		read := func() int64 {
			n, err := s.auth.epoch(ctx, s.rdb(ctx), time.Now())
			if err != nil {
				t.Error(err)
			}
			return n
		}
		base := read()
		var moved atomic.Int64 // the epoch after each committed bump, as the writer saw it
		moved.Store(base)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var calls, stale atomic.Int64
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					floor := moved.Load() // committed before this request arrived
					calls.Add(1)
					if got := read(); got < floor {
						stale.Add(1)
					}
				}
			}()
		}
		for range 20 {
			if err := s.w.do(ctx, func(tx *wtx) error { return bumpAuth(s.txdb(ctx, tx)) }); err != nil {
				t.Fatal(err)
			}
			moved.Add(1)
			time.Sleep(2 * time.Millisecond)
		}
		close(stop)
		wg.Wait()
		if n := stale.Load(); n > 0 {
			t.Errorf("%d of %d requests saw an epoch older than one committed before they arrived", n, calls.Load())
		}
		if got := read(); got != base+20 {
			t.Errorf("epoch %d after 20 moves from %d", got, base)
		}
	})
}
