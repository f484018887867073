package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"minsheng"
)

// job is one unit of work for a writer: it runs inside a transaction shared
// with the other jobs of its batch (see lane.run for what happens when one
// of them fails).
type job struct {
	ctx  context.Context
	fn   func(tx *wtx) error
	done chan error
}

// writer batches the commits of concurrent requests: while one batch commits,
// new jobs queue up and go into the next transaction together. A 201 is sent
// only after the job's batch committed, so acknowledged writes are durable.
type writer struct {
	db *sql.DB
	// committed, when set, runs after a transaction that changed cases
	// commits (see changes).
	committed func()
	// flush, when set, makes the commits so far durable (SQLite: an fsync
	// of the write-ahead log). The writer's connection then commits without
	// syncing, and a syncer acknowledges the committed jobs after a flush
	// that began after their commit: the writer goes on to the next batch
	// instead of waiting for the disk, and one flush serves several commits.
	flush  func() error
	synced *syncer
	jobs   chan *job
	wg     sync.WaitGroup
	stop   chan struct{}
	once   sync.Once
}

const maxBatch = 512

func newWriter(db *sql.DB, n int, committed func(), flush func() error) *writer {
	w := &writer{db: db, committed: committed, flush: flush, jobs: make(chan *job, 4096), stop: make(chan struct{})}
	if flush != nil {
		w.synced = newSyncer(flush)
	}
	for i := range n {
		w.wg.Add(1)
		go w.loop(i)
	}
	return w
}

// errClosed is returned for work submitted after Close.
var errClosed = errors.New("store is closed")

// do runs fn in a write transaction and returns once it is committed.
func (w *writer) do(ctx context.Context, fn func(tx *wtx) error) error {
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
	if w.synced != nil {
		w.synced.close()
	}
}

func (w *writer) loop(id int) {
	defer w.wg.Done()
	l := &lane{db: w.db, id: id, committed: w.committed, relaxed: w.flush != nil, ack: w.ack}
	defer l.reset()
	batch := make([]*job, 0, maxBatch)
	for {
		select {
		case j := <-w.jobs:
			batch = append(batch[:0], j)
		case <-w.stop:
			w.drain(l)
			return
		}
		batch = w.fill(batch)
		l.run(batch)
	}
}

// linger is how long a writer waits for more jobs when the batch is small
// but others are evidently in flight (the last batch was not a lone job):
// one more commit's worth of requests then shares the fsync and the
// full-text index flush, which cost per commit, not per case.
const linger = 300 * time.Microsecond

// fill adds the jobs already queued to the batch, waiting up to linger for
// more while the batch is small and the queue was not idle.
func (w *writer) fill(batch []*job) []*job {
	deadline := time.Time{}
	for len(batch) < maxBatch {
		select {
		case j := <-w.jobs:
			batch = append(batch, j)
			continue
		default:
		}
		if len(batch) == 1 || len(batch) >= 32 {
			return batch // idle or already well amortised: commit now
		}
		if deadline.IsZero() {
			deadline = time.Now().Add(linger)
		}
		wait := time.Until(deadline)
		if wait <= 0 {
			return batch
		}
		t := time.NewTimer(wait)
		select {
		case j := <-w.jobs:
			batch = append(batch, j)
		case <-t.C:
		}
		t.Stop()
	}
	return batch
}

// drain finishes the jobs already queued when the store closes.
func (w *writer) drain(l *lane) {
	for {
		select {
		case j := <-w.jobs:
			l.run([]*job{j})
		default:
			return
		}
	}
}

// ack answers committed jobs: at once, or once the syncer made them durable.
func (w *writer) ack(jobs []*job) {
	if w.synced != nil {
		w.synced.add(jobs)
		return
	}
	for _, j := range jobs {
		j.done <- nil
	}
}

// run commits a batch. Jobs share one transaction without savepoints (in
// SQLite a savepoint makes FTS5 flush its index each time, which costs more
// than the rest of the insert). If any job fails, or the commit does, the
// batch is rolled back and each job runs again in its own transaction, so one
// bad neighbour cannot fail or pollute the others.
func (l *lane) run(batch []*job) {
	if len(batch) > 1 {
		if err := l.runTx(batch); err == nil {
			l.ack(batch)
			return
		}
	}
	for _, j := range batch {
		if err := l.runTx([]*job{j}); err != nil {
			j.done <- err
		} else {
			l.ack([]*job{j})
		}
	}
}

// runTx runs jobs in one transaction and commits only if all succeed. With a
// single job the job's own error is returned.
func (l *lane) runTx(jobs []*job) error {
	if err := l.connect(); err != nil {
		return err
	}
	sqltx, err := l.conn.BeginTx(context.Background(), nil)
	if err != nil {
		l.reset()
		return fmt.Errorf("begin write: %w", err)
	}
	tx := &wtx{Tx: sqltx, lane: l}
	for _, j := range jobs {
		if err := j.ctx.Err(); err != nil {
			sqltx.Rollback()
			return err
		}
		if err := safeRun(j.fn, tx); err != nil {
			sqltx.Rollback()
			return err
		}
	}
	for _, fn := range tx.last {
		if err := fn(); err != nil {
			sqltx.Rollback()
			return err
		}
	}
	if err := sqltx.Commit(); err != nil {
		l.reset()
		return fmt.Errorf("commit: %w", err)
	}
	if tx.touched && l.committed != nil {
		l.committed()
	}
	return nil
}

// safeRun turns a panic in a job into an internal error instead of killing the
// writer and every request waiting on it.
func safeRun(fn func(*wtx) error, tx *wtx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write job panicked: %v", r)
		}
	}()
	return fn(tx)
}

// lane is one writer goroutine's own connection, with the statements it has
// prepared on it; a broken connection is dropped and opened again.
type lane struct {
	id        int // which of the writer's lanes, for rows each lane keeps apart (kpiKey.shard)
	db        *sql.DB
	committed func()
	relaxed   bool              // commit without syncing: the writer's syncer does it (writer.flush)
	ack       func(jobs []*job) // answers committed jobs (writer.ack)
	conn      *sql.Conn
	stmts     map[string]*sql.Stmt
}

func (l *lane) connect() error {
	if l.conn != nil {
		return nil
	}
	c, err := l.db.Conn(context.Background())
	if err != nil {
		return fmt.Errorf("writer connection: %w", err)
	}
	if l.relaxed {
		// SQLite in WAL mode: a commit only writes the log; the syncer's
		// fsync makes it durable before anyone hears of it. Checkpoints
		// still sync the log before and the database after.
		if _, err := c.ExecContext(context.Background(), "PRAGMA synchronous = NORMAL"); err != nil {
			c.Close()
			return fmt.Errorf("writer connection: %w", err)
		}
	}
	l.conn, l.stmts = c, map[string]*sql.Stmt{}
	return nil
}

func (l *lane) reset() {
	if l.conn == nil {
		return
	}
	for _, st := range l.stmts {
		st.Close()
	}
	l.conn.Close()
	l.conn, l.stmts = nil, nil
}

// wtx is the write transaction a batch of jobs shares. Work registered with
// atEnd runs after every job, just before the commit.
type wtx struct {
	*sql.Tx
	lane  *lane
	last  []func() error
	bound map[string]*sql.Stmt // the lane's statements bound to this transaction
	// touched says a job appended a case event (db.touched).
	touched bool
	kpi     map[kpiKey]*minsheng.KPICounts // KPI increments of the batch (countKPI)
}

// atEnd defers fn to the end of the batch.
func (t *wtx) atEnd(fn func() error) { t.last = append(t.last, fn) }

// stmt returns q prepared and bound to t: parsing an INSERT of thirty
// columns costs as much as running it, so it is done once per connection.
// (The statement is prepared on the pool, not on the lane's Conn: database/sql
// reuses a pool statement inside a transaction on any connection that has
// prepared it before, but re-prepares a Conn's statement every time.)
func (t *wtx) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := t.bound[q]; ok {
		return st, nil // bound to this transaction by an earlier job of the batch
	}
	st, ok := t.lane.stmts[q]
	if !ok {
		if len(t.lane.stmts) >= 500 {
			return t.PrepareContext(ctx, q) // closed with the transaction
		}
		var err error
		if st, err = t.lane.db.PrepareContext(ctx, q); err != nil {
			return nil, err
		}
		t.lane.stmts[q] = st
	}
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	t.bound[q] = t.StmtContext(ctx, st)
	return t.bound[q], nil
}
