package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"minsheng"
)

const importSourceColumns = "name, channel, mapping, updated_at"

func scanImportSource(r rowScanner) (*minsheng.ImportSource, error) {
	var src minsheng.ImportSource
	var mapping string
	var at int64
	if err := r.Scan(&src.Name, &src.Channel, &mapping, &at); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(mapping), &src.Mapping); err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	src.UpdatedAt = fromMS(at)
	return &src, nil
}

// ImportSource returns a source's saved mapping. Errors: ENOTFOUND.
func (s *Store) ImportSource(ctx context.Context, name string) (*minsheng.ImportSource, error) {
	if !minsheng.StorableText(name) {
		return nil, fmt.Errorf("import source: %w", minsheng.ErrNotFound)
	}
	src, err := scanImportSource(s.rdb(ctx).row("SELECT "+importSourceColumns+" FROM import_sources WHERE name = ?", name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("import source %q: %w", name, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("import source %q: %w", name, err)
	}
	return src, nil
}

// ImportSources lists every saved source by name, for a page that offers
// them to choose from.
func (s *Store) ImportSources(ctx context.Context) ([]*minsheng.ImportSource, error) {
	rows, err := s.rdb(ctx).rows("SELECT " + importSourceColumns + " FROM import_sources ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("list import sources: %w", err)
	}
	defer rows.Close()
	var out []*minsheng.ImportSource
	for rows.Next() {
		src, err := scanImportSource(rows)
		if err != nil {
			return nil, fmt.Errorf("list import sources: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// SaveImportSource records a source's channel and mapping, replacing what
// was saved before. Errors: EINVALID.
func (s *Store) SaveImportSource(ctx context.Context, src *minsheng.ImportSource) error {
	if err := src.Validate(); err != nil {
		return err
	}
	mapping, err := json.Marshal(src.Mapping)
	if err != nil {
		return fmt.Errorf("save import source: %w", err)
	}
	src.UpdatedAt = s.now()
	return s.w.do(ctx, func(tx *wtx) error {
		_, err := s.txdb(ctx, tx).exec(`INSERT INTO import_sources (name, channel, mapping, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (name) DO UPDATE SET channel = excluded.channel, mapping = excluded.mapping, updated_at = excluded.updated_at`,
			src.Name, src.Channel, string(mapping), ms(src.UpdatedAt))
		if err != nil {
			return fmt.Errorf("save import source: %w", err)
		}
		return nil
	})
}

// ImportCases stores validated cases that carry their channel's reference
// and receipt time, all in one transaction, skipping every case whose
// channel and reference are already known (imported before, or sent by the
// channel through the API). It returns how many it created; a skipped case
// keeps ID 0. Because references are recorded in import_refs in the same
// transaction, re-running an import, or running the same file twice at
// once, never creates a case twice. Errors: EINVALID for a case without a
// reference or with bad fields.
func (s *Store) ImportCases(ctx context.Context, cases []*minsheng.Case, a minsheng.Actor) (int, error) {
	ch, err := s.prepareImport(ctx, cases, a)
	if err != nil {
		return 0, err
	}
	return s.writeImport(ctx, ch, nil)
}

// ImportChunks is ImportCases for each chunk that arrives, in order and each
// in its own transaction, until chunks is closed or a chunk fails; wrote
// hears of every chunk written (its rows, the cases created, how long the
// writer took). The next chunk is checked, and its callers' history read,
// while one is being written, so that the single writer does not wait for
// that work between chunks. The first failure ends it, and chunks after
// the failed one are not written; the caller stops sending then.
func (s *Store) ImportChunks(ctx context.Context, chunks <-chan []*minsheng.Case, a minsheng.Actor,
	wrote func(rows, created int, took time.Duration)) error {
	ctx, cancel := context.WithCancel(ctx)
	type ready struct {
		ch  *importChunk
		err error
	}
	// Unbuffered: a chunk is prepared only while the one before it is
	// written, never two ahead, so that its history misses at most that
	// chunk, which the writer has in memory.
	next := make(chan ready)
	var stopped error // why the preparer stopped early; read once next is closed
	defer func() {
		cancel()
		for range next { // the preparer has stopped when next is closed
		}
	}()
	go func() {
		defer close(next)
		for {
			var cases []*minsheng.Case
			var more bool
			select {
			case cases, more = <-chunks:
			case <-ctx.Done():
				stopped = ctx.Err()
				return
			}
			if !more {
				return
			}
			ch, err := s.prepareImport(ctx, cases, a)
			select {
			case next <- ready{ch, err}:
			case <-ctx.Done():
				stopped = ctx.Err()
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var after *importChunk
	for r := range next {
		if r.err != nil {
			return r.err
		}
		start := time.Now()
		n, err := s.writeImport(ctx, r.ch, after)
		if err != nil {
			return err
		}
		wrote(len(r.ch.rows), n, time.Since(start))
		after = r.ch
	}
	return stopped
}

// importChunk is a chunk of an import made ready outside the writer: its
// cases checked and, on SQLite, its callers' history read.
type importChunk struct {
	cases []*minsheng.Case
	rows  []bulkRow
	prior *priorHistory
}

// prepareImport does a chunk's work that needs no writer: checking, and
// reading its callers' history (SQLite).
func (s *Store) prepareImport(ctx context.Context, cases []*minsheng.Case, a minsheng.Actor) (*importChunk, error) {
	pol, err := s.Policy(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.prepareBulk(cases, a, pol)
	if err != nil {
		return nil, err
	}
	prior, err := s.priorHistory(ctx, rows)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return &importChunk{cases: cases, rows: rows, prior: prior}, nil
}

// writeImport writes a prepared chunk. after, when set, is the chunk of the
// same import written just before, whose cases the chunk's history may have
// been read too early to hold.
func (s *Store) writeImport(ctx context.Context, ch *importChunk, after *importChunk) (int, error) {
	prior := ch.prior
	if prior != nil && after != nil {
		prior = prior.following(after.rows)
	}
	created := 0
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		created = 0
		known, err := knownRefs(b, ch.cases)
		if err != nil {
			return err
		}
		fresh := make([]bulkRow, 0, len(ch.rows))
		for _, r := range ch.rows {
			r.c.ID = 0
			if known[refKey{r.c.Channel, r.c.ChannelRef}] {
				continue
			}
			known[refKey{r.c.Channel, r.c.ChannelRef}] = true // a repeat within the batch is skipped too
			fresh = append(fresh, r)
		}
		if err := s.insertBulk(b, fresh, prior); err != nil {
			if withCategory(fresh) {
				err = invalidRef(err, "category_id", "category")
			}
			return fmt.Errorf("import: %w", err)
		}
		refs := make([][]any, len(fresh))
		for i, r := range fresh {
			refs[i] = []any{r.c.Channel, r.c.ChannelRef, r.c.ID}
		}
		if err := insertMany(b, "INSERT INTO import_refs (channel, channel_ref, case_id)", refs, "", nil); err != nil {
			return fmt.Errorf("import: record references: %w", err)
		}
		created = len(fresh)
		return nil
	})
	if err != nil {
		for _, c := range ch.cases {
			c.ID = 0
		}
		return 0, err
	}
	return created, nil
}

// withCategory reports whether any of the rows names a category, so that a
// foreign-key violation can be blamed on it.
func withCategory(rows []bulkRow) bool {
	for _, r := range rows {
		if r.c.CategoryID != 0 {
			return true
		}
	}
	return false
}

// refKey is a channel's reference.
type refKey struct {
	ch  minsheng.Channel
	ref string
}

// knownRefs returns which of the cases' references are already recorded,
// by an import or by a case the channel sent itself, a few hundred per query.
func knownRefs(b db, cases []*minsheng.Case) (map[refKey]bool, error) {
	known := map[refKey]bool{}
	byChannel := map[minsheng.Channel][]any{}
	for _, c := range cases {
		byChannel[c.Channel] = append(byChannel[c.Channel], c.ChannelRef)
	}
	for ch, refs := range byChannel {
		for len(refs) > 0 {
			n := min(len(refs), 400)
			in := strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
			args := append(append([]any{ch}, refs[:n]...), ch)
			args = append(args, refs[:n]...)
			rows, err := b.x.QueryContext(b.ctx, b.d.rebind("SELECT channel_ref FROM import_refs WHERE channel = ? AND channel_ref IN ("+in+
				") UNION SELECT channel_ref FROM cases WHERE channel = ? AND channel_ref IN ("+in+") AND channel_ref <> ''"), args...)
			if err != nil {
				return nil, fmt.Errorf("import: look up references: %w", err)
			}
			for rows.Next() {
				var ref string
				if err := rows.Scan(&ref); err != nil {
					rows.Close()
					return nil, err
				}
				known[refKey{ch, ref}] = true
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			refs = refs[n:]
		}
	}
	return known, nil
}
