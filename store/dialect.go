package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
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
	searchIndexer
	searcher
}

type sqlite struct{}

func (sqlite) name() string           { return "sqlite" }
func (sqlite) rebind(q string) string { return q }
func (sqlite) writers() int           { return 1 } // SQLite has one writer; batching is the parallelism
func (sqlite) lockCase() string       { return "" }

type postgres struct{}

func (postgres) name() string     { return "postgres" }
func (postgres) writers() int     { return 6 }
func (postgres) lockCase() string { return " FOR UPDATE" }

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
}

func (b db) row(q string, args ...any) *sql.Row {
	return b.x.QueryRowContext(b.ctx, b.d.rebind(q), args...)
}

func (b db) rows(q string, args ...any) (*sql.Rows, error) {
	return b.x.QueryContext(b.ctx, b.d.rebind(q), args...)
}

func (b db) exec(q string, args ...any) (sql.Result, error) {
	return b.x.ExecContext(b.ctx, b.d.rebind(q), args...)
}

// insert runs an INSERT … RETURNING id and returns the new id.
func (b db) insert(q string, args ...any) (int64, error) {
	var id int64
	err := b.row(q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// searchIndexer is how each dialect indexes a case's text for search.
type searchIndexer interface {
	// insertSearchColumn returns an extra column and value for the case INSERT,
	// or "" when the dialect indexes in a separate table.
	insertSearchColumn(doc string) (string, any)
	// afterInsert indexes the case in a separate table where needed.
	afterInsert(b db, id int64, doc string) error
	// nextID reserves the id of a new case.
	nextID(b db) (int64, error)
}

func (sqlite) insertSearchColumn(string) (string, any) { return "", nil }

func (sqlite) afterInsert(b db, id int64, doc string) error {
	uni, bi := searchTokens(doc)
	_, err := b.exec("INSERT INTO case_fts(rowid, uni, bi) VALUES (?, ?, ?)", id, strings.Join(uni, " "), strings.Join(bi, " "))
	return err
}

// nextID is safe on SQLite because exactly one connection writes.
func (sqlite) nextID(b db) (int64, error) {
	var id int64
	err := b.row("SELECT COALESCE(MAX(id), 0) + 1 FROM cases").Scan(&id)
	return id, err
}

func (postgres) insertSearchColumn(doc string) (string, any) { return "grams", searchGrams(doc) }

func (postgres) afterInsert(db, int64, string) error { return nil }

func (postgres) nextID(b db) (int64, error) {
	var id int64
	err := b.row("SELECT nextval(pg_get_serial_sequence('cases', 'id'))").Scan(&id)
	return id, err
}

// searcher builds the full-text part of a case query.
type searcher interface {
	// searchFrom returns the FROM clause, its conditions and arguments, and
	// the id expression to order by, for cases matching the terms.
	searchFrom(terms []searchTerm) (from string, where []string, args []any, idCol string)
	// contains is a condition that column text contains the argument.
	contains(col string) string
}

func (sqlite) searchFrom(terms []searchTerm) (string, []string, []any, string) {
	return "case_fts f JOIN cases c ON c.id = f.rowid", []string{"case_fts MATCH ?"}, []any{ftsMatch(terms)}, "f.rowid"
}

func (sqlite) contains(col string) string { return "instr(" + col + ", ?) > 0" }

func (postgres) searchFrom(terms []searchTerm) (string, []string, []any, string) {
	return "cases c", []string{"c.grams @> ?"}, []any{pgGrams(terms)}, "c.id"
}

func (postgres) contains(col string) string { return "strpos(" + col + ", ?) > 0" }
