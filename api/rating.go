package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// rateCase takes the citizen's rating of their closed case (issue 8); no
// account, the tracking code in the path is the key.
func (s *Server) rateCase(w http.ResponseWriter, r *http.Request, _ *minsheng.User) error {
	var in service.Rating
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	out, err := s.svc.RateCase(r.Context(), clientIP(r), r.PathValue("code"), in)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}
