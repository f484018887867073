package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DumpTable is one table of a whole-database copy (export --full): its name,
// its columns, and which of them hold booleans, so that a copy reads the
// same whichever database wrote it.
type DumpTable struct {
	Name    string
	Columns []string
	kinds   []colKind
	refs    []fkRef
}

type colKind int

const (
	kindText colKind = iota
	kindInt
	kindFloat
	kindBool
	kindBytes // photos: base64 in the copy, since JSON text cannot hold any byte
)

// fkRef is a column that refers to another table.
type fkRef struct{ col, table string }

// notCopied are the tables a copy leaves out: the migration record and the
// auth epoch (the target has its own), sessions (everyone signs in again),
// and what is derived and rebuilt on load (the KPI rollup, SQLite's search
// index and its position). derivedColumns are rebuilt too (PostgreSQL's search grams).
var (
	notCopied      = []string{"goose_db_version", "sessions", "auth_epoch", "kpi_daily", "search_state"}
	derivedColumns = map[string][]string{"cases": {"grams"}}
)

// DumpTables lists the tables a whole-database copy carries, each after the
// tables it refers to.
func (s *Store) DumpTables(ctx context.Context) ([]DumpTable, error) {
	names, err := s.tableNames(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]*DumpTable{}
	for _, n := range names {
		t := &DumpTable{Name: n}
		if err := s.describe(ctx, t); err != nil {
			return nil, fmt.Errorf("describe table %s: %w", n, err)
		}
		byName[n] = t
	}
	// Parents first; a table's references to itself are set after its rows.
	var out []DumpTable
	done := map[string]bool{}
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			t := byName[n]
			if done[n] {
				continue
			}
			ready := true
			for _, r := range t.refs {
				if r.table != n && !done[r.table] && byName[r.table] != nil {
					ready = false
				}
			}
			if ready {
				out, done[n], progress = append(out, *t), true, true
			}
		}
		if !progress {
			return nil, fmt.Errorf("tables refer to each other in a cycle; cannot order a copy")
		}
	}
	return out, nil
}

func (s *Store) tableNames(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_fts%'`
	if s.d.name() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := s.read.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if !slices.Contains(notCopied, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, rows.Err()
}

// describe reads a table's columns and foreign keys from the catalog.
func (s *Store) describe(ctx context.Context, t *DumpTable) error {
	colQ, fkQ := "SELECT name, type FROM pragma_table_info(?) ORDER BY cid", `SELECT "from", "table" FROM pragma_foreign_key_list(?)`
	if s.d.name() == "postgres" {
		colQ = `SELECT column_name, data_type FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`
		fkQ = `SELECT kcu.column_name, ccu.table_name FROM information_schema.table_constraints tc
JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = $1`
	}
	rows, err := s.read.QueryContext(ctx, colQ, t.Name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			rows.Close()
			return err
		}
		if slices.Contains(derivedColumns[t.Name], name) {
			continue
		}
		t.Columns, t.kinds = append(t.Columns, name), append(t.kinds, kindOf(typ))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.read.QueryContext(ctx, fkQ, t.Name)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r fkRef
		if err := rows.Scan(&r.col, &r.table); err != nil {
			return err
		}
		t.refs = append(t.refs, r)
	}
	return rows.Err()
}

// kindOf reads a declared (SQLite) or data (PostgreSQL) type.
func kindOf(typ string) colKind {
	t := strings.ToUpper(typ)
	switch {
	case strings.Contains(t, "BLOB"), strings.Contains(t, "BYTEA"):
		return kindBytes
	case strings.Contains(t, "BOOL"):
		return kindBool
	case strings.Contains(t, "INT"):
		return kindInt
	case strings.Contains(t, "REAL"), strings.Contains(t, "FLOA"), strings.Contains(t, "DOUB"), strings.Contains(t, "NUMERIC"):
		return kindFloat
	}
	return kindText
}

// DumpRows calls fn with each row of the table in key order, as values a
// JSON encoder writes the same from either database: int64, float64, bool,
// string (base64 for bytes) or nil.
func (s *Store) DumpRows(ctx context.Context, t DumpTable, fn func(row []any) error) error {
	order := "1"
	if t.Columns[0] != "id" {
		order = ""
		for i := range t.Columns {
			order += fmt.Sprintf(", %d", i+1)
		}
		order = order[2:]
	}
	q := "SELECT " + quoteCols(t.Columns) + " FROM " + t.Name + " ORDER BY " + order
	rows, err := s.read.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("read table %s: %w", t.Name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.Columns))
	ptrs := make([]any, len(t.Columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read table %s: %w", t.Name, err)
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = plainValue(v, t.kinds[i])
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

func quoteCols(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}

// plainValue turns a driver's value into one of the copy's plain values.
func plainValue(v any, k colKind) any {
	switch x := v.(type) {
	case nil:
		return nil
	case []byte:
		if k == kindBytes {
			return base64.StdEncoding.EncodeToString(x)
		}
		return string(x)
	case int32:
		v = int64(x)
	case int16:
		v = int64(x)
	case float32:
		v = float64(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	if k == kindBool {
		if n, ok := v.(int64); ok {
			return n != 0
		}
	}
	return v
}
