package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
)

// trendParams document the period of the hotspot and surge lists.
var trendParams = []Param{{"days", "integer", "the last days: 7, 30 (default) or 90 for hotspots; 1-365 for surges"}}

// days reads the period, 30 when absent.
func days(r *http.Request) (int, error) {
	q := httpx.NewQuery(r)
	n := q.Int("days", 1, 365, 30)
	return n, q.Err()
}

func (s *Server) hotspots(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	n, err := days(r)
	if err != nil {
		return err
	}
	h, err := s.svc.Hotspots(r.Context(), u, n)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, h)
	return nil
}

func (s *Server) surges(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	n, err := days(r)
	if err != nil {
		return err
	}
	out, err := s.svc.Surges(r.Context(), u, n)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, list(out))
	return nil
}

func (s *Server) surge(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "surge alert")
	if err != nil {
		return err
	}
	out, err := s.svc.SurgeCases(r.Context(), u, id)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}
