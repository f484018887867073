package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"minsheng"
)

const userColumns = "u.id, u.username, u.name, u.role, u.org_id, o.path, u.disabled, u.created_at, u.password_hash"

func scanUser(r rowScanner) (*minsheng.User, error) {
	var u minsheng.User
	var created int64
	if err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.OrgID, &u.OrgPath, &u.Disabled, &created, &u.PasswordHash); err != nil {
		return nil, err
	}
	u.CreatedAt = fromMS(created)
	return &u, nil
}

// CreateUser adds a staff account; the caller hashes the password.
// Errors: EINVALID (bad fields, username taken, unknown organisation).
func (s *Store) CreateUser(ctx context.Context, u *minsheng.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var n int
		if err := b.row("SELECT COUNT(*) FROM users WHERE username = ?", u.Username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return minsheng.Invalid("username", "%s is already taken", u.Username)
		}
		if err := b.row("SELECT path FROM orgs WHERE id = ?", u.OrgID).Scan(&u.OrgPath); errors.Is(err, sql.ErrNoRows) {
			return minsheng.Invalid("org_id", "no such organisation")
		} else if err != nil {
			return err
		}
		u.CreatedAt = s.now()
		id, err := b.insert("INSERT INTO users (username, name, role, org_id, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			u.Username, u.Name, u.Role, u.OrgID, u.PasswordHash, u.Disabled, ms(u.CreatedAt))
		u.ID = id
		return err
	})
	if err != nil {
		return fmt.Errorf("create user %s: %w", u.Username, err)
	}
	return nil
}

// UpdateUser saves name, role, organisation, disabled flag and password hash.
// Disabling a user also revokes their sessions. Errors: ENOTFOUND, EINVALID.
func (s *Store) UpdateUser(ctx context.Context, u *minsheng.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if err := b.row("SELECT path FROM orgs WHERE id = ?", u.OrgID).Scan(&u.OrgPath); errors.Is(err, sql.ErrNoRows) {
			return minsheng.Invalid("org_id", "no such organisation")
		} else if err != nil {
			return err
		}
		err := b.updateOne("UPDATE users SET name = ?, role = ?, org_id = ?, disabled = ?, password_hash = ? WHERE id = ?",
			u.Name, u.Role, u.OrgID, u.Disabled, u.PasswordHash, u.ID)
		if err != nil {
			return err
		}
		if u.Disabled {
			_, err = b.exec("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", ms(s.now()), u.ID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, err)
	}
	return nil
}

// UserByName returns a user by username. Errors: ENOTFOUND.
func (s *Store) UserByName(ctx context.Context, username string) (*minsheng.User, error) {
	u, err := scanUser(s.rdb(ctx).row("SELECT "+userColumns+" FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.username = ?", username))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user %s: %w", username, minsheng.ErrNotFound)
	}
	return u, err
}

// User returns a user by id. Errors: ENOTFOUND.
func (s *Store) User(ctx context.Context, id int64) (*minsheng.User, error) {
	u, err := scanUser(s.rdb(ctx).row("SELECT "+userColumns+" FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user %d: %w", id, minsheng.ErrNotFound)
	}
	return u, err
}

// Users lists every account, ordered by username.
func (s *Store) Users(ctx context.Context) ([]*minsheng.User, error) {
	rows, err := s.rdb(ctx).rows("SELECT " + userColumns + " FROM users u JOIN orgs o ON o.id = u.org_id ORDER BY u.username")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []*minsheng.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// hashToken is what the database keeps of a bearer token, so a leaked table
// does not hand out sessions.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// CreateSession records a new bearer token for a user, valid for ttl on the
// store's clock, and returns when it expires.
func (s *Store) CreateSession(ctx context.Context, token string, userID int64, ttl time.Duration) (time.Time, error) {
	now := s.now()
	expires := now.Add(ttl)
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := s.txdb(ctx, tx).exec("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
			hashToken(token), userID, ms(now), ms(expires))
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("create session: %w", err)
	}
	return expires, nil
}

// SessionUser returns the active user of a token and when the session
// expires. Errors: EUNAUTHORIZED for unknown, expired or revoked tokens and
// disabled users.
func (s *Store) SessionUser(ctx context.Context, token string) (*minsheng.User, time.Time, error) {
	var expires int64
	var revoked sql.NullInt64
	var uid int64
	err := s.rdb(ctx).row("SELECT user_id, expires_at, revoked_at FROM sessions WHERE token_hash = ?", hashToken(token)).Scan(&uid, &expires, &revoked)
	unauth := minsheng.Errorf(minsheng.EUNAUTHORIZED, "the session is unknown, expired or revoked; log in again")
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, unauth
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("load session: %w", err)
	}
	if revoked.Valid || s.now().UnixMilli() >= expires {
		return nil, time.Time{}, unauth
	}
	u, err := s.User(ctx, uid)
	if err != nil {
		return nil, time.Time{}, err
	}
	if u.Disabled {
		return nil, time.Time{}, unauth
	}
	return u, fromMS(expires), nil
}

// RevokeSession ends a session (logout).
func (s *Store) RevokeSession(ctx context.Context, token string) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := s.txdb(ctx, tx).exec("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", ms(s.now()), hashToken(token))
		return err
	})
	if err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	return nil
}
