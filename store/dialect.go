package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"

	"minsheng"
)

// dialect holds what differs between SQLite and PostgreSQL; everything else is
// the same SQL, written with ? placeholders.
type dialect interface {
	name() string
	// rebind turns ? placeholders into the dialect's own.
	rebind(q string) string
	// writers is how many batching writers run at once.
	writers() int
	// lockCase is the suffix that locks a case row read for update.
	lockCase() string
	// intakeInOneStatement says whether a case and its intake event can be
	// inserted by one statement (a data-modifying WITH), saving a round trip.
	intakeInOneStatement() bool
	// lastInsertID says whether the driver reports the new row's id after a
	// plain INSERT, which is cheaper than RETURNING (SQLite buffers the
	// returned rows of a statement before it hands back the first).
	lastInsertID() bool
	// skipLocked is the suffix with which a claim passes over rows another
	// node is claiming at the same moment (the outbox); SQLite has one writer.
	skipLocked() string
	// notify is the statement that tells other nodes, at commit, that cases
	// changed, and its channel argument; "" where one node is all there is.
	notify() (q, channel string)
	searchStorage
	searcher
}

type sqlite struct{}

func (sqlite) name() string               { return "sqlite" }
func (sqlite) rebind(q string) string     { return q }
func (sqlite) writers() int               { return 1 } // SQLite has one writer; batching is the parallelism
func (sqlite) lockCase() string           { return "" }
func (sqlite) intakeInOneStatement() bool { return false }
func (sqlite) lastInsertID() bool         { return true }
func (sqlite) skipLocked() string         { return "" }
func (sqlite) notify() (string, string)   { return "", "" }

// postgres carries the channel its nodes notify each other on: one per
// schema, so that databases sharing a server do not wake each other.
type postgres struct{ channel string }

func (postgres) name() string               { return "postgres" }
func (postgres) writers() int               { return 6 }
func (postgres) lockCase() string           { return " FOR UPDATE" }
func (postgres) intakeInOneStatement() bool { return true }
func (postgres) lastInsertID() bool         { return false }
func (postgres) skipLocked() string         { return " FOR UPDATE SKIP LOCKED" }
func (p postgres) notify() (string, string) { return "SELECT pg_notify($1, '')", p.channel }

func (postgres) rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// sqlx is what both *sql.DB and *sql.Tx offer, so helpers work inside and
// outside a write transaction.
type sqlx interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// db binds a connection or transaction to its dialect and context, so that
// queries are written once with ? placeholders.
type db struct {
	ctx context.Context
	d   dialect
	x   sqlx
	t   *wtx       // set inside a writer transaction
	rc  *readStmts // set on the read pool
}

// txdb runs a job's statements in the batch's transaction. They run without
// the request's cancellation: the batch is shared with other requests, and a
// client that hangs up must not interrupt a statement and roll them all back.
func (s *Store) txdb(ctx context.Context, t *wtx) db {
	return db{ctx: context.WithoutCancel(ctx), d: s.d, x: t.Tx, t: t}
}

// on returns what to run q on: inside a writer transaction, the cached
// prepared statement bound to it.
func (b db) on(q string) (sqlx, string) {
	q = b.d.rebind(q)
	if b.rc != nil {
		if st := b.rc.get(b.ctx, q); st != nil {
			return stmtx{st}, ""
		}
		return b.x, q
	}
	if b.t == nil {
		return b.x, q
	}
	st, err := b.t.stmt(b.ctx, q)
	if err != nil {
		return b.x, q // the error shows again, with context, when the query runs
	}
	return stmtx{st}, ""
}

func (b db) row(q string, args ...any) *sql.Row {
	x, q := b.on(q)
	return x.QueryRowContext(b.ctx, q, args...)
}

func (b db) rows(q string, args ...any) (*sql.Rows, error) {
	x, q := b.on(q)
	return x.QueryContext(b.ctx, q, args...)
}

func (b db) exec(q string, args ...any) (sql.Result, error) {
	x, q := b.on(q)
	return x.ExecContext(b.ctx, q, args...)
}

// stmtx adapts a prepared statement to sqlx; the query text is already bound.
type stmtx struct{ st *sql.Stmt }

func (s stmtx) QueryRowContext(ctx context.Context, _ string, args ...any) *sql.Row {
	return s.st.QueryRowContext(ctx, args...)
}

func (s stmtx) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return s.st.QueryContext(ctx, args...)
}

func (s stmtx) ExecContext(ctx context.Context, _ string, args ...any) (sql.Result, error) {
	return s.st.ExecContext(ctx, args...)
}

// insert runs an INSERT and returns the new id. Not for an INSERT that may
// skip its row (ON CONFLICT DO NOTHING): SQLite would report an older id.
func (b db) insert(q string, args ...any) (int64, error) {
	if b.d.lastInsertID() {
		res, err := b.exec(q, args...)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	var id int64
	err := b.row(q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// searchStorage is how each dialect keeps a case's text searchable.
type searchStorage interface {
	// searchColumn is the case column that holds the case's grams, written
	// with the case (PostgreSQL); "" when the index follows intake instead
	// (SQLite, see searchindex.go).
	searchColumn() string
}

func (sqlite) searchColumn() string { return "" }

func (postgres) searchColumn() string { return "grams" }

// searchValue is what insertCase writes to the search column, computed
// before the write transaction so that the single writer does only SQL.
func (s *Store) searchValue(title, content, address string) any {
	if s.d.searchColumn() == "" {
		return nil
	}
	return searchGrams(searchDoc(title, content, address))
}

// searchArm is one source of a search's cases: the conditions that find
// them and the id expression to order and page them by.
type searchArm struct {
	from  string
	where []string
	args  []any
	idCol string
}

// searcher builds the full-text part of a case query.
type searcher interface {
	// searchArms returns where the cases matching the terms come from,
	// newest ids first: the arms never overlap, and every id of an arm is
	// above every id of the arms after it. upto is a position of the
	// search index (searchUpto).
	searchArms(terms []searchTerm, upto int64) []searchArm
	// contains is a condition that column text contains the argument.
	contains(col string) string
}

// searchArms: the index holds every case up to upto; the few above it, not
// yet indexed, are read directly and checked by the substring conditions
// every search carries.
func (sqlite) searchArms(terms []searchTerm, upto int64) []searchArm {
	return []searchArm{
		{from: "cases c", where: []string{"c.id > ?"}, args: []any{upto}, idCol: "c.id"},
		{from: "case_fts f JOIN cases c ON c.id = f.rowid", where: []string{"case_fts MATCH ? AND f.rowid <= ?"},
			args: []any{ftsMatch(terms), upto}, idCol: "f.rowid"},
	}
}

func (sqlite) contains(col string) string { return "instr(" + col + ", ?) > 0" }

func (postgres) searchArms(terms []searchTerm, _ int64) []searchArm {
	return []searchArm{{from: "cases c", where: []string{"c.grams @> ?"}, args: []any{queryGrams(terms)}, idCol: "c.id"}}
}

func (postgres) contains(col string) string { return "strpos(" + col + ", ?) > 0" }

// rdb binds the read pool.
func (s *Store) rdb(ctx context.Context) db { return db{ctx: ctx, d: s.d, x: s.read, rc: s.rstmts} }

// readStmts keeps the read pool's statements prepared (database/sql prepares
// each on a connection the first time it runs there).
type readStmts struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// get returns q prepared, or nil when it cannot or should not be cached
// (too many distinct queries); the caller then runs q directly.
func (c *readStmts) get(ctx context.Context, q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[q]; ok {
		return st
	}
	if len(c.m) >= 500 {
		return nil
	}
	st, err := c.db.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	c.m[q] = st
	return st
}

// updateOne runs an UPDATE that must hit exactly one row; none is ENOTFOUND.
func (b db) updateOne(q string, args ...any) error {
	res, err := b.exec(q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return minsheng.ErrNotFound
	}
	return nil
}
