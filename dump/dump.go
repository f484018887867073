// Package dump writes a whole minsheng database to one file and loads it
// into another, so that a city can move between SQLite and PostgreSQL or
// keep a backup that either can read. The file is JSON lines: a header, then
// for each table a line naming it and its columns followed by one line per
// row (a JSON array), and an end line with the row counts, so that a
// truncated copy is refused rather than loaded in part.
package dump

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"minsheng"
	"minsheng/store"
)

// Format names the file format; Version changes when it does.
const (
	Format  = "minsheng-dump"
	Version = 2 // 2: bytes (photos) in base64
)

type header struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	From    string    `json:"from"`
	At      time.Time `json:"at"`
}

type tableLine struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

type endLine struct {
	End  bool           `json:"end"`
	Rows map[string]int `json:"rows"`
}

// Progress hears how many rows of a table were copied so far.
type Progress func(table string, rows int)

// Export writes every table of the database (but sessions, which end, and
// the KPI rollup and search index, which are rebuilt) to w.
func Export(ctx context.Context, st *store.Store, w io.Writer, progress Progress) error {
	tables, err := st.DumpTables(ctx)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(header{Format: Format, Version: Version, From: st.Dialect(), At: time.Now().UTC()}); err != nil {
		return err
	}
	counts := map[string]int{}
	for _, t := range tables {
		if err := enc.Encode(tableLine{Table: t.Name, Columns: t.Columns}); err != nil {
			return err
		}
		n := 0
		err := st.DumpRows(ctx, t, func(row []any) error {
			n++
			if progress != nil && n%1000 == 0 {
				progress(t.Name, n)
			}
			return enc.Encode(row)
		})
		if err != nil {
			return fmt.Errorf("export %s: %w", t.Name, err)
		}
		counts[t.Name] = n
		if progress != nil {
			progress(t.Name, n)
		}
	}
	if err := enc.Encode(endLine{End: true, Rows: counts}); err != nil {
		return err
	}
	return bw.Flush()
}

// MaxLine bounds one line of a copy (one row).
const MaxLine = 64 << 20

// Import loads a copy into an empty database in one transaction and
// rebuilds what is derived (search index, KPI rollup). It returns the rows
// loaded per table. A copy without its end line, or whose counts disagree,
// loads nothing. Errors: EINVALID for a file that is not a copy; ECONFLICT
// for a database that is not empty.
func Import(ctx context.Context, st *store.Store, r io.Reader, progress Progress) (map[string]int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), MaxLine)
	line := 0
	next := func() ([]byte, error) {
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return nil, minsheng.Invalid("file", "line %d cannot be read: %v", line+1, err)
			}
			return nil, minsheng.Invalid("file", "the copy ends after line %d without its end line (truncated?); nothing was loaded", line)
		}
		line++
		return sc.Bytes(), nil
	}
	first, err := next()
	if err != nil {
		return nil, err
	}
	var h header
	if json.Unmarshal(first, &h) != nil || h.Format != Format {
		return nil, minsheng.Invalid("file", "not a minsheng copy (export --full writes one)")
	}
	if h.Version != Version {
		return nil, minsheng.Invalid("file", "a copy of format version %d; this minsheng reads version %d", h.Version, Version)
	}
	var counts map[string]int
	err = st.Load(ctx, func(l *store.Loader) error {
		table := ""
		for {
			b, err := next()
			if err != nil {
				return err
			}
			if len(b) > 0 && b[0] == '[' {
				if table == "" {
					return minsheng.Invalid("file", "line %d: a row before any table", line)
				}
				row, err := decodeRow(b)
				if err != nil {
					return minsheng.Invalid("file", "line %d: %v", line, err)
				}
				if err := l.Row(row); err != nil {
					return fmt.Errorf("line %d: %w", line, err)
				}
				if n := l.Counts[table]; progress != nil && n%1000 == 0 {
					progress(table, n)
				}
				continue
			}
			var t struct {
				tableLine
				endLine
			}
			if err := json.Unmarshal(b, &t); err != nil {
				return minsheng.Invalid("file", "line %d: %v", line, err)
			}
			if table != "" && progress != nil {
				progress(table, l.Counts[table])
			}
			if t.End {
				for name, n := range t.Rows {
					if l.Counts[name] != n {
						return minsheng.Invalid("file", "table %s: the copy says %d rows, it holds %d", name, n, l.Counts[name])
					}
				}
				counts = l.Counts
				return nil
			}
			table = t.Table
			if err := l.Table(t.Table, t.Columns); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

func decodeRow(b []byte) ([]any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var row []any
	if err := d.Decode(&row); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, errors.New("more than one row on the line")
	}
	return row, nil
}
