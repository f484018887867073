package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, _ *minsheng.User) error {
	var req loginRequest
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.svc.Login(r.Context(), clientIP(r), req.Username, req.Password)
	if err != nil {
		return err
	}
	httpx.SetUser(r.Context(), sess.User.ID)
	httpx.JSON(w, http.StatusOK, sess)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	if err := s.svc.Logout(r.Context(), u, bearer(r)); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "logged out"})
	return nil
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Me(r.Context(), u)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, v)
	return nil
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var req passwordRequest
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	if err := s.svc.ChangePassword(r.Context(), u, bearer(r), req.CurrentPassword, req.NewPassword); err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "password changed; other sessions ended"})
	return nil
}
