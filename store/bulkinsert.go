package store

import (
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// The bulk insert writes a chunk of imported cases with what live intake
// writes for each (the case row with its search column on PostgreSQL, its
// intake event, the KPI rollup and the repeat-call flag; SQLite's search
// index follows by itself), but a hundred rows per statement instead of
// several statements per case: an import of a million rows would otherwise
// spend most of its time on statement overhead.

// bulkRow is one imported case made ready outside the write transaction.
type bulkRow struct {
	c      *minsheng.Case
	ev     minsheng.Event
	at     time.Time // when the case was received (its intake's now)
	sv     any       // its search column's value, where the dialect has one
	phone  string    // the normalised phone, the repeat rule's key
	repeat bool
}

// prepareBulk validates the cases and does the work of intake that needs
// no database, so that the single writer does only SQL.
func (s *Store) prepareBulk(cases []*minsheng.Case, a minsheng.Actor, pol *lifecycle.Policy) ([]bulkRow, error) {
	rows := make([]bulkRow, len(cases))
	// Checking, deadlines and (PostgreSQL) tokenizing: a large chunk is
	// split between the cores; the first error in the chunk's order is the
	// one reported.
	parts := 1
	if len(cases) >= 1000 {
		parts = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p * len(cases) / parts; i < (p+1)*len(cases)/parts; i++ {
				c := cases[i]
				if err := c.Validate(); err != nil {
					errs[p] = err
					return
				}
				if c.ChannelRef == "" {
					errs[p] = minsheng.Invalid("channel_ref", "an imported case needs its channel's reference")
					return
				}
				at, ev := s.startIntake(c, a, pol)
				rows[i] = bulkRow{c: c, ev: ev, at: at, sv: s.searchValue(c.Title, c.Content, c.Address),
					phone: minsheng.NormalizePhone(c.Citizen.Phone)}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// insertBulk inserts the rows in order in the write transaction, setting
// each case's ID and Number. The repeat rule reads the callers' earlier
// cases in the transaction, or, given prior (SQLite), only those committed
// since prior was read.
func (s *Store) insertBulk(b db, rows []bulkRow, prior *priorHistory) error {
	if len(rows) == 0 {
		return nil
	}
	var err error
	if prior != nil {
		err = prior.flags(b, rows)
	} else {
		err = repeatFlags(b, rows)
	}
	if err != nil {
		return err
	}
	cols := intakeColumns + ", repeat_call"
	col := s.d.searchColumn()
	if col != "" {
		cols += ", " + col
	}
	byCode := make(map[string]*bulkRow, len(rows))
	vals := make([][]any, len(rows))
	for i := range rows {
		r := &rows[i]
		byCode[r.c.TrackingCode] = r
		rep := 0 // an integer column in both databases
		if r.repeat {
			rep = 1
		}
		vals[i] = append(intakeArgs(r.c), rep)
		if col != "" {
			vals[i] = append(vals[i], r.sv)
		}
	}
	err = insertMany(b, "INSERT INTO cases ("+cols+")", vals, " RETURNING id, tracking_code", func(rs *sql.Rows) error {
		var id int64
		var code string
		if err := rs.Scan(&id, &code); err != nil {
			return err
		}
		r := byCode[code]
		if r == nil {
			return fmt.Errorf("insert case: unexpected tracking code %q returned", code)
		}
		r.c.ID, r.c.Number, r.ev.CaseID = id, minsheng.CaseNumber(id, r.at), id
		return nil
	})
	if err != nil {
		return fmt.Errorf("insert cases: %w", err)
	}
	for i := range rows {
		r := &rows[i]
		if r.c.ID == 0 {
			return fmt.Errorf("insert cases: no id returned for case %s", r.c.ChannelRef)
		}
		vals[i] = eventArgs(&r.ev)
		// The same increments as countIntake's.
		k := minsheng.KPICounts{Received: 1}
		if r.repeat {
			k.Repeat = 1
		}
		if err := countKPI(b, r.at, 0, r.c, k); err != nil {
			return err
		}
	}
	b.touched()
	if err := insertMany(b, "INSERT INTO events ("+eventColumns+")", vals, "", nil); err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	return nil
}

// bulkRowsPerStatement is how many rows one multi-row INSERT carries: far
// below both databases' limits on bound values (26 columns × 100).
const bulkRowsPerStatement = 100

// insertMany runs head VALUES (…), (…) with the rows, bulkRowsPerStatement
// at a time; with returning, scan reads each returned row. Statements of
// the full size are prepared once per connection; the last, shorter one is
// not, so that chunks of every size do not fill the statement cache.
func insertMany(b db, head string, rows [][]any, returning string, scan func(*sql.Rows) error) error {
	for len(rows) > 0 {
		n := min(len(rows), bulkRowsPerStatement)
		width := len(rows[0])
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
		q := head + " VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ") + returning
		args := make([]any, 0, n*width)
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		x := b
		if n < bulkRowsPerStatement {
			x = db{ctx: b.ctx, d: b.d, x: b.x} // unprepared, straight on the transaction
		}
		if scan == nil {
			if _, err := x.exec(q, args...); err != nil {
				return err
			}
		} else if err := scanEach(x, q, args, scan); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// scanEach runs the query and calls scan for every row.
func scanEach(b db, q string, args []any, scan func(*sql.Rows) error) error {
	rs, err := b.rows(q, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}
