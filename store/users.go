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

const userColumns = "u.id, u.username, u.name, u.role, u.org_id, o.path, u.disabled, u.created_at, u.password_hash, u.seat_type"

// scanUser reads userColumns, then any extra columns selected after them.
func scanUser(r rowScanner, extra ...any) (*minsheng.User, error) {
	var u minsheng.User
	var created int64
	dest := append([]any{&u.ID, &u.Username, &u.Name, &u.Role, &u.OrgID, &u.OrgPath, &u.Disabled, &created, &u.PasswordHash, &u.SeatType}, extra...)
	if err := r.Scan(dest...); err != nil {
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
		return fmt.Errorf("create user %s: %w", u.Username, invalidRef(err, "org_id", "organisation"))
	}
	return nil
}

// UpdateUser saves name, role, organisation, disabled flag and password hash.
// Disabling a user or changing the password hash revokes all their sessions;
// a role or organisation change needs no revocation because SessionUser reads
// them afresh on every request. Errors: ENOTFOUND, EINVALID.
func (s *Store) UpdateUser(ctx context.Context, u *minsheng.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var oldHash string
		if err := b.row("SELECT password_hash FROM users WHERE id = ?", u.ID).Scan(&oldHash); errors.Is(err, sql.ErrNoRows) {
			return minsheng.ErrNotFound
		} else if err != nil {
			return fmt.Errorf("load user: %w", err)
		}
		if err := b.row("SELECT path FROM orgs WHERE id = ?", u.OrgID).Scan(&u.OrgPath); errors.Is(err, sql.ErrNoRows) {
			return minsheng.Invalid("org_id", "no such organisation")
		} else if err != nil {
			return fmt.Errorf("load organisation: %w", err)
		}
		err := b.updateOne("UPDATE users SET name = ?, role = ?, org_id = ?, disabled = ?, password_hash = ? WHERE id = ?",
			u.Name, u.Role, u.OrgID, u.Disabled, u.PasswordHash, u.ID)
		if err != nil {
			return err
		}
		if u.Disabled || u.PasswordHash != oldHash {
			return s.revokeSessions(b, u.ID, "")
		}
		return bumpAuth(b) // a role or organisation change shows at the next request
	})
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, invalidRef(err, "org_id", "organisation"))
	}
	return nil
}

// SetPassword replaces a user's password hash (the caller hashes) and revokes
// every other session of the user: a changed password must lock out whoever
// else knew the old one. keepToken is the session making the change, which
// stays valid; with "" every session is revoked. Errors: ENOTFOUND, EINVALID.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string, keepToken string) error {
	if hash == "" || !minsheng.StorableText(hash) {
		return minsheng.Invalid("password", "required")
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if err := b.updateOne("UPDATE users SET password_hash = ? WHERE id = ?", hash, userID); err != nil {
			return err
		}
		return s.revokeSessions(b, userID, keepToken)
	})
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	return nil
}

// RevokeUserSessions ends every session of a user at once, on every node: the
// next request with any of their tokens is unauthorised.
func (s *Store) RevokeUserSessions(ctx context.Context, userID int64) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		return s.revokeSessions(s.txdb(ctx, tx), userID, "")
	})
	if err != nil {
		return fmt.Errorf("revoke sessions of user %d: %w", userID, err)
	}
	return nil
}

// revokeSessions revokes the user's live sessions except keepToken's.
func (s *Store) revokeSessions(b db, userID int64, keepToken string) error {
	q := "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
	args := []any{ms(s.now()), userID}
	if keepToken != "" {
		q += " AND token_hash <> ?"
		args = append(args, hashToken(keepToken))
	}
	if _, err := b.exec(q, args...); err != nil {
		return fmt.Errorf("revoke sessions: %w", err)
	}
	return bumpAuth(b)
}

// UserByName returns a user by username. Errors: ENOTFOUND, also for a name
// no account can have (NUL bytes, invalid UTF-8), which never reaches the
// database.
func (s *Store) UserByName(ctx context.Context, username string) (*minsheng.User, error) {
	if !minsheng.StorableText(username) {
		return nil, fmt.Errorf("user: %w", minsheng.ErrNotFound)
	}
	u, err := scanUser(s.rdb(ctx).row("SELECT "+userColumns+" FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.username = ?", username))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user %s: %w", username, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load user %s: %w", username, err)
	}
	return u, nil
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
// expires. It runs on every authenticated request, on whichever node gets
// it, so that a revoked session, a disabled account or a changed role takes
// effect at the next request: sessions are kept in memory only while the
// auth epoch stands, and the epoch is read afresh for every request (one read
// shared by requests arriving together; see authCache).
// Errors: EUNAUTHORIZED for unknown, expired or revoked tokens and disabled
// users.
func (s *Store) SessionUser(ctx context.Context, token string) (*minsheng.User, time.Time, error) {
	arrived := time.Now()
	// The epoch read is shared by concurrent requests, so it must not end
	// with the request that happened to start it.
	epoch, err := s.auth.epoch(ctx, s.rdb(context.WithoutCancel(ctx)), arrived)
	if err != nil {
		return nil, time.Time{}, err
	}
	if e := s.auth.get(token, epoch, s.now()); e != nil {
		return e.user, e.expires, nil
	}
	var expires int64
	row := s.rdb(ctx).row("SELECT "+userColumns+", s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "+
		"JOIN orgs o ON o.id = u.org_id WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = ?",
		hashToken(token), s.now().UnixMilli(), false)
	u, err := scanUser(row, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, minsheng.Errorf(minsheng.EUNAUTHORIZED, "the session is unknown, expired or revoked; log in again")
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("load session: %w", err)
	}
	s.auth.put(token, authEntry{user: u, expires: fromMS(expires), epoch: epoch})
	return u, fromMS(expires), nil
}

// RevokeSession ends a session (logout).
func (s *Store) RevokeSession(ctx context.Context, token string) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if _, err := b.exec("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", ms(s.now()), hashToken(token)); err != nil {
			return err
		}
		return bumpAuth(b)
	})
	if err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	return nil
}
