package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
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
// user returns the case created the first time and created is false; so do
// concurrent requests with one key, of which exactly one creates the case.
// Errors: EINVALID for bad fields, a bad key or an unknown category;
// EUNPROCESSABLE when the key was already used for a request with other
// intake fields. Photos (the portal's) are stored in the same transaction,
// so a request never exists with half its photos; a refused photo (EINVALID
// naming minsheng.PhotoField) leaves no case.
func (s *Store) CreateCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string, photos ...*minsheng.Photo) (created bool, err error) {
	var then func(b db, pol *lifecycle.Policy) error
	if len(photos) > 0 {
		then = func(b db, _ *lifecycle.Policy) error { return s.insertPhotos(b, c.ID, a, photos) }
	}
	return s.createCase(ctx, c, a, key, then)
}

// createCase is CreateCase; then, when set, runs in the same transaction
// after a new case is inserted (not on an idempotent replay), so that what
// comes with the request commits with it or not at all.
func (s *Store) createCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string,
	then func(b db, pol *lifecycle.Policy) error) (created bool, err error) {
	if err := c.Validate(); err != nil {
		return false, err
	}
	if key != "" && (!minsheng.StorableText(key) || len(key) > 200) {
		return false, minsheng.Invalid("idempotency_key", "at most 200 characters of text")
	}
	pol, err := s.Policy(ctx)
	if err != nil {
		return false, err
	}
	if c.CategoryID != 0 {
		if _, ok := pol.Parent[c.CategoryID]; !ok {
			// The cached tree may be up to cacheTTL behind a category added on
			// another node: ask the database before refusing. Categories are
			// never deleted, so one the cache knows needs no query.
			if err := categoryExists(s.rdb(ctx), c.CategoryID, "category_id"); err != nil {
				return false, err
			}
		}
	}
	in := *c
	fp := ""
	if key != "" { // only a keyed request can be retried, so only it needs the fingerprint
		fp = intakeFingerprint(c)
	}
	sv := s.searchValue(c.Title, c.Content, c.Address)
	for attempt := 0; ; attempt++ {
		err = s.w.do(ctx, func(tx *wtx) error {
			b := s.txdb(ctx, tx)
			if key != "" {
				got, err := s.idempotent(b, a.UserID, key, fp)
				if err != nil || got != nil {
					if got != nil {
						*c, created = *got, false
					}
					return err
				}
			}
			*c = in
			created = true
			if err := s.insertCase(b, c, a, key, fp, pol, sv); err != nil || then == nil {
				return err
			}
			return then(b, pol)
		})
		// Another node or writer committed the same key after this
		// transaction looked for it: run again, now finding the winner's case.
		if !errors.Is(err, errKeyTaken) || attempt == 2 {
			break
		}
	}
	if err != nil {
		if c.CategoryID != 0 {
			err = invalidRef(err, "category_id", "category")
		}
		return false, fmt.Errorf("create case: %w", err)
	}
	return created, nil
}

// errKeyTaken says that a concurrent transaction recorded the same
// idempotency key first; CreateCase retries and answers with that case.
var errKeyTaken = errors.New("idempotency key recorded concurrently")

// idempotent returns the case recorded for the user's key, or nil when the
// key is new. Errors: EUNPROCESSABLE when the key came with other intake fields.
func (s *Store) idempotent(b db, user int64, key, fp string) (*minsheng.Case, error) {
	var id int64
	var was string
	err := b.row("SELECT case_id, fingerprint FROM idempotency WHERE user_id = ? AND key = ?", user, key).Scan(&id, &was)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up idempotency key: %w", err)
	}
	if was != "" && was != fp {
		return nil, minsheng.Errorf(minsheng.EUNPROCESSABLE,
			"the idempotency key was already used for another request; send a new key for a new request")
	}
	return getCase(b, id, "")
}

// intakeFingerprint hashes the intake fields of a validated case in canonical
// form (defaults filled in, the phone normalised), so that a retry of the
// same request matches however its JSON was spelled, and another request
// under the same key does not.
func intakeFingerprint(c *minsheng.Case) string {
	canon, _ := json.Marshal(struct {
		Channel    minsheng.Channel `json:"channel"`
		ChannelRef string           `json:"channel_ref"`
		Citizen    minsheng.Citizen `json:"citizen"`
		Title      string           `json:"title"`
		Content    string           `json:"content"`
		CategoryID int64            `json:"category_id"`
		Address    string           `json:"address"`
		Lat        *float64         `json:"lat"`
		Lng        *float64         `json:"lng"`
		Urgency    minsheng.Urgency `json:"urgency"`
		WantsReply bool             `json:"wants_reply"`
	}{c.Channel, c.ChannelRef, c.Citizen, c.Title, c.Content, c.CategoryID, c.Address, c.Lat, c.Lng,
		c.Urgency, c.WantsReply})
	h := sha256.Sum256(canon)
	return hex.EncodeToString(h[:])
}

// insertCase stores a validated case; sv is its search column's value
// (Store.searchValue), fp
// the fingerprint recorded with an idempotency key.
func (s *Store) insertCase(b db, c *minsheng.Case, a minsheng.Actor, key, fp string, pol *lifecycle.Policy, sv any) error {
	now, ev := s.startIntake(c, a, pol)
	cols, args := intakeColumns, intakeArgs(c)
	if col := s.d.searchColumn(); col != "" {
		cols += ", " + col
		args = append(args, sv)
	}
	repeat, err := countIntake(b, c, now)
	if err != nil {
		return err
	}
	if repeat {
		cols += ", repeat_call"
		args = append(args, 1)
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
		b.touched()
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
	if key != "" {
		// DO NOTHING rather than a duplicate-key error: on PostgreSQL a
		// concurrent transaction may have recorded the key since idempotent
		// looked; this insert waits for it to commit and then skips.
		res, err := b.exec(`INSERT INTO idempotency (user_id, key, case_id, created_at, fingerprint) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (user_id, key) DO NOTHING`, a.UserID, key, c.ID, ms(now), fp)
		if err != nil {
			return fmt.Errorf("record idempotency key: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("record idempotency key: %w", err)
		} else if n == 0 {
			return errKeyTaken
		}
	}
	return nil
}

// startIntake fills in what intake decides for a new case (state, times,
// deadline, tracking code) and returns its receipt time and intake event.
func (s *Store) startIntake(c *minsheng.Case, a minsheng.Actor, pol *lifecycle.Policy) (time.Time, minsheng.Event) {
	now := s.now()
	if !c.CreatedAt.IsZero() { // imported or demo cases keep their own time
		now = c.CreatedAt.In(CST)
	}
	ev := lifecycle.Intake(c, a, now)
	if c.DueAt.IsZero() {
		c.DueAt = pol.Due(c, now)
	}
	c.TrackingCode = newTrackingCode()
	return now, ev
}

// intakeColumns are the columns a new case is inserted with, in intakeArgs'
// order; the bulk import writes the same ones.
const intakeColumns = `tracking_code, channel, channel_ref, citizen_name, citizen_phone, phone_norm,
anonymous, title, content, category_id, address, lat, lng, urgency, wants_reply, status, track,
due_at, created_by, created_at, updated_at, version, publish_consent, seat_type`

// intakeArgs lists a new case's values in intakeColumns order. Validate put
// the phone in canonical form; both phone columns hold it, so that one
// caller is stored one way (phone_norm stays the indexed key).
func intakeArgs(c *minsheng.Case) []any {
	return []any{c.TrackingCode, c.Channel, c.ChannelRef, c.Citizen.Name, c.Citizen.Phone,
		minsheng.NormalizePhone(c.Citizen.Phone), c.Citizen.Anonymous, c.Title, c.Content, nullID(c.CategoryID),
		c.Address, nullFloat(c.Lat), nullFloat(c.Lng), c.Urgency, c.WantsReply, c.Status, c.Track,
		ms(c.DueAt), nullID(c.CreatedBy), ms(c.CreatedAt), ms(c.UpdatedAt), c.Version, c.PublishConsent, c.SeatType}
}

// trackingAlphabet leaves out look-alike characters (0/O, 1/I/L) so that a
// citizen can read the code over the phone.
const trackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// trackingLen is the length of a tracking code.
const trackingLen = 12

// newTrackingCode returns 12 random characters: about 59 bits, unguessable.
func newTrackingCode() string {
	var buf [trackingLen]byte
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
	b.touched()
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
	code = strings.ToUpper(strings.TrimSpace(code))
	if !isTrackingCode(code) {
		// Not one we could have issued: not found, without asking the
		// database (and never sending it a NUL byte).
		return nil, fmt.Errorf("tracking code: %w", minsheng.ErrNotFound)
	}
	c, err := scanCase(s.rdb(ctx).row("SELECT "+caseColumns+" FROM cases WHERE tracking_code = ?", code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("tracking code: %w", minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("case by tracking code: %w", err)
	}
	return c, nil
}

// isTrackingCode reports whether code has the shape newTrackingCode gives.
func isTrackingCode(code string) bool {
	if len(code) != trackingLen {
		return false
	}
	for i := 0; i < len(code); i++ {
		if strings.IndexByte(trackingAlphabet, code[i]) < 0 {
			return false
		}
	}
	return true
}

// Events returns the whole timeline of a case, oldest first.
func (s *Store) Events(ctx context.Context, caseID int64) ([]minsheng.Event, error) {
	rows, err := s.rdb(ctx).rows("SELECT "+eventSelect+" FROM events WHERE case_id = ? ORDER BY id", caseID)
	if err != nil {
		return nil, fmt.Errorf("events of case %d: %w", caseID, err)
	}
	return scanEvents(rows)
}

// eventSelect is the column list scanEvents reads.
const eventSelect = `id, case_id, action, actor_id, actor_name, actor_role, org_id, at,
from_status, to_status, payload, public`

// scanEvents reads events in eventSelect's columns and closes the rows.
func scanEvents(rows *sql.Rows) ([]minsheng.Event, error) {
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
