package importer

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"minsheng"
)

// Transactions of the writing pass. Every commit pays for each index page
// its rows touched, and the tracking-code and caller indexes are written at
// random places: with 5,000 rows a transaction, a million-row import wrote
// the same pages of those indexes again two hundred times. Larger
// transactions write each such page fewer times, but hold the database's
// single writer (SQLite) longer, which live intake waits behind, in this
// process or in a server beside it. So, unless Options.Chunk fixes the
// size, a chunk grows while writing one takes less than chunkTarget, and
// shrinks again when it takes more (a loaded machine, a large database).
const (
	minChunk    = 5000
	maxChunk    = 50000
	chunkTarget = 2 * time.Second
)

// chunkSizer is the size of the next chunk, set by the writing goroutine
// after each chunk and read by the reading one when it fills the next.
type chunkSizer struct {
	fixed bool
	size  atomic.Int64
}

func newChunkSizer(given int) *chunkSizer {
	z := &chunkSizer{fixed: given > 0}
	if given <= 0 {
		given = minChunk
	}
	z.size.Store(int64(given))
	return z
}

// next is how many rows the next chunk takes.
func (z *chunkSizer) next() int { return int(z.size.Load()) }

// wrote adjusts the size to a chunk of n rows that took took to write: in
// proportion to how far it was from chunkTarget, at most doubling at once.
func (z *chunkSizer) wrote(n int, took time.Duration) {
	if z.fixed || took <= 0 {
		return
	}
	size := min(int64(float64(n)*float64(chunkTarget)/float64(took)), 2*int64(n))
	z.size.Store(max(minChunk, min(maxChunk, size)))
}

// write runs the writing pass: while one chunk is written, the next is read
// and checked, so that the file and the database keep both cores busy.
// Chunks are written one after another, in the file's order; the first
// that fails stops the import.
func (im *importRun) write(ctx context.Context, o Options) error {
	sizer := newChunkSizer(o.Chunk)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []*minsheng.Case, 1)
	done := make(chan error, 1)
	go func() {
		err := im.svc.ImportChunks(ctx, im.u, chunks, func(rows, created int, took time.Duration) {
			sizer.wrote(rows, took)
			im.rep.Chunks++
			im.rep.Created += created
			im.rep.Known += rows - created
		})
		if err != nil {
			err = fmt.Errorf("import stopped after %d rows were written (%d new): %w; run the same import again to go on — rows already imported are skipped",
				im.rep.Created+im.rep.Known, im.rep.Created, err)
			cancel()
		}
		done <- err
	}()
	send := func(batch []*minsheng.Case) error {
		select {
		case chunks <- batch:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var batch []*minsheng.Case
	err := im.pass(ctx, o, "writing", func(c *minsheng.Case) error {
		batch = append(batch, c)
		if len(batch) < sizer.next() {
			return nil
		}
		full := batch
		batch = nil
		return send(full)
	})
	if err == nil && len(batch) > 0 {
		err = send(batch)
	}
	close(chunks)
	if werr := <-done; werr != nil {
		return werr // the writer's failure, not the cancellation it caused
	}
	return err
}
