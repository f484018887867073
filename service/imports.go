package service

import (
	"context"
	"time"

	"minsheng"
)

// ImportRow is one row of another channel's exported file, read as an
// intake: its Intake carries the channel and the channel's reference, At
// when the citizen wrote (zero: now).
type ImportRow struct {
	Intake
	At time.Time
}

// CheckImport validates one imported row by the same rules as intake through
// the API (phone in canonical form, no NUL, the same lengths) and returns the
// case it would create; nothing is written. An imported row must carry its
// channel's reference, which is what makes a re-import create nothing twice.
func (s *Service) CheckImport(u *minsheng.User, r ImportRow) (*minsheng.Case, error) {
	if err := allow(u, minsheng.OpCaseImport); err != nil {
		return nil, err
	}
	if r.ChannelRef == "" {
		return nil, minsheng.Invalid("channel_ref", "an imported row needs its channel's reference")
	}
	c, err := r.Intake.newCase()
	if err != nil {
		return nil, err
	}
	if !r.At.IsZero() {
		if r.At.After(s.Now().Add(time.Hour)) {
			return nil, minsheng.Invalid("time", "%s is in the future", r.At.Format(time.DateTime))
		}
		c.CreatedAt = r.At
	}
	return c, nil
}

// ImportChunks writes the chunks of cases that CheckImport returned as they
// arrive, each in one transaction and in order, skipping cases whose
// channel reference is already known; wrote hears of each chunk written.
// It stops at the first chunk that fails, which writes nothing, so an
// import can always be run again.
func (s *Service) ImportChunks(ctx context.Context, u *minsheng.User, chunks <-chan []*minsheng.Case,
	wrote func(rows, created int, took time.Duration)) error {
	if err := allow(u, minsheng.OpCaseImport); err != nil {
		return err
	}
	return s.store.ImportChunks(ctx, chunks, minsheng.ActorOf(u), wrote)
}

// ImportSource returns a source's saved column mapping. Errors: ENOTFOUND.
func (s *Service) ImportSource(ctx context.Context, u *minsheng.User, name string) (*minsheng.ImportSource, error) {
	if err := allow(u, minsheng.OpCaseImport); err != nil {
		return nil, err
	}
	return s.store.ImportSource(ctx, name)
}

// ImportSources lists the saved sources with their mappings, so a page can
// offer them and pre-fill the columns of the next file.
func (s *Service) ImportSources(ctx context.Context, u *minsheng.User) ([]*minsheng.ImportSource, error) {
	if err := allow(u, minsheng.OpCaseImport); err != nil {
		return nil, err
	}
	return s.store.ImportSources(ctx)
}

// SaveImportSource keeps a source's mapping for its next import.
func (s *Service) SaveImportSource(ctx context.Context, u *minsheng.User, src *minsheng.ImportSource) error {
	if err := allow(u, minsheng.OpCaseImport); err != nil {
		return err
	}
	return s.store.SaveImportSource(ctx, src)
}
