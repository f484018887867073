package store

import (
	"errors"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"minsheng"
)

// pgFKColumn reads the column out of PostgreSQL's foreign-key detail:
// `Key (category_id)=(99) is not present in table "categories".`
var pgFKColumn = regexp.MustCompile(`^Key \(([a-z_]+)\)=`)

// foreignKeyViolation reports whether err is a write refused for naming a row
// that does not exist, and the column when the dialect says which (PostgreSQL
// does, SQLite does not).
func foreignKeyViolation(err error) (column string, ok bool) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if pe.Code != "23503" {
			return "", false
		}
		if m := pgFKColumn.FindStringSubmatch(pe.Detail); m != nil {
			return m[1], true
		}
		return "", true
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		return "", se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY ||
			(se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT && strings.Contains(se.Error(), "FOREIGN KEY"))
	}
	return "", false
}

// invalidRef turns a foreign-key violation on field into a 400 naming it.
// The explicit checks in each write catch missing records first; this is the
// backstop for a record removed or a cache gone stale between the check and
// the write. A violation PostgreSQL attributes to another column is left as
// it is: that one is our bug, not the caller's input.
func invalidRef(err error, field, what string) error {
	col, ok := foreignKeyViolation(err)
	if !ok || (col != "" && col != field) {
		return err
	}
	return minsheng.Invalid(field, "no such %s", what)
}
