package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/httpx"
)

// The cookies. The session cookie holds the same token the API takes as a
// bearer token, so one sign-in model serves both surfaces.
const (
	sessionCookie = "ms_session"
	csrfCookie    = "ms_csrf"
	csrfField     = "csrf"
)

// staffHandler is a workbench page: it gets the signed-in user and returns
// an error to render, or nil once it has answered.
type staffHandler func(w http.ResponseWriter, r *http.Request, u *minsheng.User) error

// staff signs the request in from its cookie (or sends the browser to
// /login), checks the CSRF token of a POST, and renders the handler's error.
func (s *Server) staff(h staffHandler) http.HandlerFunc { return s.staffLimit(h, 256<<10) }

// staffLimit is staff with its own bound on a POST's body, for a form that
// uploads a photo.
func (s *Server) staffLimit(h staffHandler, limit int64) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, err := s.svc.Authenticate(r.Context(), sessionToken(r))
		if err != nil {
			if minsheng.ErrorCode(err) == minsheng.EUNAUTHORIZED && r.Method == http.MethodGet {
				login := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
				if r.Header.Get("HX-Request") == "true" {
					// A refresh or fragment after the session ended: send the
					// whole page to sign-in rather than swap the form in.
					w.Header().Set("HX-Redirect", login)
					w.WriteHeader(http.StatusOK)
					return
				}
				http.Redirect(w, r, login, http.StatusSeeOther)
				return
			}
			s.fail(w, r, err)
			return
		}
		httpx.SetUser(r.Context(), u.ID)
		if r.Method == http.MethodPost {
			if r.ContentLength > limit {
				// Said before the body is read: a cut body would lose the
				// CSRF field too and show as a stale form.
				s.errorPage(w, r, http.StatusRequestEntityTooLarge, httpx.ErrorDetail{Code: minsheng.ETOOLARGE,
					Message: translate(pickLang(w, r), "form.too_large", sizeText(limit))}, u)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		if r.Method == http.MethodPost && !csrfOK(r) {
			s.errorPage(w, r, http.StatusForbidden, httpx.ErrorDetail{Code: "stale_form", // shown as written
				Message: translate(pickLang(w, r), "form.stale")}, u)
			return
		}
		if err := h(w, r, u); err != nil {
			s.failFor(w, r, u, err)
		}
	}
}

func sessionToken(r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// setSession stores a new session token; HttpOnly keeps it from scripts,
// SameSite=Lax keeps it off other sites' form posts.
func setSession(w http.ResponseWriter, r *http.Request, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

// csrfToken is the hidden field every form carries. Signed in, it is derived
// from the session token, which another site can neither read nor set, so
// it changes with every sign-in. Before sign-in (portal, login) it is a
// random value also kept in a cookie (double submit).
func csrfToken(w http.ResponseWriter, r *http.Request) string {
	if t := sessionToken(r); t != "" {
		return sessionCSRF(t)
	}
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 32 {
		return c.Value
	}
	var b [16]byte
	rand.Read(b[:])
	v := hex.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: v}) // the same request renders it
	return v
}

func sessionCSRF(token string) string {
	sum := sha256.Sum256([]byte("minsheng-csrf|" + token))
	return hex.EncodeToString(sum[:16])
}

// csrfOK checks a POST's hidden field against the session or the cookie.
func csrfOK(r *http.Request) bool {
	got := r.PostFormValue(csrfField)
	if got == "" {
		return false
	}
	want := ""
	if t := sessionToken(r); t != "" {
		want = sessionCSRF(t)
	} else if c, err := r.Cookie(csrfCookie); err == nil {
		want = c.Value
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// anonCSRFOK checks a form posted without a session (portal, login) against
// the double-submit cookie; a stale session cookie does not get in the way.
func anonCSRFOK(r *http.Request) bool {
	got := r.PostFormValue(csrfField)
	c, err := r.Cookie(csrfCookie)
	if got == "" || err != nil {
		return csrfOK(r)
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(c.Value)) == 1 || csrfOK(r)
}

// clientIP is the address throttles count by.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext keeps a post-login redirect on the workbench, never another site.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/w/") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return "/w/"
}

// sizeText says a byte limit the way people read it: 256 KB, 65 MB.
func sizeText(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n>>20, 10) + " MB"
}
