package web

import (
	"net/http"
	"slices"

	"minsheng"
)

// arbitrateCats lists the categories for the arbitrate form, which may
// recategorise the case and change the responsibility list; without that
// form on the page it lists none.
func (s *Server) arbitrateCats(r *http.Request, u *minsheng.User, acts []actionForm) ([]catRow, error) {
	if !slices.ContainsFunc(acts, func(a actionForm) bool { return a.Action == "arbitrate" }) {
		return nil, nil
	}
	cats, err := s.svc.Categories(r.Context(), u)
	if err != nil {
		return nil, err
	}
	return catTree(cats), nil
}
