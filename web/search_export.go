package web

import (
	"net/http"

	"minsheng"
	"minsheng/ledger"
)

// searchExport answers the search page's 导出台账 links: the same selection
// as the page, whole, as a workbook or CSV, under the signed-in user's scope
// and masking (the API's export wants a token, which a browser lacks).
func (s *Server) searchExport(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	format, err := ledger.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		return err
	}
	p := &searchPage{CanPhone: minsheng.Permit(u.Role, minsheng.OpPersonalData) != minsheng.ScopeNone}
	f, err := searchFilter(r, p)
	if err != nil {
		return err
	}
	return ledger.Download(r.Context(), w, s.svc, u, f, format, s.log)
}
