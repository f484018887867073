package api

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"minsheng"
	"minsheng/auth"
)

// sessionCache keeps recently checked tokens for a few seconds so that a busy
// agent's requests do not each read the session table. A revocation on this
// node takes effect at once; on other nodes within sessionTTL.
type sessionCache struct {
	mu sync.Mutex
	m  map[string]cachedSession
}

type cachedSession struct {
	user    *minsheng.User
	expires time.Time
	checked time.Time
}

const sessionTTL = 10 * time.Second

func newSessionCache() *sessionCache { return &sessionCache{m: map[string]cachedSession{}} }

func (c *sessionCache) get(token string, now time.Time) *minsheng.User {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[token]
	if !ok || now.Sub(s.checked) > sessionTTL || !now.Before(s.expires) {
		return nil
	}
	return s.user
}

func (c *sessionCache) put(token string, u *minsheng.User, expires, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 50000 {
		clear(c.m)
	}
	c.m[token] = cachedSession{user: u, expires: expires, checked: now}
}

func (c *sessionCache) drop(token string) {
	c.mu.Lock()
	delete(c.m, token)
	c.mu.Unlock()
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// authenticate resolves the bearer token to a user or answers 401.
func (s *Server) authenticate(h func(http.ResponseWriter, *http.Request, *minsheng.User)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := bearer(r)
		if token == "" {
			s.fail(w, r, minsheng.Errorf(minsheng.EUNAUTHORIZED, "log in first: send Authorization: Bearer TOKEN"))
			return
		}
		now := time.Now()
		u := s.sessions.get(token, now)
		if u == nil {
			user, expires, err := s.store.SessionUser(r.Context(), token)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			s.sessions.put(token, user, expires, now)
			u = user
		}
		h(w, r, u)
	})
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := decode(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if req.Username == "" || req.Password == "" {
		s.fail(w, r, minsheng.Invalid("username", "username and password are required"))
		return
	}
	key := strings.ToLower(req.Username) + "|" + clientIP(r)
	now := time.Now()
	if ok, wait := s.throttle.Allow(key, now); !ok {
		w.Header().Set("Retry-After", itoa(int64(wait.Seconds())+1))
		s.fail(w, r, minsheng.Errorf(minsheng.ERATELIMIT, "too many failed logins; try again in %d minutes", int(wait.Minutes())+1))
		return
	}
	u, err := s.store.UserByName(r.Context(), req.Username)
	if err != nil && minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
		s.fail(w, r, err)
		return
	}
	hash := ""
	if u != nil && !u.Disabled {
		hash = u.PasswordHash
	}
	if !auth.CheckPassword(hash, req.Password) {
		s.throttle.Fail(key, now)
		s.fail(w, r, minsheng.Errorf(minsheng.EUNAUTHORIZED, "wrong username or password"))
		return
	}
	s.throttle.Reset(key)
	token := auth.NewToken()
	expires, err := s.store.CreateSession(r.Context(), token, u.ID, s.TokenTTL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "expires_at": expires, "user": userView(u, orgs)})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ *minsheng.User) {
	token := bearer(r)
	if err := s.store.RevokeSession(r.Context(), token); err != nil {
		s.fail(w, r, err)
		return
	}
	s.sessions.drop(token)
	writeJSON(w, http.StatusOK, map[string]string{"status": "logged out"})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, userView(u, orgs))
}

// require answers 403 unless the user has one of the roles.
func require(u *minsheng.User, roles ...minsheng.Role) error {
	for _, r := range roles {
		if u.Role == r {
			return nil
		}
	}
	return minsheng.Errorf(minsheng.EFORBIDDEN, "role %s may not do this", u.Role)
}
