package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"minsheng"
)

// DefaultKeyRole is the role of a key made without one: it may record
// requests and read the cases it recorded, and sees no citizen's personal
// data in lists; a client that needs more is given a role on purpose.
const DefaultKeyRole = minsheng.RoleFieldWorker

// NewAPIKey is what an admin supplies for a client system's key; zero Role
// and OrgID take DefaultKeyRole and the top organisation.
type NewAPIKey struct {
	Name  string        `json:"name"`
	Role  minsheng.Role `json:"role"`
	OrgID int64         `json:"org_id"`
}

// IssuedKey is a new key: the only time the key itself is shown.
type IssuedKey struct {
	minsheng.APIKey
	Key string `json:"key"`
}

// IssueAPIKey makes a key and its machine account. It is the one place keys
// are made: the admin use case calls it after the permission check, and the
// command line, run by whoever runs the server, calls it directly.
func IssueAPIKey(ctx context.Context, st Store, in NewAPIKey) (*IssuedKey, error) {
	k := &minsheng.APIKey{Name: in.Name, Role: in.Role, OrgID: in.OrgID}
	if k.Role == "" {
		k.Role = DefaultKeyRole
	}
	if k.OrgID == 0 {
		orgs, err := st.Orgs(ctx)
		if err != nil {
			return nil, err
		}
		for _, o := range orgs.List() {
			if o.ParentID == 0 {
				k.OrgID = o.ID
				break
			}
		}
		if k.OrgID == 0 {
			return nil, minsheng.Invalid("org_id", "there is no organisation yet; create one first")
		}
	}
	var secret [32]byte
	if _, err := rand.Read(secret[:]); err != nil {
		return nil, err
	}
	key := minsheng.APIKeyPrefix + hex.EncodeToString(secret[:])
	k.Prefix = key[:len(minsheng.APIKeyPrefix)+8]
	// The account's name carries the key's prefix, so that the timeline and
	// the access log say which key acted.
	username := "apikey-" + key[len(minsheng.APIKeyPrefix):len(minsheng.APIKeyPrefix)+8]
	if err := st.CreateAPIKey(ctx, k, username, hashKey(key)); err != nil {
		return nil, err
	}
	return &IssuedKey{APIKey: *k, Key: key}, nil
}

// hashKey is what the database keeps of a key. SHA-256 is enough for 256
// random bits: there is nothing to guess, and it is cheap on every request.
func hashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// CreateAPIKey makes a key for a client system (admins only).
func (s *Service) CreateAPIKey(ctx context.Context, u *minsheng.User, in NewAPIKey) (*IssuedKey, error) {
	if err := allow(u, minsheng.OpAPIKeyWrite); err != nil {
		return nil, err
	}
	k, err := IssueAPIKey(ctx, s.store, in)
	if err != nil {
		return nil, err
	}
	s.audit(u, "create api key", k.ID)
	return k, nil
}

// APIKeys lists the keys, revoked ones too, never the keys themselves.
func (s *Service) APIKeys(ctx context.Context, u *minsheng.User) ([]*minsheng.APIKey, error) {
	if err := allow(u, minsheng.OpAPIKeyRead); err != nil {
		return nil, err
	}
	return s.store.APIKeys(ctx)
}

// RevokeAPIKey stops a key at its next request, on every node.
func (s *Service) RevokeAPIKey(ctx context.Context, u *minsheng.User, id int64) (*minsheng.APIKey, error) {
	if err := allow(u, minsheng.OpAPIKeyWrite); err != nil {
		return nil, err
	}
	k, err := s.store.RevokeAPIKey(ctx, id)
	if err != nil {
		return nil, err
	}
	s.audit(u, "revoke api key", id)
	return k, nil
}

// AuthenticateKey resolves a client system's key to the machine account it
// acts as, with the key's role. Each use takes a token from the key's
// bucket (ERATELIMIT with a wait when empty). The key is looked up in the
// database every time, so keys made by the command line while the server
// runs, and revocations, count at once.
func (s *Service) AuthenticateKey(ctx context.Context, key string) (*minsheng.User, error) {
	if !strings.HasPrefix(key, minsheng.APIKeyPrefix) || len(key) > 200 || strings.ContainsRune(key, 0) {
		return nil, minsheng.Errorf(minsheng.EUNAUTHORIZED, "the API key is unknown or revoked")
	}
	k, u, err := s.store.APIKeyUser(ctx, hashKey(key))
	if err != nil {
		return nil, err
	}
	now := s.Now()
	ok, wait, touch := s.keys.allow(k.ID, now)
	if !ok {
		return nil, RetryAfter(wait, minsheng.Errorf(minsheng.ERATELIMIT, "too many requests with this API key; slow down"))
	}
	if touch {
		if err := s.store.TouchAPIKey(ctx, k.ID, now); err != nil {
			s.log.Warn("record api key use", "key", k.ID, "err", err) // the request still counts
		}
	}
	return u, nil
}
