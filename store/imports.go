package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"minsheng"
)

// ImportSource returns a source's saved mapping. Errors: ENOTFOUND.
func (s *Store) ImportSource(ctx context.Context, name string) (*minsheng.ImportSource, error) {
	if !minsheng.StorableText(name) {
		return nil, fmt.Errorf("import source: %w", minsheng.ErrNotFound)
	}
	var src minsheng.ImportSource
	var mapping string
	var at int64
	err := s.rdb(ctx).row("SELECT name, channel, mapping, updated_at FROM import_sources WHERE name = ?", name).
		Scan(&src.Name, &src.Channel, &mapping, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("import source %q: %w", name, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("import source %q: %w", name, err)
	}
	if err := json.Unmarshal([]byte(mapping), &src.Mapping); err != nil {
		return nil, fmt.Errorf("import source %q: mapping: %w", name, err)
	}
	src.UpdatedAt = fromMS(at)
	return &src, nil
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
	search := make([]any, len(cases))
	for i, c := range cases {
		if err := c.Validate(); err != nil {
			return 0, err
		}
		if c.ChannelRef == "" {
			return 0, minsheng.Invalid("channel_ref", "an imported case needs its channel's reference")
		}
		search[i] = s.d.searchValue(searchDoc(c.Title, c.Content, c.Address))
	}
	created := 0
	err = s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		created = 0
		for i, c := range cases {
			c.ID = 0
			var known int
			err := b.row(`SELECT count(*) FROM import_refs WHERE channel = ? AND channel_ref = ?`, c.Channel, c.ChannelRef).Scan(&known)
			if err == nil && known == 0 {
				err = b.row(`SELECT count(*) FROM cases WHERE channel = ? AND channel_ref = ? AND channel_ref <> ''`,
					c.Channel, c.ChannelRef).Scan(&known)
			}
			if err != nil {
				return fmt.Errorf("import: look up %s %q: %w", c.Channel, c.ChannelRef, err)
			}
			if known > 0 {
				continue
			}
			if err := s.insertCase(b, c, a, "", "", pol, search[i], nil); err != nil {
				if c.CategoryID != 0 {
					err = invalidRef(err, "category_id", "category")
				}
				return fmt.Errorf("import case %s: %w", c.ChannelRef, err)
			}
			if _, err := b.exec("INSERT INTO import_refs (channel, channel_ref, case_id) VALUES (?, ?, ?)",
				c.Channel, c.ChannelRef, c.ID); err != nil {
				return fmt.Errorf("import: record %s %q: %w", c.Channel, c.ChannelRef, err)
			}
			created++
		}
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
