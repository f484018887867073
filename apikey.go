package minsheng

import (
	"strings"
	"time"
	"unicode/utf8"
)

// APIKeyPrefix starts every API key, so that a bearer token can be told
// apart from a login session's without a database lookup, and so that a
// leaked key is easy to spot in logs and code.
const APIKeyPrefix = "msk_"

// APIKey is a client system's credential: a message board, an app, an
// Open311 client. It acts as a machine account with the role and
// organisation chosen when it was made, through the same permission table
// as people; the account is what cases record as their creator, so a reply
// can find its way back to the system that sent the request. Only a hash of
// the key is stored; the key itself is shown once.
type APIKey struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Prefix string `json:"prefix"` // the key's first characters, to tell keys apart in lists
	Role   Role   `json:"role"`
	OrgID  int64  `json:"org_id"`
	// UserID is the machine account the key acts as.
	UserID     int64      `json:"user_id"`
	CreatedAt  time.Time  `json:"created_at"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
}

// Validate checks the fields an admin supplies.
func (k *APIKey) Validate() error {
	if err := checkTexts([2]string{"name", k.Name}); err != nil {
		return err
	}
	k.Name = strings.TrimSpace(k.Name)
	if k.Name == "" || utf8.RuneCountInString(k.Name) > 50 {
		return Invalid("name", "1-50 characters")
	}
	if !k.Role.Valid() {
		return Invalid("role", "unknown role %q", k.Role)
	}
	if k.OrgID <= 0 {
		return Invalid("org_id", "required")
	}
	return nil
}
