package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minsheng"
)

const apiKeyColumns = "k.id, k.name, k.prefix, k.role, k.org_id, k.user_id, k.created_at, k.revoked_at, k.last_used_at"

func scanAPIKey(r rowScanner, extra ...any) (*minsheng.APIKey, error) {
	var k minsheng.APIKey
	var created int64
	var revoked, used sql.NullInt64
	dest := append([]any{&k.ID, &k.Name, &k.Prefix, &k.Role, &k.OrgID, &k.UserID, &created, &revoked, &used}, extra...)
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	k.CreatedAt, k.RevokedAt, k.LastUsedAt = fromMS(created), fromNullMS(revoked), fromNullMS(used)
	return &k, nil
}

// CreateAPIKey stores a new key by its hash together with the machine
// account it acts as (username, no password), in one transaction, so a key
// never exists without its account. Errors: EINVALID (bad fields, unknown
// organisation, username taken).
func (s *Store) CreateAPIKey(ctx context.Context, k *minsheng.APIKey, username, keyHash string) error {
	if err := k.Validate(); err != nil {
		return err
	}
	u := &minsheng.User{Username: username, Name: k.Name, Role: k.Role, OrgID: k.OrgID}
	if err := u.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var n int
		if err := b.row("SELECT COUNT(*) FROM users WHERE username = ?", username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return minsheng.Invalid("name", "account %s already exists; try again", username)
		}
		var path string
		if err := b.row("SELECT path FROM orgs WHERE id = ?", k.OrgID).Scan(&path); errors.Is(err, sql.ErrNoRows) {
			return minsheng.Invalid("org_id", "no such organisation")
		} else if err != nil {
			return err
		}
		k.CreatedAt = s.now()
		uid, err := b.insert("INSERT INTO users (username, name, role, org_id, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, '', ?, ?)",
			username, k.Name, k.Role, k.OrgID, false, ms(k.CreatedAt))
		if err != nil {
			return err
		}
		k.UserID = uid
		k.ID, err = b.insert("INSERT INTO api_keys (name, prefix, key_hash, user_id, role, org_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			k.Name, k.Prefix, keyHash, uid, k.Role, k.OrgID, ms(k.CreatedAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("create api key %s: %w", k.Name, invalidRef(err, "org_id", "organisation"))
	}
	return nil
}

// APIKeys lists every key, revoked ones too, newest first.
func (s *Store) APIKeys(ctx context.Context) ([]*minsheng.APIKey, error) {
	rows, err := s.rdb(ctx).rows("SELECT " + apiKeyColumns + " FROM api_keys k ORDER BY k.id DESC")
	if err != nil {
		return nil, fmt.Errorf("list api keys: %w", err)
	}
	defer rows.Close()
	var out []*minsheng.APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, fmt.Errorf("scan api key: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RevokeAPIKey stops a key from working on every node at its next request.
// Revoking a revoked key changes nothing. Errors: ENOTFOUND.
func (s *Store) RevokeAPIKey(ctx context.Context, id int64) (*minsheng.APIKey, error) {
	var k *minsheng.APIKey
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if _, err := b.exec("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", ms(s.now()), id); err != nil {
			return err
		}
		var err error
		k, err = scanAPIKey(b.row("SELECT "+apiKeyColumns+" FROM api_keys k WHERE k.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return minsheng.Errorf(minsheng.ENOTFOUND, "no such API key")
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("revoke api key %d: %w", id, err)
	}
	return k, nil
}

// APIKeyUser returns the active key with this hash and the account it acts
// as. Like SessionUser it reads the database on every request, so a key
// made by the command line or revoked on another node counts at once.
// Errors: EUNAUTHORIZED for unknown and revoked keys and disabled accounts.
func (s *Store) APIKeyUser(ctx context.Context, keyHash string) (*minsheng.APIKey, *minsheng.User, error) {
	var u minsheng.User
	var created int64
	row := s.rdb(ctx).row("SELECT "+apiKeyColumns+", u.id, u.username, u.name, u.org_id, o.path, u.created_at FROM api_keys k "+
		"JOIN users u ON u.id = k.user_id JOIN orgs o ON o.id = k.org_id WHERE k.key_hash = ? AND k.revoked_at IS NULL AND u.disabled = ?",
		keyHash, false)
	k, err := scanAPIKey(row, &u.ID, &u.Username, &u.Name, &u.OrgID, &u.OrgPath, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, minsheng.Errorf(minsheng.EUNAUTHORIZED, "the API key is unknown or revoked")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load api key: %w", err)
	}
	u.Role, u.CreatedAt = k.Role, fromMS(created) // the key's role is the one chosen for it
	return k, &u, nil
}

// TouchAPIKey records when a key was last used.
func (s *Store) TouchAPIKey(ctx context.Context, id int64, at time.Time) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := s.txdb(ctx, tx).exec("UPDATE api_keys SET last_used_at = ? WHERE id = ?", ms(at), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("touch api key %d: %w", id, err)
	}
	return nil
}

// CaseByChannelRef returns the case a channel knows by its own reference
// (an Open311 token). Errors: ENOTFOUND.
func (s *Store) CaseByChannelRef(ctx context.Context, ch minsheng.Channel, ref string) (*minsheng.Case, error) {
	if ref == "" || !minsheng.StorableText(ref) || len(ref) > 200 {
		return nil, fmt.Errorf("channel reference: %w", minsheng.ErrNotFound)
	}
	c, err := scanCase(s.rdb(ctx).row("SELECT "+caseColumns+" FROM cases WHERE channel = ? AND channel_ref = ? ORDER BY id LIMIT 1", ch, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("channel reference: %w", minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("case by channel reference: %w", err)
	}
	return c, nil
}
