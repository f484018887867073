package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
)

// board answers the supervision board, the same use case as the page.
func (s *Server) board(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	secs, err := s.svc.Board(r.Context(), u)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, list(secs))
	return nil
}
