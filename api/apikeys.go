package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

func (s *Server) listAPIKeys(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.APIKeys(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) createAPIKey(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.NewAPIKey
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	k, err := s.svc.CreateAPIKey(r.Context(), u, in)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store") // the key is shown once
	return reply(w, true, k)
}

func (s *Server) revokeAPIKey(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "API key")
	if err != nil {
		return err
	}
	k, err := s.svc.RevokeAPIKey(r.Context(), u, id)
	if err != nil {
		return err
	}
	return reply(w, false, k)
}
