package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"
)

// On SQLite the full-text index follows intake instead of being written by
// it. FTS5 pays for every commit that touches it (it flushes its pending
// terms into a new segment), and intake commits small batches many times a
// second: indexing there cost the single writer a third of each case. The
// indexer reads the cases above search_state.upto from the read pool,
// tokenises them off the writer, and adds them to the index in one job per
// few hundred cases, moving upto in the same transaction. Search reads the
// cases above upto directly (searchArms), so a case is found the moment it
// is committed, and a crash leaves the index and upto consistent.
// PostgreSQL keeps its grams on the case row and needs none of this.

// indexChunk is how many cases one indexing job adds at most: enough to
// share FTS5's flush widely, few enough to hold the writer for only some
// milliseconds.
const indexChunk = 1000

// indexPause is the rest after a round of jobs, so that under load each job
// finds a good part of a chunk waiting instead of a batch or two; when idle,
// the next commit's nudge ends the rest's wait for new cases at once.
const indexPause = 200 * time.Millisecond

// indexEvery catches up on cases committed by another process on the same
// file (a command-line import beside the server).
const indexEvery = time.Second

// searchIndexer holds the indexer's wake-up signal and the last position of
// the index it saw. A position read earlier is still a true split for a
// search, only with more cases above it to read directly: upto never goes
// back, so the index holds every case up to any position it once had.
type searchIndexer struct {
	nudge chan struct{}
	upto  atomic.Int64
	held  atomic.Bool // tests hold the indexer to search a half-indexed store
}

// wake asks the indexer to look for new cases without waiting for it.
func (x *searchIndexer) wake() {
	select {
	case x.nudge <- struct{}{}:
	default:
	}
}

// indexLoop runs until the store closes.
func (s *Store) indexLoop() {
	tick := time.NewTicker(indexEvery)
	defer tick.Stop()
	for {
		select {
		case <-s.w.stop:
			return
		case <-s.index.nudge:
		case <-tick.C:
		}
		// A long catch-up (an upgraded database, a large import) is logged
		// at its start and end: search is right meanwhile, but slower.
		start, long, done := time.Now(), false, 0
		for !s.index.held.Load() {
			n, err := s.IndexSearch(context.Background())
			// Before Migrate there is no index to follow yet.
			if err != nil && !errors.Is(err, errClosed) && !strings.Contains(err.Error(), "no such table") {
				slog.Warn("search index: will try again", "err", err)
			}
			if done += n; done == indexChunk*10 {
				long = true
				slog.Info("search index: catching up with many new cases", "indexed_up_to", s.index.upto.Load())
			}
			if err != nil || n < indexChunk {
				break
			}
		}
		if long {
			slog.Info("search index: caught up", "cases", done, "seconds", time.Since(start).Seconds())
		}
		select {
		case <-s.w.stop:
			return
		case <-time.After(indexPause):
		}
	}
}

// searchUpto returns a position of the search index for a search to split
// its cases at (see searchArms): the one last seen, or, before any, the
// database's. It is 0 on PostgreSQL.
func (s *Store) searchUpto(ctx context.Context) (int64, error) {
	if s.index == nil {
		return 0, nil
	}
	if n := s.index.upto.Load(); n > 0 {
		return n, nil
	}
	var n int64
	if err := s.rdb(ctx).row("SELECT upto FROM search_state WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("search index position: %w", err)
	}
	s.index.saw(n)
	return n, nil
}

// saw records a position of the index, keeping the highest.
func (x *searchIndexer) saw(n int64) {
	for {
		old := x.upto.Load()
		if n <= old || x.upto.CompareAndSwap(old, n) {
			return
		}
	}
}

// errIndexMoved says another indexer (the background one, or another
// process on the same SQLite file) indexed the same cases first; the next
// round starts from its upto.
var errIndexMoved = errors.New("search index moved on meanwhile")

// IndexSearch adds up to indexChunk cases that search does not index yet to
// the index and returns how many it added. The store does this by itself in the
// background; a caller that wants the index complete now (a benchmark, a
// test of the index) calls it until it returns 0. On PostgreSQL it does
// nothing.
func (s *Store) IndexSearch(ctx context.Context) (int, error) {
	if s.index == nil {
		return 0, nil
	}
	for {
		// Another indexer (the background one, or another process) may take
		// the same chunk first; 0 must mean that nothing is left, so start
		// again from where it got to. Each lost race means it moved on.
		n, err := s.indexChunk(ctx)
		if !errors.Is(err, errIndexMoved) {
			return n, err
		}
	}
}

// indexChunk is one round of IndexSearch. Errors: errIndexMoved.
func (s *Store) indexChunk(ctx context.Context) (int, error) {
	r := s.rdb(ctx)
	var upto int64
	if err := r.row("SELECT upto FROM search_state WHERE id = 1").Scan(&upto); err != nil {
		return 0, fmt.Errorf("search index: read its position: %w", err)
	}
	s.index.saw(upto)
	rows, err := r.rows("SELECT id, title, content, address FROM cases WHERE id > ? ORDER BY id LIMIT ?", upto, indexChunk)
	if err != nil {
		return 0, fmt.Errorf("search index: read cases: %w", err)
	}
	var args []any
	var last int64
	for rows.Next() {
		var title, content, address string
		if err := rows.Scan(&last, &title, &content, &address); err != nil {
			rows.Close()
			return 0, fmt.Errorf("search index: read cases: %w", err)
		}
		args = append(args, last, indexText(searchDoc(title, content, address)))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("search index: read cases: %w", err)
	}
	if len(args) == 0 {
		return 0, nil
	}
	err = s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var now int64
		if err := b.row("SELECT upto FROM search_state WHERE id = 1").Scan(&now); err != nil {
			return err
		}
		if now != upto {
			return errIndexMoved
		}
		// One statement: FTS5 flushes its pending terms at every statement
		// of a transaction, and each flush writes a segment.
		q := "INSERT INTO case_fts(rowid, grams) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?), ", len(args)/2), ", ")
		if _, err := b.x.ExecContext(b.ctx, q, args...); err != nil {
			return err
		}
		_, err := b.exec("UPDATE search_state SET upto = ? WHERE id = 1", last)
		return err
	})
	if errors.Is(err, errIndexMoved) {
		return 0, err
	}
	if err != nil {
		return 0, fmt.Errorf("search index: add cases up to %d: %w", last, err)
	}
	s.index.saw(last)
	return len(args) / 2, nil
}
