package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

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
	pol, err := s.Policy(ctx)
	if err != nil {
		return 0, err
	}
	prepared, err := s.prepareBulk(cases, a, pol)
	if err != nil {
		return 0, err
	}
	prior, err := s.priorHistory(ctx, prepared)
	if err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	created := 0
	err = s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		created = 0
		known, err := knownRefs(b, cases)
		if err != nil {
			return err
		}
		fresh := make([]bulkRow, 0, len(prepared))
		for _, r := range prepared {
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
		for _, c := range cases {
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
