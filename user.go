package minsheng

import (
	"regexp"
	"time"
)

// User is a staff account. Citizens have no accounts: they track cases by code.
type User struct {
	ID           int64     `json:"id"`
	Username     string    `json:"username"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	OrgID        int64     `json:"org_id"`
	OrgPath      string    `json:"-"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	PasswordHash string    `json:"-"`
	// SeatType is the special seat a call-taker works at, recorded on the
	// phone cases they take.
	SeatType SeatType `json:"seat_type,omitempty"`
}

var usernameRE = regexp.MustCompile(`^[a-z0-9_.-]{2,40}$`)

// Validate checks the fields an admin supplies.
func (u *User) Validate() error {
	if err := checkTexts([2]string{"username", u.Username}, [2]string{"name", u.Name}); err != nil {
		return err
	}
	if !usernameRE.MatchString(u.Username) {
		return Invalid("username", "2-40 characters of a-z, 0-9, _ . -")
	}
	if !u.Role.Valid() {
		return Invalid("role", "unknown role %q", u.Role)
	}
	if u.OrgID <= 0 {
		return Invalid("org_id", "required")
	}
	if len([]rune(u.Name)) > 50 {
		return Invalid("name", "at most 50 characters")
	}
	return nil
}

// Actor is who performs an action: the user with their role and organisation,
// as the lifecycle and the scope checks need it.
type Actor struct {
	UserID  int64
	Name    string
	Role    Role
	OrgID   int64
	OrgPath string
}

// ActorOf returns the actor for a user.
func ActorOf(u *User) Actor {
	return Actor{UserID: u.ID, Name: u.Name, Role: u.Role, OrgID: u.OrgID, OrgPath: u.OrgPath}
}
