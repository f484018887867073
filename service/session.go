package service

import (
	"context"
	"strings"
	"time"

	"minsheng"
	"minsheng/auth"
)

// Session is a signed-in user's bearer token.
type Session struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      UserView  `json:"user"`
}

// Login checks a password and opens a session. Failures are throttled per
// account and address, and per account from any address, so that neither
// one address nor many can guess a password; the answer never says whether
// the account exists.
func (s *Service) Login(ctx context.Context, client, username, password string) (*Session, error) {
	if username == "" || password == "" {
		return nil, minsheng.Invalid("username", "username and password are required")
	}
	if strings.ContainsRune(username+password, 0) {
		return nil, minsheng.Invalid("username", "must not contain the NUL character (U+0000)")
	}
	account := strings.ToLower(username)
	key, now := account+"|"+client, s.Now()
	for _, t := range []struct {
		th  *auth.Throttle
		key string
	}{{s.logins, key}, {s.accounts, account}} {
		if ok, wait := t.th.Allow(t.key, now); !ok {
			return nil, RetryAfter(wait, minsheng.Errorf(minsheng.ERATELIMIT, "too many failed logins; try again in %d minutes", int(wait.Minutes())+1))
		}
	}
	u, err := s.store.UserByName(ctx, username)
	if err != nil && minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
		return nil, err
	}
	hash := ""
	if u != nil && !u.Disabled {
		hash = u.PasswordHash
	}
	if !auth.CheckPassword(hash, password) {
		s.logins.Fail(key, now)
		s.accounts.Fail(account, now)
		s.log.Warn("failed login", "username", username, "client", client)
		return nil, minsheng.Errorf(minsheng.EUNAUTHORIZED, "wrong username or password")
	}
	s.logins.Reset(key)
	token := auth.NewToken()
	expires, err := s.store.CreateSession(ctx, token, u.ID, s.TokenTTL)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, ExpiresAt: expires, User: userView(u, orgs)}, nil
}

// Authenticate resolves a bearer token to its user; a client system's API
// key (minsheng.APIKeyPrefix) is accepted in its place. It reads the database on
// every request, so a disabled account, a changed role or a changed password
// takes effect at once on every node.
func (s *Service) Authenticate(ctx context.Context, token string) (*minsheng.User, error) {
	if token == "" || len(token) > 200 || strings.ContainsRune(token, 0) {
		return nil, minsheng.Errorf(minsheng.EUNAUTHORIZED, "log in first: send Authorization: Bearer TOKEN")
	}
	if strings.HasPrefix(token, minsheng.APIKeyPrefix) {
		return s.AuthenticateKey(ctx, token)
	}
	u, _, err := s.store.SessionUser(ctx, token)
	return u, err
}

// Logout ends the session of a token.
func (s *Service) Logout(ctx context.Context, u *minsheng.User, token string) error {
	if err := allow(u, minsheng.OpSession); err != nil {
		return err
	}
	return s.store.RevokeSession(ctx, token)
}

// Me returns the signed-in user's own account.
func (s *Service) Me(ctx context.Context, u *minsheng.User) (*UserView, error) {
	if err := allow(u, minsheng.OpSession); err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	v := userView(u, orgs)
	return &v, nil
}

// ChangePassword sets the user's own password after checking the current
// one, and ends every other session of the account (a lost phone, a shared
// seat); the session that asked stays signed in.
func (s *Service) ChangePassword(ctx context.Context, u *minsheng.User, token, current, next string) error {
	if err := allow(u, minsheng.OpSession); err != nil {
		return err
	}
	if !auth.CheckPassword(u.PasswordHash, current) {
		return minsheng.Invalid("current_password", "does not match")
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		// The same rule, said of the field this form calls new_password.
		return minsheng.Invalid("new_password", "%s", strings.TrimPrefix(minsheng.ErrorMessage(err), "password: "))
	}
	if err := s.store.SetPassword(ctx, u.ID, hash, token); err != nil {
		return err
	}
	s.log.Info("password changed", "user", u.Username, "user_id", u.ID)
	return nil
}
