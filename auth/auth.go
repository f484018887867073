// Package auth holds the credentials side of minsheng: password hashing,
// bearer tokens and the throttle that slows down password guessing.
package auth

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"minsheng"
)

// Cost is the bcrypt work factor: about 50 ms a login on a small server.
const Cost = 11

// HashPassword hashes a new password after checking its length.
// Errors: EINVALID for a password that is too short or too long.
func HashPassword(pw string) (string, error) {
	if n := utf8.RuneCountInString(pw); n < 8 {
		return "", minsheng.Invalid("password", "at least 8 characters")
	}
	if len(pw) > 72 {
		return "", minsheng.Invalid("password", "at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), Cost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// dummyHash is compared against when the user does not exist, so that a
// missing account takes as long as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not-a-real-password"), Cost)

// CheckPassword reports whether pw matches hash; an empty hash never matches.
func CheckPassword(hash, pw string) bool {
	if hash == "" {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(pw))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// NewToken returns a random bearer token (256 bits).
func NewToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// Throttle counts failed logins per key (username and client address) and
// refuses further attempts for a while after too many.
type Throttle struct {
	Max    int
	Window time.Duration
	mu     sync.Mutex
	fails  map[string][]time.Time
}

// NewThrottle allows max failures per window for each key.
func NewThrottle(max int, window time.Duration) *Throttle {
	return &Throttle{Max: max, Window: window, fails: map[string][]time.Time{}}
}

// Allow reports whether another attempt for key may be made now, and if not,
// how long to wait.
func (t *Throttle) Allow(key string, now time.Time) (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	recent := t.prune(key, now)
	if len(recent) < t.Max {
		return true, 0
	}
	return false, recent[0].Add(t.Window).Sub(now)
}

// Fail records a failed attempt.
func (t *Throttle) Fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fails[key] = append(t.prune(key, now), now)
	if len(t.fails) > 100000 { // bound memory under a spray of usernames
		for k := range t.fails {
			delete(t.fails, k)
			break
		}
	}
}

// Reset forgets the failures of key after a successful login.
func (t *Throttle) Reset(key string) {
	t.mu.Lock()
	delete(t.fails, key)
	t.mu.Unlock()
}

func (t *Throttle) prune(key string, now time.Time) []time.Time {
	list := t.fails[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= t.Window {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(t.fails, key)
		return nil
	}
	t.fails[key] = list
	return list
}
