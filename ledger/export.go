package ledger

import (
	"context"
	"io"

	"minsheng"
	"minsheng/service"
)

// Export writes the cases the user may read that match the filter as a
// ledger on w: the one call every surface (the API, the web search page)
// makes. start, when not nil, runs just before the first byte is written,
// so that a caller can still answer with an error (a refused search, too
// many cases) until then.
func Export(ctx context.Context, svc *service.Service, u *minsheng.User, f minsheng.CaseFilter, format Format,
	w io.Writer, start func()) error {
	cats, err := svc.Categories(ctx, u)
	if err != nil {
		return err
	}
	names := make(map[int64]string, len(cats))
	for _, c := range cats {
		names[c.ID] = c.Name
	}
	var lw *Writer
	begin := func() error {
		if lw != nil {
			return nil
		}
		if start != nil {
			start()
		}
		lw, err = New(w, format)
		return err
	}
	err = svc.ExportCases(ctx, u, f, func(v service.CaseView) error {
		if err := begin(); err != nil {
			return err
		}
		return lw.Case(v, names[v.CategoryID])
	})
	if err != nil {
		return err
	}
	if err := begin(); err != nil { // an empty search: the headers alone
		return err
	}
	return lw.Close()
}
