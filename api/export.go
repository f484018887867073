package api

import (
	"net/http"

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
	return ledger.Download(r.Context(), w, s.svc, u, f, format, s.log)
}
