package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"minsheng"
)

// Loader fills an empty database from a whole-database copy, table by
// table, inside one transaction: a copy that fails half-way leaves the
// target as empty as it was.
type Loader struct {
	s      *Store
	b      db
	tables map[string]DumpTable
	cur    *loadTable
	later  []selfRef
	loaded []string
	Counts map[string]int
}

// loadTable maps the copy's columns of one table onto the target's.
type loadTable struct {
	t      DumpTable
	pos    []int // the target column of each copied column, -1 when the target has none
	cols   []string
	kinds  []colKind
	self   map[int]bool // positions (in cols) that refer to the table itself
	id     int          // position of id, -1 without
	search [3]int       // title, content, address of cases; -1 elsewhere
	rows   [][]any
}

// selfRef is a reference to a row of the same table, set once all its rows
// are in (an organisation's parent, a case merged into a later one).
type selfRef struct {
	table, col string
	id, val    any
}

const loadBatch = 200

// Load runs fn to fill the database with a copy. The database must have no
// organisations, accounts or cases. After the commit the KPI rollup is
// rebuilt from the copied timelines. Errors: ECONFLICT for a database that
// is not empty; EINVALID for a copy that does not fit the schema.
func (s *Store) Load(ctx context.Context, fn func(l *Loader) error) error {
	for _, t := range []string{"orgs", "users", "cases"} {
		var n int
		if err := s.rdb(ctx).row("SELECT count(*) FROM " + t).Scan(&n); err != nil {
			return fmt.Errorf("load: count %s: %w", t, err)
		}
		if n > 0 {
			return fmt.Errorf("load into a database whose %s table has %d rows: %w", t, n,
				minsheng.Errorf(minsheng.ECONFLICT, "the target database is not empty; load a copy only into a new database"))
		}
	}
	tables, err := s.DumpTables(ctx)
	if err != nil {
		return err
	}
	ran := false
	err = s.w.do(ctx, func(tx *wtx) error {
		if ran { // the stream is consumed; a second run cannot replay it
			return errors.New("load: the copy cannot be read twice")
		}
		ran = true
		l := &Loader{s: s, b: s.txdb(ctx, tx), tables: map[string]DumpTable{}, Counts: map[string]int{}}
		for _, t := range tables {
			l.tables[t.Name] = t
		}
		if err := fn(l); err != nil {
			return err
		}
		return l.finish()
	})
	if err != nil {
		return err
	}
	s.invalidate()
	if s.index != nil {
		s.index.wake()
	}
	return s.RebuildKPIs(ctx)
}

// Table starts the rows of a table with the copy's columns. Columns the
// target lacks are dropped (a derived column of the other database).
func (l *Loader) Table(name string, cols []string) error {
	if err := l.flush(); err != nil {
		return err
	}
	t, ok := l.tables[name]
	if !ok {
		return minsheng.Invalid("table", "the copy has a table %q that this database's schema lacks; use a minsheng at least as new as the one that wrote it", name)
	}
	if slices.Contains(l.loaded, name) {
		return minsheng.Invalid("table", "table %q appears twice in the copy", name)
	}
	// Load made sure no org, user or case exists yet, so whatever rows the
	// table holds are the defaults its migrations seeded (the escalation
	// rules): the copy's own rows replace them.
	if _, err := l.b.exec("DELETE FROM " + name); err != nil {
		return fmt.Errorf("load table %s: clear the seeded rows: %w", name, err)
	}
	lt := &loadTable{t: t, self: map[int]bool{}, id: -1, search: [3]int{-1, -1, -1}}
	for _, c := range cols {
		i := slices.Index(t.Columns, c)
		lt.pos = append(lt.pos, i)
		if i < 0 {
			continue
		}
		p := len(lt.cols)
		lt.cols, lt.kinds = append(lt.cols, c), append(lt.kinds, t.kinds[i])
		for _, r := range t.refs {
			if r.table == name && r.col == c {
				lt.self[p] = true
			}
		}
		if c == "id" {
			lt.id = p
		}
		if name == "cases" {
			if k := slices.Index([]string{"title", "content", "address"}, c); k >= 0 {
				lt.search[k] = p
			}
		}
	}
	if name == "cases" && (lt.id < 0 || lt.search[0] < 0 || lt.search[1] < 0 || lt.search[2] < 0) {
		return minsheng.Invalid("table", "the copy's cases lack id, title, content or address")
	}
	l.cur, l.loaded = lt, append(l.loaded, name)
	return nil
}

// Row adds one row in the copy's column order; values are what a JSON
// decoder with UseNumber gives (json.Number, string, bool, nil).
func (l *Loader) Row(vals []any) error {
	lt := l.cur
	if lt == nil {
		return minsheng.Invalid("table", "a row before any table")
	}
	if len(vals) != len(lt.pos) {
		return minsheng.Invalid("row", "table %s: a row of %d values for %d columns", lt.t.Name, len(vals), len(lt.pos))
	}
	row := make([]any, 0, len(lt.cols))
	for i, v := range vals {
		if lt.pos[i] < 0 {
			continue
		}
		p := len(row)
		x, err := loadValue(v, lt.kinds[p])
		if err != nil {
			return minsheng.Invalid("row", "table %s, column %s: %v", lt.t.Name, lt.cols[p], err)
		}
		row = append(row, x)
	}
	for p := range lt.self {
		if row[p] == nil {
			continue
		}
		if lt.id < 0 {
			return minsheng.Invalid("row", "table %s refers to itself without an id", lt.t.Name)
		}
		l.later = append(l.later, selfRef{table: lt.t.Name, col: lt.cols[p], id: row[lt.id], val: row[p]})
		row[p] = nil
	}
	lt.rows = append(lt.rows, row)
	l.Counts[lt.t.Name]++
	if len(lt.rows) == loadBatch {
		return l.flush()
	}
	return nil
}

// loadValue converts a copied value to the target column's kind.
func loadValue(v any, k colKind) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		switch k {
		case kindInt:
			return x.Int64()
		case kindFloat:
			return x.Float64()
		case kindBool:
			n, err := x.Int64()
			return n != 0, err
		}
		return x.String(), nil
	case bool:
		switch k {
		case kindInt:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case kindBool:
			return x, nil
		}
		return strconv.FormatBool(x), nil
	case string:
		switch k {
		case kindText:
			return x, nil
		case kindBytes:
			b, err := base64.StdEncoding.DecodeString(x)
			if err != nil {
				return nil, fmt.Errorf("bytes not in base64: %v", err)
			}
			return b, nil
		}
		return nil, fmt.Errorf("text %q where a number is wanted", minsheng.Abbrev(x, 20))
	}
	return nil, fmt.Errorf("unexpected value %T", v)
}

// flush inserts the buffered rows of the current table in one statement,
// with the search grams of copied cases on PostgreSQL (SQLite's index
// follows the cases by itself, see searchindex.go).
func (l *Loader) flush() error {
	lt := l.cur
	if lt == nil || len(lt.rows) == 0 {
		return nil
	}
	cols := slices.Clone(lt.cols)
	grams := lt.t.Name == "cases" && l.s.d.searchColumn() != ""
	if grams {
		cols = append(cols, l.s.d.searchColumn())
	}
	marks := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	args := make([]any, 0, len(cols)*len(lt.rows))
	for _, r := range lt.rows {
		args = append(args, r...)
		if grams {
			text := func(i int) string { s, _ := r[lt.search[i]].(string); return s }
			args = append(args, l.s.searchValue(text(0), text(1), text(2)))
		}
	}
	q := "INSERT INTO " + lt.t.Name + " (" + quoteCols(cols) + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(marks+", ", len(lt.rows)), ", ")
	if _, err := l.b.x.ExecContext(l.b.ctx, l.b.d.rebind(q), args...); err != nil {
		return fmt.Errorf("load table %s: %w", lt.t.Name, err)
	}
	lt.rows = lt.rows[:0]
	return nil
}

// finish sets the references rows make to their own table and, on
// PostgreSQL, moves each id sequence past the copied ids.
func (l *Loader) finish() error {
	if err := l.flush(); err != nil {
		return err
	}
	for _, r := range l.later {
		if _, err := l.b.exec("UPDATE "+r.table+" SET "+r.col+" = ? WHERE id = ?", r.val, r.id); err != nil {
			return fmt.Errorf("load table %s: set %s: %w", r.table, r.col, err)
		}
	}
	if l.s.d.name() != "postgres" {
		return nil
	}
	for _, name := range l.loaded {
		if !slices.Contains(l.tables[name].Columns, "id") {
			continue
		}
		q := "SELECT setval(pg_get_serial_sequence('" + name + "', 'id'), GREATEST(max(id), 1), max(id) IS NOT NULL) FROM " + name
		if _, err := l.b.exec(q); err != nil {
			return fmt.Errorf("load table %s: id sequence: %w", name, err)
		}
	}
	return nil
}
