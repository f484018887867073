package store

import (
	"context"
	"fmt"
	"time"
)

// maintainEvery is how often the full-text index is merged; checkpointEvery
// how often the SQLite write-ahead log is copied back into the database.
const (
	maintainEvery   = 5 * time.Second
	checkpointEvery = time.Second
)

// maintain runs background upkeep until the store closes. On SQLite it merges
// full-text index segments a little at a time (automerge is off so that
// intake commits stay cheap); PostgreSQL's GIN index and autovacuum need no
// help.
func (s *Store) maintain() {
	if s.d.name() != "sqlite" {
		return
	}
	t, cp := time.NewTicker(maintainEvery), time.NewTicker(checkpointEvery)
	defer t.Stop()
	defer cp.Stop()
	for {
		select {
		case <-s.w.stop:
			return
		case <-cp.C:
			// PASSIVE copies what it can without waiting for the writer or
			// readers; it runs on the pool's second connection, beside the
			// writer's.
			s.write.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), maintainEvery)
			// 'merge' with a positive page budget does bounded work and only
			// when levels hold several segments.
			s.w.do(ctx, func(tx *wtx) error {
				_, err := tx.ExecContext(ctx, "INSERT INTO case_fts(case_fts, rank) VALUES ('merge', 300)")
				return err
			})
			cancel()
		}
	}
}

// Analyze refreshes the query planner's statistics, as wanted after a bulk
// load (PostgreSQL chooses between the search index and the id order by them).
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
