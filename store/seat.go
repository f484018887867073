package store

import (
	"context"
	"database/sql"
	"fmt"

	"minsheng"
)

// SetSeatType puts an account at a special seat, or back at an ordinary
// one with "". Errors: EINVALID, ENOTFOUND.
func (s *Store) SetSeatType(ctx context.Context, userID int64, t minsheng.SeatType) error {
	if !t.Valid() {
		return minsheng.Invalid("seat_type", "one of expert, business, guest or empty")
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if err := b.updateOne("UPDATE users SET seat_type = ? WHERE id = ?", t, userID); err != nil {
			return err
		}
		return bumpAuth(b) // signed-in sessions carry the account, seat included

	})
	if err != nil {
		return fmt.Errorf("set seat type of user %d: %w", userID, err)
	}
	return nil
}

// AddSeatLog writes an entry of the operator's log; the author's seat at
// the time is recorded with it, so moving seats later does not rewrite it. Errors: EINVALID (bad fields, unknown case).
func (s *Store) AddSeatLog(ctx context.Context, l *minsheng.SeatLog) error {
	if err := l.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if l.CaseID != 0 {
			var n int
			if err := b.row("SELECT COUNT(*) FROM cases WHERE id = ?", l.CaseID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return minsheng.Invalid("case_id", "no such case")
			}
		}
		if err := b.row("SELECT name, seat_type FROM users WHERE id = ?", l.UserID).Scan(&l.UserName, &l.SeatType); err != nil {
			return fmt.Errorf("author: %w", err)
		}
		l.CreatedAt = s.now()
		var err error
		l.ID, err = b.insert("INSERT INTO seat_logs (user_id, case_id, seat_type, kind, text, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			l.UserID, nullID(l.CaseID), l.SeatType, l.Kind, l.Text, ms(l.CreatedAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("add seat log: %w", err)
	}
	return nil
}

// SeatLogs lists log entries, newest first.
func (s *Store) SeatLogs(ctx context.Context, f minsheng.SeatLogFilter) ([]minsheng.SeatLog, error) {
	q := "SELECT l.id, l.user_id, u.name, l.seat_type, l.case_id, l.kind, l.text, l.created_at FROM seat_logs l JOIN users u ON u.id = l.user_id WHERE 1 = 1"
	var args []any
	if f.UserID != 0 {
		q += " AND l.user_id = ?"
		args = append(args, f.UserID)
	}
	if !f.After.IsZero() {
		q += " AND l.created_at >= ?"
		args = append(args, ms(f.After))
	}
	if !f.Before.IsZero() {
		q += " AND l.created_at < ?"
		args = append(args, ms(f.Before))
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q += fmt.Sprintf(" ORDER BY l.created_at DESC, l.id DESC LIMIT %d", limit)
	rows, err := s.rdb(ctx).rows(q, args...)
	if err != nil {
		return nil, fmt.Errorf("list seat logs: %w", err)
	}
	defer rows.Close()
	var out []minsheng.SeatLog
	for rows.Next() {
		var l minsheng.SeatLog
		var caseID sql.NullInt64
		var created int64
		if err := rows.Scan(&l.ID, &l.UserID, &l.UserName, &l.SeatType, &caseID, &l.Kind, &l.Text, &created); err != nil {
			return nil, fmt.Errorf("scan seat log: %w", err)
		}
		l.CaseID, l.CreatedAt = caseID.Int64, fromMS(created)
		out = append(out, l)
	}
	return out, rows.Err()
}
