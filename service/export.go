package service

import (
	"context"

	"minsheng"
)

// MaxExport bounds the cases one ledger export holds.
const MaxExport = 100000

// ExportCases calls fn with every case the user may read that matches the
// filter, newest first, as the user sees them (names and phones masked for
// roles that do not call citizens): a search exported whole, for the ledger
// (台账). It refuses, before calling fn at all, a search of more than
// MaxExport cases. The filter's cursor and limit are ignored.
func (s *Service) ExportCases(ctx context.Context, u *minsheng.User, f minsheng.CaseFilter, fn func(CaseView) error) error {
	if err := s.searchable(u, f); err != nil {
		return err
	}
	f.Scope = scopeFilter(u)
	f.Cursor, f.Limit = "", minsheng.MaxPage
	for first := true; ; first = false {
		p, err := s.page(ctx, u, f)
		if err != nil {
			return err
		}
		if first && p.Total != nil && *p.Total > MaxExport {
			return minsheng.Invalid("limit", "the search finds %d cases; a ledger holds at most %d — narrow the search", *p.Total, MaxExport)
		}
		for _, v := range p.Items {
			if err := fn(v); err != nil {
				return err
			}
		}
		if p.NextCursor == "" || len(p.Items) == 0 {
			return nil
		}
		f.Cursor = p.NextCursor
	}
}
