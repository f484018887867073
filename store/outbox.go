package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"minsheng"
)

// The outbox (issue 10, "Replies back to the channel"): notifications are
// queued by Act in the transaction of the event that causes them, so that a
// crash loses none, and sent later by package outbox, which claims due rows
// with a lease so that of several nodes exactly one sends each.

// queueNotifications adds the notifications an event causes: a text message
// to the citizen when the channel answers that way, and one signed delivery
// to every webhook registered for the case's channel (limited to its own
// cases when the webhook belongs to a client account). The unique (event,
// kind, webhook) key means an event never queues twice for one target.
func (s *Store) queueNotifications(b db, c *minsheng.Case, ev minsheng.Event) error {
	topic := minsheng.NotifyTopic(ev)
	if topic == "" {
		return nil
	}
	if minsheng.WantsSMS(c) {
		if err := s.queueNotification(b, c, ev, topic, minsheng.NotifySMS, 0); err != nil {
			return err
		}
	}
	rows, err := b.rows(`SELECT id FROM webhooks WHERE NOT disabled AND channels LIKE ?
AND (user_id IS NULL OR user_id = ?) ORDER BY id`, "%,"+string(c.Channel)+",%", c.CreatedBy)
	if err != nil {
		return fmt.Errorf("webhooks of channel %s: %w", c.Channel, err)
	}
	var hooks []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		hooks = append(hooks, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range hooks {
		if err := s.queueNotification(b, c, ev, topic, minsheng.NotifyWebhook, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) queueNotification(b db, c *minsheng.Case, ev minsheng.Event, topic string, kind minsheng.NotifyKind, hook int64) error {
	id := newDeliveryID()
	body, err := json.Marshal(minsheng.NewNotifyMessage(id, topic, c, ev, kind))
	if err != nil {
		return fmt.Errorf("notification of case %d: %w", c.ID, err)
	}
	_, err = b.exec(`INSERT INTO outbox (delivery_id, case_id, event_id, kind, webhook_id, status, next_at, payload, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, kind, webhook_id) DO NOTHING`,
		id, c.ID, ev.ID, kind, hook, minsheng.NotifyPending, ms(ev.At), string(body), ms(ev.At))
	if err != nil {
		return fmt.Errorf("queue %s notification of case %d: %w", kind, c.ID, err)
	}
	return nil
}

// newDeliveryID is a random id in the shape of a UUID (version 4), which
// receivers' idempotency tables commonly expect.
func newDeliveryID() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

const notificationColumns = `id, delivery_id, case_id, event_id, kind, webhook_id, status, attempts, next_at,
last_error, payload, created_at, delivered_at`

func scanNotification(r rowScanner) (*minsheng.OutboxMessage, error) {
	var n minsheng.OutboxMessage
	var next, created int64
	var delivered sql.NullInt64
	var payload string
	if err := r.Scan(&n.ID, &n.DeliveryID, &n.CaseID, &n.EventID, &n.Kind, &n.WebhookID, &n.Status, &n.Attempts,
		&next, &n.LastError, &payload, &created, &delivered); err != nil {
		return nil, err
	}
	n.NextAt, n.CreatedAt, n.DeliveredAt, n.Payload = fromMS(next), fromMS(created), fromNullMS(delivered), json.RawMessage(payload)
	return &n, nil
}

// ClaimNotifications leases up to n due notifications to node for lease and
// counts the attempt. A row leased to another node is skipped (on
// PostgreSQL, rows another node is claiming at this moment too: SKIP LOCKED),
// so several nodes never send one notification at once; a node that dies
// leaves its lease to lapse, and the row is claimed again.
func (s *Store) ClaimNotifications(ctx context.Context, node string, n int, lease time.Duration) ([]*minsheng.OutboxMessage, error) {
	// An idle outbox is the usual case: a read says so without taking the
	// writer, which every node would otherwise do once per poll.
	var one int
	now := ms(s.now())
	err := s.rdb(ctx).row("SELECT 1 FROM outbox WHERE status = 'pending' AND next_at <= ? AND lease_until <= ? LIMIT 1", now, now).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("claim notifications: %w", err)
	}
	var out []*minsheng.OutboxMessage
	err = s.w.do(ctx, func(tx *wtx) error {
		out = out[:0]
		b := s.txdb(ctx, tx)
		now := ms(s.now())
		rows, err := b.rows(`UPDATE outbox SET lease_until = ?, claimed_by = ?, attempts = attempts + 1
WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_at <= ? AND lease_until <= ?
ORDER BY next_at, id LIMIT ?`+s.d.skipLocked()+`) RETURNING `+notificationColumns,
			now+lease.Milliseconds(), node, now, now, n)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			x, err := scanNotification(rows)
			if err != nil {
				return err
			}
			out = append(out, x)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim notifications: %w", err)
	}
	return out, nil
}

// NotificationDelivered records a successful delivery, so that no node sends
// it again.
func (s *Store) NotificationDelivered(ctx context.Context, id int64) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := s.txdb(ctx, tx).exec(`UPDATE outbox SET status = 'delivered', delivered_at = ?, lease_until = 0,
last_error = '' WHERE id = ? AND status = 'pending'`, ms(s.now()), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("notification %d delivered: %w", id, err)
	}
	return nil
}

// NotificationFailed records a failed attempt: the row waits until retryAt,
// or, when retryAt is nil, joins the dead letters for an admin to see.
func (s *Store) NotificationFailed(ctx context.Context, id int64, reason string, retryAt *time.Time) error {
	reason = strings.ToValidUTF8(strings.ReplaceAll(reason, "\x00", ""), "?")
	if len(reason) > 500 {
		reason = reason[:500]
	}
	status, next := minsheng.NotifyPending, s.now()
	if retryAt == nil {
		status = minsheng.NotifyDead
	} else {
		next = *retryAt
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := s.txdb(ctx, tx).exec(`UPDATE outbox SET status = ?, next_at = ?, lease_until = 0, last_error = ?
WHERE id = ? AND status = 'pending'`, status, ms(next), reason, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("notification %d failed: %w", id, err)
	}
	return nil
}

// Notifications lists notifications in a state, newest first, after the id
// before (0: from the newest).
func (s *Store) OutboxMessages(ctx context.Context, status minsheng.NotifyStatus, before int64, limit int) ([]*minsheng.OutboxMessage, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.rdb(ctx).rows("SELECT "+notificationColumns+" FROM outbox WHERE status = ? AND id < ? ORDER BY id DESC LIMIT ?",
		status, before, limit)
	if err != nil {
		return nil, fmt.Errorf("list notifications: %w", err)
	}
	defer rows.Close()
	var out []*minsheng.OutboxMessage
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, fmt.Errorf("list notifications: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// CaseNotifications lists a case's notifications, oldest first.
func (s *Store) CaseNotifications(ctx context.Context, caseID int64) ([]*minsheng.OutboxMessage, error) {
	rows, err := s.rdb(ctx).rows("SELECT "+notificationColumns+" FROM outbox WHERE case_id = ? ORDER BY id", caseID)
	if err != nil {
		return nil, fmt.Errorf("notifications of case %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []*minsheng.OutboxMessage
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// RetryOutboxMessage sends a dead letter again: a fresh round of attempts,
// due now, with the same delivery id, so a receiver that did get an earlier
// attempt still drops it. Errors: ENOTFOUND; ECONFLICT unless it is dead.
func (s *Store) RetryOutboxMessage(ctx context.Context, id int64) (*minsheng.OutboxMessage, error) {
	var n *minsheng.OutboxMessage
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var err error
		n, err = scanNotification(b.row("SELECT "+notificationColumns+" FROM outbox WHERE id = ?"+s.d.lockCase(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return minsheng.ErrNotFound
		}
		if err != nil {
			return err
		}
		if n.Status != minsheng.NotifyDead {
			return minsheng.Errorf(minsheng.ECONFLICT, "notification %d is %s; only a dead one can be retried", id, n.Status)
		}
		now := s.now()
		if _, err := b.exec("UPDATE outbox SET status = 'pending', attempts = 0, next_at = ?, lease_until = 0 WHERE id = ?",
			ms(now), id); err != nil {
			return err
		}
		n.Status, n.Attempts, n.NextAt = minsheng.NotifyPending, 0, now
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("retry notification %d: %w", id, err)
	}
	return n, nil
}
