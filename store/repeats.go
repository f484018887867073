package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"minsheng"
	"minsheng/textmine/dupe"
)

// The repeat rule of a bulk insert (intake's eachEarlier, applied to a
// chunk of rows as if they were inserted one by one in order) needs the
// earlier cases of every caller in the chunk, texts included. On SQLite,
// reading those rows through the writer's connection filled its page cache
// with case rows from all over the table and pushed out the index pages
// the inserts need next: a million-row import took 116–121 s with the
// lookup there and 80 s without it. So on SQLite an import reads the
// history before its transaction, on a read snapshot (priorHistory), and
// the transaction adds only the cases committed since, found by id: SQLite
// gives ids in commit order. PostgreSQL, whose ids are not in commit order
// and whose cache is shared anyway, reads it in the transaction.

// earlier is one of a caller's cases as the repeat rule compares them.
type earlier struct {
	at   int64
	text string
}

// history holds, per caller of a chunk, their earlier cases, oldest first.
type history map[string][]earlier

// repeatSpan returns the callers of the rows (each once) and the span of
// receipt times in which the rule may look for their earlier cases.
func repeatSpan(rows []bulkRow) (phones []any, lo, hi int64) {
	seen := map[string]bool{}
	for _, r := range rows {
		if r.phone == "" {
			continue
		}
		from, at := ms(r.at.Add(-minsheng.RepeatWindow)), ms(r.at)
		if len(seen) == 0 || from < lo {
			lo = from
		}
		if len(seen) == 0 || at > hi {
			hi = at
		}
		if !seen[r.phone] {
			seen[r.phone] = true
			phones = append(phones, r.phone)
		}
	}
	return phones, lo, hi
}

// read adds the rows' callers' cases received within the span, a few
// hundred callers per query.
func (h history) read(b db, rows []bulkRow) error {
	phones, lo, hi := repeatSpan(rows)
	for len(phones) > 0 {
		n := min(len(phones), 400)
		in := strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
		args := append(append([]any{}, phones[:n]...), lo, hi)
		// The unary plus keeps the planner off the index on created_at: a
		// chunk spans a month's window of every caller, where the callers'
		// own cases are few.
		err := scanCases(b, "SELECT id, phone_norm, created_at, title, content FROM cases WHERE phone_norm IN ("+in+
			") AND +created_at >= ? AND +created_at <= ? ORDER BY id", args, func(c stored) {
			h[c.phone] = append(h[c.phone], c.e)
		})
		if err != nil {
			return err
		}
		phones = phones[n:]
	}
	return nil
}

// stored is a case as the repeat rule reads it back.
type stored struct {
	id    int64
	phone string
	e     earlier
}

// scanCases runs a query selecting id, phone, receipt time, title and
// content, unprepared (its text changes from chunk to chunk), and passes
// each case to add.
func scanCases(b db, q string, args []any, add func(stored)) error {
	err := scanEach(db{ctx: b.ctx, d: b.d, x: b.x}, q, args, func(rs *sql.Rows) error {
		var c stored
		var title, content string
		if err := rs.Scan(&c.id, &c.phone, &c.e.at, &title, &content); err != nil {
			return err
		}
		c.e.text = title + content
		add(c)
		return nil
	})
	if err != nil {
		return fmt.Errorf("look up earlier cases of the callers: %w", err)
	}
	return nil
}

// mark sets each row's repeat flag: a row is a repeat when one of its
// caller's latest RepeatLookback cases received within RepeatWindow before
// it, stored or earlier in the rows, is about the same problem. Each row
// joins its caller's history for the rows after it.
func (h history) mark(rows []bulkRow) {
	for i := range rows {
		r := &rows[i]
		r.repeat = false
		if r.phone == "" {
			continue
		}
		at, from := ms(r.at), ms(r.at.Add(-minsheng.RepeatWindow))
		text := r.c.Title + r.c.Content
		prev := h[r.phone]
		for j, n := len(prev)-1, 0; j >= 0 && n < minsheng.RepeatLookback; j-- {
			if e := prev[j]; e.at >= from && e.at <= at {
				n++
				if dupe.Similarity(text, e.text) >= minsheng.RepeatSimilarity {
					r.repeat = true
					break
				}
			}
		}
		h[r.phone] = append(prev, earlier{at, text})
	}
}

// repeatFlags applies the repeat rule with the history read in the write
// transaction.
func repeatFlags(b db, rows []bulkRow) error {
	if b.d.name() == "postgres" {
		// Without fresh statistics (a table filled by this very import, or
		// autovacuum off) PostgreSQL scans the whole table for the callers
		// instead of looking each up in cases_phone; for this lookup only,
		// it is told not to.
		if _, err := b.x.ExecContext(b.ctx, "SET LOCAL enable_seqscan = off"); err != nil {
			return fmt.Errorf("look up earlier cases of the callers: %w", err)
		}
		defer b.x.ExecContext(b.ctx, "SET LOCAL enable_seqscan TO DEFAULT")
	}
	h := history{}
	if err := h.read(b, rows); err != nil {
		return err
	}
	h.mark(rows)
	return nil
}

// priorHistory is the history of a chunk's callers as of the case upto,
// read before the chunk's write transaction (SQLite).
type priorHistory struct {
	upto int64
	h    history
	// written is the chunk of the same import written just before this
	// one; the history may have been read while it was being written.
	written []bulkRow
}

// priorHistory reads the callers' history on a read snapshot; nil on
// PostgreSQL.
func (s *Store) priorHistory(ctx context.Context, rows []bulkRow) (*priorHistory, error) {
	if s.d.name() != "sqlite" {
		return nil, nil
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("look up earlier cases of the callers: %w", err)
	}
	defer tx.Rollback()
	b := db{ctx: ctx, d: s.d, x: tx}
	p := &priorHistory{h: history{}}
	if err := b.row("SELECT COALESCE(MAX(id), 0) FROM cases").Scan(&p.upto); err != nil {
		return nil, fmt.Errorf("look up earlier cases of the callers: %w", err)
	}
	if err := p.h.read(b, rows); err != nil {
		return nil, err
	}
	return p, nil
}

// following returns p for a chunk written after the given rows, which the
// transaction then takes from memory instead of reading their texts back.
func (p *priorHistory) following(written []bulkRow) *priorHistory {
	q := *p
	q.written = written
	return &q
}

// flags applies the repeat rule in the write transaction: the prior
// history, plus the cases committed since it was read: the chunk written
// just before, from memory, and the others (live intake beside the import,
// usually a handful) read by id. The prior history is left as it was, for
// a transaction that runs again.
func (p *priorHistory) flags(b db, rows []bulkRow) error {
	h := make(history, len(p.h))
	for phone, cases := range p.h {
		h[phone] = slices.Clip(cases) // appends copy, never write into p's
	}
	phones, lo, hi := repeatSpan(rows)
	callers := make(map[string]bool, len(phones))
	for _, ph := range phones {
		callers[ph.(string)] = true
	}
	var news []stored // committed since the prior history was read
	q, args := `SELECT id, phone_norm, created_at, title, content FROM cases
WHERE id > ? AND created_at >= ? AND created_at <= ?`, []any{p.upto, lo, hi}
	if first, last, ok := idRange(p.written, p.upto); ok {
		for _, r := range p.written {
			at := ms(r.c.CreatedAt) // as intakeArgs stored it
			if r.c.ID > p.upto && callers[r.phone] && at >= lo && at <= hi {
				news = append(news, stored{r.c.ID, r.phone, earlier{at, r.c.Title + r.c.Content}})
			}
		}
		q += " AND (id < ? OR id > ?)"
		args = append(args, first, last)
	}
	err := scanCases(b, q, args, func(c stored) {
		if callers[c.phone] {
			news = append(news, c)
		}
	})
	if err != nil {
		return err
	}
	// Every one is newer than the prior history; in id order, each
	// caller's cases stay oldest first.
	slices.SortFunc(news, func(x, y stored) int { return cmp.Compare(x.id, y.id) })
	for _, n := range news {
		h[n.phone] = append(h[n.phone], n.e)
	}
	h.mark(rows)
	return nil
}

// idRange returns the ids the written rows got above upto, when they form
// one unbroken range (a chunk's rows are inserted together by the single
// writer, so they do); otherwise the transaction reads them back.
func idRange(written []bulkRow, upto int64) (first, last int64, ok bool) {
	n := int64(0)
	for _, r := range written {
		if id := r.c.ID; id > upto {
			if n == 0 || id < first {
				first = id
			}
			last = max(last, id)
			n++
		}
	}
	return first, last, n > 0 && last-first+1 == n
}
