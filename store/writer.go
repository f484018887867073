package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"minsheng"
)

// job is one unit of work for a writer: it runs inside a transaction shared
// with other jobs of the same batch, isolated by a savepoint.
type job struct {
	ctx  context.Context
	fn   func(tx *sql.Tx) error
	done chan error
}

// writer batches the commits of concurrent requests: while one batch commits,
// new jobs queue up and go into the next transaction together. A 201 is sent
// only after the job's batch committed, so acknowledged writes are durable.
type writer struct {
	db   *sql.DB
	jobs chan *job
	wg   sync.WaitGroup
	stop chan struct{}
	once sync.Once
}

const maxBatch = 512

func newWriter(db *sql.DB, n int) *writer {
	w := &writer{db: db, jobs: make(chan *job, 4096), stop: make(chan struct{})}
	for range n {
		w.wg.Add(1)
		go w.loop()
	}
	return w
}

// errClosed is returned for work submitted after Close.
var errClosed = errors.New("store is closed")

// do runs fn in a write transaction and returns once it is committed.
func (w *writer) do(ctx context.Context, fn func(tx *sql.Tx) error) error {
	j := &job{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case <-w.stop:
		return errClosed
	default:
	}
	select {
	case w.jobs <- j:
	case <-ctx.Done():
		return ctx.Err()
	case <-w.stop:
		return errClosed
	}
	// Wait for the commit even if the client gives up: the outcome is decided
	// by the batch, and the caller must not report a failure that committed.
	return <-j.done
}

func (w *writer) close() {
	w.once.Do(func() { close(w.stop) })
	w.wg.Wait()
}

func (w *writer) loop() {
	defer w.wg.Done()
	batch := make([]*job, 0, maxBatch)
	for {
		select {
		case j := <-w.jobs:
			batch = append(batch[:0], j)
		case <-w.stop:
			w.drain()
			return
		}
	fill:
		for len(batch) < maxBatch {
			select {
			case j := <-w.jobs:
				batch = append(batch, j)
			default:
				break fill
			}
		}
		w.run(batch)
	}
}

// drain finishes the jobs already queued when the store closes.
func (w *writer) drain() {
	for {
		select {
		case j := <-w.jobs:
			w.run([]*job{j})
		default:
			return
		}
	}
}

// run commits a batch. If the batch as a whole fails (a commit error, a
// deadlock with another node), each job is retried in its own transaction so
// that one bad neighbour cannot fail the others.
func (w *writer) run(batch []*job) {
	results, err := w.runBatch(batch)
	if err == nil {
		for i, j := range batch {
			j.done <- results[i]
		}
		return
	}
	if len(batch) == 1 {
		batch[0].done <- err
		return
	}
	for _, j := range batch {
		res, err := w.runBatch([]*job{j})
		if err == nil {
			err = res[0]
		}
		j.done <- err
	}
}

func (w *writer) runBatch(batch []*job) ([]error, error) {
	tx, err := w.db.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, fmt.Errorf("begin write: %w", err)
	}
	results := make([]error, len(batch))
	single := len(batch) == 1
	for i, j := range batch {
		if j.ctx.Err() != nil {
			results[i] = j.ctx.Err()
			continue
		}
		if single {
			results[i] = safeRun(j.fn, tx)
			continue
		}
		if _, err := tx.Exec("SAVEPOINT job"); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("savepoint: %w", err)
		}
		results[i] = safeRun(j.fn, tx)
		if results[i] != nil {
			if _, err := tx.Exec("ROLLBACK TO SAVEPOINT job"); err != nil {
				tx.Rollback()
				return nil, fmt.Errorf("rollback to savepoint: %w", err)
			}
		}
		if _, err := tx.Exec("RELEASE SAVEPOINT job"); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("release savepoint: %w", err)
		}
	}
	if single && results[0] != nil {
		tx.Rollback()
		return results, nil
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return results, nil
}

// safeRun turns a panic in a job into an internal error instead of killing the
// writer and every request waiting on it.
func safeRun(fn func(*sql.Tx) error, tx *sql.Tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write job panicked: %v", r)
		}
	}()
	return fn(tx)
}

// isDomain reports whether err is a domain error (a refusal, not a fault).
func isDomain(err error) bool {
	var e *minsheng.Error
	return errors.As(err, &e)
}
