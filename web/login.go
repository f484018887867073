package web

import (
	"net/http"
	"strings"

	"minsheng"
)

// loginPage is the staff sign-in form.
type loginPage struct {
	Base
	Username string
	Next     string
	Problem  string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.Authenticate(r.Context(), sessionToken(r)); err == nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", &loginPage{Base: s.base(w, r, "login.title"), Next: r.URL.Query().Get("next")})
}

// loginSubmit signs in and always issues a new session token, so a token
// planted before sign-in is worthless after it.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	r.ParseForm()
	user, next := strings.TrimSpace(r.PostFormValue("username")), r.PostFormValue("next")
	again := func(status int, key string) {
		setSession(w, r, "", -1)
		r.Header.Del("Cookie") // the old session must not derive the new form's token
		p := &loginPage{Base: s.base(w, r, "login.title"), Username: user, Next: next}
		p.Problem = p.T(key)
		s.render(w, r, status, "login", p)
	}
	if !anonCSRFOK(r) {
		again(http.StatusForbidden, "form.stale")
		return
	}
	sess, err := s.svc.Login(r.Context(), clientIP(r), user, r.PostFormValue("password"))
	switch minsheng.ErrorCode(err) {
	case "":
	case minsheng.EINVALID:
		again(http.StatusUnprocessableEntity, "login.missing")
		return
	case minsheng.EUNAUTHORIZED:
		again(http.StatusUnauthorized, "login.wrong")
		return
	case minsheng.ERATELIMIT:
		again(http.StatusTooManyRequests, "login.throttled")
		return
	default:
		s.fail(w, r, err)
		return
	}
	setSession(w, r, sess.Token, int(sess.ExpiresAt.Sub(s.svc.Now()).Seconds()))
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	if err := s.svc.Logout(r.Context(), u, sessionToken(r)); err != nil {
		return err
	}
	setSession(w, r, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
