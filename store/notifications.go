package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"minsheng"
)

// insertNotification adds one message to a user's list, inside the
// transaction of the change it tells about.
func insertNotification(b db, n minsheng.Notification) error {
	if _, err := b.exec("INSERT INTO notifications (user_id, case_id, alert_id, kind, level, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		n.UserID, nullID(n.CaseID), nullID(n.AlertID), n.Kind, n.Level, n.Note, ms(n.CreatedAt)); err != nil {
		return fmt.Errorf("notify user %d: %w", n.UserID, err)
	}
	return nil
}

// Notifications lists a user's messages, newest first, with the case's
// number and title; unreadOnly leaves out those read. before pages: only ids
// below it (0: from the newest).
func (s *Store) Notifications(ctx context.Context, userID int64, unreadOnly bool, before int64, limit int) ([]minsheng.Notification, error) {
	q := `SELECT n.id, n.user_id, n.case_id, n.alert_id, n.kind, n.level, n.note, n.created_at, n.read_at, c.id, c.created_at, c.title
FROM notifications n LEFT JOIN cases c ON c.id = n.case_id WHERE n.user_id = ?`
	args := []any{userID}
	if unreadOnly {
		q += " AND n.read_at IS NULL"
	}
	if before > 0 {
		q, args = q+" AND n.id < ?", append(args, before)
	}
	rows, err := s.rdb(ctx).rows(q+" ORDER BY n.id DESC LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("notifications of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []minsheng.Notification
	for rows.Next() {
		var n minsheng.Notification
		var caseID, alertID, cid, ccreated sql.NullInt64
		var title sql.NullString
		var created int64
		var read sql.NullInt64
		if err := rows.Scan(&n.ID, &n.UserID, &caseID, &alertID, &n.Kind, &n.Level, &n.Note, &created, &read, &cid, &ccreated, &title); err != nil {
			return nil, fmt.Errorf("notifications of user %d: %w", userID, err)
		}
		n.CaseID, n.AlertID, n.CreatedAt, n.ReadAt, n.CaseTitle = caseID.Int64, alertID.Int64, fromMS(created), fromNullMS(read), title.String
		if cid.Valid {
			n.CaseNumber = minsheng.CaseNumber(cid.Int64, fromMS(ccreated.Int64))
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// UnreadNotifications counts a user's unread messages, for the badge in
// the page header.
func (s *Store) UnreadNotifications(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := s.rdb(ctx).row("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("unread notifications of user %d: %w", userID, err)
	}
	return n, nil
}

// MarkNotificationsRead marks the user's messages read: the one with id,
// or all of them when id is 0. It returns how many changed. Errors:
// ENOTFOUND for an id that is not the user's.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID, id int64) (int, error) {
	var changed int
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		at := ms(s.now())
		if id == 0 {
			res, err := b.exec("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", at, userID)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			changed = int(n)
			return nil
		}
		var owner int64
		var read sql.NullInt64
		err := b.row("SELECT user_id, read_at FROM notifications WHERE id = ?", id).Scan(&owner, &read)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err != nil || owner != userID {
			return minsheng.Errorf(minsheng.ENOTFOUND, "no such notification")
		}
		if read.Valid {
			changed = 0
			return nil
		}
		changed = 1
		_, err = b.exec("UPDATE notifications SET read_at = ? WHERE id = ?", at, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("mark notifications read: %w", err)
	}
	return changed, nil
}

// LeadersList is the leaders' list (领导督办清单): open cases at supervision
// level 2 or above and cases a leader handed down, soonest deadline first.
func (s *Store) LeadersList(ctx context.Context, limit int) ([]*minsheng.Case, error) {
	rows, err := s.rdb(ctx).rows("SELECT "+prefixed(caseColumns, "c.")+` FROM cases c
WHERE c.status NOT IN ('closed','merged','referred') AND (c.supervision >= 2 OR c.leader_assigned = true)
ORDER BY c.due_at, c.id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("leaders' list: %w", err)
	}
	return scanAll(rows, scanCase)
}
