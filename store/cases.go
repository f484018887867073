package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// now is the store's clock; tests and the demo loader may replace it.
func (s *Store) now() time.Time {
	if s.Clock != nil {
		return s.Clock().In(CST)
	}
	return time.Now().In(CST)
}

// CreateCase stores a new request and its intake event in one transaction and
// returns once it is committed. With an idempotency key, a retry by the same
// user returns the case created the first time and created is false.
// Errors: EINVALID for bad fields or an unknown category.
func (s *Store) CreateCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string) (created bool, err error) {
	if err := c.Validate(); err != nil {
		return false, err
	}
	pol, err := s.Policy(ctx)
	if err != nil {
		return false, err
	}
	if c.CategoryID != 0 {
		if _, ok := pol.Parent[c.CategoryID]; !ok {
			return false, minsheng.Invalid("category_id", "no such category")
		}
	}
	in := *c
	sv := s.d.searchValue(searchDoc(c.Title, c.Content, c.Address))
	err = s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if key != "" {
			got, err := s.idempotent(b, a.UserID, key)
			if err != nil || got != nil {
				if got != nil {
					*c, created = *got, false
				}
				return err
			}
		}
		*c = in
		created = true
		return s.insertCase(b, c, a, key, pol, sv)
	})
	if err != nil {
		return false, fmt.Errorf("create case: %w", err)
	}
	return created, nil
}

func (s *Store) idempotent(b db, user int64, key string) (*minsheng.Case, error) {
	var id int64
	err := b.row("SELECT case_id FROM idempotency WHERE user_id = ? AND key = ?", user, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return getCase(b, id, "")
}

// insertCase stores a validated case; sv is its tokenized search text.
func (s *Store) insertCase(b db, c *minsheng.Case, a minsheng.Actor, key string, pol *lifecycle.Policy, sv any) error {
	now := s.now()
	if !c.CreatedAt.IsZero() { // imported or demo cases keep their own time
		now = c.CreatedAt.In(CST)
	}
	ev := lifecycle.Intake(c, a, now)
	if c.DueAt.IsZero() {
		c.DueAt = pol.Due(c, now)
	}
	c.TrackingCode = newTrackingCode()
	cols := `tracking_code, channel, channel_ref, citizen_name, citizen_phone, phone_norm,
anonymous, title, content, category_id, address, lat, lng, urgency, wants_reply, status, track,
due_at, created_by, created_at, updated_at, version`
	args := []any{c.TrackingCode, c.Channel, c.ChannelRef, c.Citizen.Name, c.Citizen.Phone,
		minsheng.NormalizePhone(c.Citizen.Phone), c.Citizen.Anonymous, c.Title, c.Content, nullID(c.CategoryID),
		c.Address, nullFloat(c.Lat), nullFloat(c.Lng), c.Urgency, c.WantsReply, c.Status, c.Track,
		ms(c.DueAt), nullID(c.CreatedBy), ms(c.CreatedAt), ms(c.UpdatedAt), c.Version}
	if col := s.d.searchColumn(); col != "" {
		cols += ", " + col
		args = append(args, sv)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	insert := "INSERT INTO cases (" + cols + ") VALUES (" + marks + ")"
	if s.d.intakeInOneStatement() {
		// PostgreSQL: the case and its intake event in one round trip.
		q := "WITH c AS (" + insert + " RETURNING id) INSERT INTO events (" + eventColumns + ") SELECT id, " +
			strings.TrimSuffix(strings.Repeat("?, ", len(eventArgs(&ev))-1), ", ") + " FROM c RETURNING case_id"
		if err := b.row(q, append(args, eventArgs(&ev)[1:]...)...).Scan(&c.ID); err != nil {
			return fmt.Errorf("insert case: %w", err)
		}
		c.Number = minsheng.CaseNumber(c.ID, now)
	} else {
		id, err := b.insert(insert, args...)
		if err != nil {
			return fmt.Errorf("insert case: %w", err)
		}
		c.ID, c.Number = id, minsheng.CaseNumber(id, now)
		ev.CaseID = c.ID
		if err := insertEvent(b, &ev, false); err != nil {
			return err
		}
	}
	if err := s.d.afterInsert(b, c.ID, sv); err != nil {
		return fmt.Errorf("index case: %w", err)
	}
	if key != "" {
		if _, err := b.exec("INSERT INTO idempotency (user_id, key, case_id, created_at) VALUES (?, ?, ?, ?)",
			a.UserID, key, c.ID, ms(now)); err != nil {
			return fmt.Errorf("record idempotency key: %w", err)
		}
	}
	return nil
}

// trackingAlphabet leaves out look-alike characters (0/O, 1/I/L) so that a
// citizen can read the code over the phone.
const trackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// newTrackingCode returns 12 random characters: about 59 bits, unguessable.
func newTrackingCode() string {
	var buf [12]byte
	rand.Read(buf[:])
	for i, v := range buf {
		buf[i] = trackingAlphabet[int(v)%len(trackingAlphabet)]
	}
	return string(buf[:])
}

// eventColumns and eventArgs list an event's columns and values in one order.
const eventColumns = "case_id, action, actor_id, actor_name, actor_role, org_id, at, from_status, to_status, payload, public"

func eventArgs(ev *minsheng.Event) []any {
	payload := string(ev.Payload)
	if payload == "" {
		payload = "{}"
	}
	return []any{ev.CaseID, ev.Action, nullID(ev.ActorID), ev.ActorName, ev.ActorRole, nullID(ev.OrgID), ms(ev.At),
		ev.From, ev.To, payload, ev.Public}
}

// insertEvent appends an event; its id is filled in only when wantID is set
// (intake does not need it and skips the RETURNING).
func insertEvent(b db, ev *minsheng.Event, wantID bool) error {
	q := "INSERT INTO events (" + eventColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	args := eventArgs(ev)
	var err error
	if wantID {
		ev.ID, err = b.insert(q, args...)
	} else {
		_, err = b.exec(q, args...)
	}
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	return nil
}

// getCase loads one case; lock is appended to lock the row for update.
func getCase(b db, id int64, lock string) (*minsheng.Case, error) {
	c, err := scanCase(b.row("SELECT "+caseColumns+" FROM cases WHERE id = ?"+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("case %d: %w", id, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load case %d: %w", id, err)
	}
	return c, nil
}

// Case returns a case by id. Errors: ENOTFOUND.
func (s *Store) Case(ctx context.Context, id int64) (*minsheng.Case, error) {
	return getCase(s.rdb(ctx), id, "")
}

// CaseByTrackingCode returns the case a citizen's tracking code names.
// Errors: ENOTFOUND.
func (s *Store) CaseByTrackingCode(ctx context.Context, code string) (*minsheng.Case, error) {
	b := s.rdb(ctx)
	c, err := scanCase(b.row("SELECT "+caseColumns+" FROM cases WHERE tracking_code = ?", strings.ToUpper(code)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, minsheng.ErrNotFound
	}
	return c, err
}

// Events returns the whole timeline of a case, oldest first.
func (s *Store) Events(ctx context.Context, caseID int64) ([]minsheng.Event, error) {
	b := s.rdb(ctx)
	rows, err := b.rows(`SELECT id, case_id, action, actor_id, actor_name, actor_role, org_id, at,
from_status, to_status, payload, public FROM events WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("events of case %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []minsheng.Event
	for rows.Next() {
		var e minsheng.Event
		var actor, org sql.NullInt64
		var at int64
		var payload string
		if err := rows.Scan(&e.ID, &e.CaseID, &e.Action, &actor, &e.ActorName, &e.ActorRole, &org, &at,
			&e.From, &e.To, &payload, &e.Public); err != nil {
			return nil, err
		}
		e.ActorID, e.OrgID, e.At, e.Payload = actor.Int64, org.Int64, fromMS(at), []byte(payload)
		out = append(out, e)
	}
	return out, rows.Err()
}
