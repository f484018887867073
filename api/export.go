package api

import (
	"net/http"
	"net/url"
	"time"

	"minsheng"
	"minsheng/ledger"
)

// exportCases answers GET /api/v1/cases/export: the same search as
// GET /api/v1/cases, whole, as a ledger file (台账).
func (s *Server) exportCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	format, err := ledger.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		return err
	}
	f, err := caseFilter(r) // unknown parameters such as format are not its business
	if err != nil {
		return err
	}
	started := false
	err = ledger.Export(r.Context(), s.svc, u, f, format, w, func() {
		started = true
		stamp := time.Now().Format("20060102-150405") + "." + string(format)
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="ledger-`+stamp+`"; filename*=UTF-8''`+
			url.PathEscape("台账-"+stamp))
		w.WriteHeader(http.StatusOK)
	})
	if err != nil && started {
		// The status is sent; the client sees a cut file.
		s.log.Warn("ledger export cut short", "user", u.ID, "err", err)
		return nil
	}
	return err
}
