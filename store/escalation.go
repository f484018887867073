package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// EscalationRules returns the admin's escalation rules.
func (s *Store) EscalationRules(ctx context.Context) (*minsheng.EscalationRules, error) {
	var r minsheng.EscalationRules
	var at int64
	var by sql.NullInt64
	err := s.rdb(ctx).row(`SELECT enabled, due_soon_hours, overdue_level1, level2_overdue_days, level2_send_backs,
updated_at, updated_by FROM escalation_rules WHERE id = 1`).Scan(&r.Enabled, &r.DueSoonHours, &r.OverdueLevel1,
		&r.Level2OverdueDays, &r.Level2SendBacks, &at, &by)
	if err != nil {
		return nil, fmt.Errorf("escalation rules: %w", err)
	}
	r.UpdatedAt, r.UpdatedBy = fromMS(at), by.Int64
	return &r, nil
}

// SaveEscalationRules replaces the rules. Errors: EINVALID.
func (s *Store) SaveEscalationRules(ctx context.Context, r *minsheng.EscalationRules) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.UpdatedAt = s.now()
	err := s.w.do(ctx, func(tx *wtx) error {
		return s.txdb(ctx, tx).updateOne(`UPDATE escalation_rules SET enabled = ?, due_soon_hours = ?, overdue_level1 = ?,
level2_overdue_days = ?, level2_send_backs = ?, updated_at = ?, updated_by = ? WHERE id = 1`,
			r.Enabled, r.DueSoonHours, r.OverdueLevel1, r.Level2OverdueDays, r.Level2SendBacks, ms(r.UpdatedAt), nullID(r.UpdatedBy))
	})
	if err != nil {
		return fmt.Errorf("save escalation rules: %w", err)
	}
	return nil
}

// AlertCandidates lists the cases an escalation rule may apply to, oldest
// deadline first.
func (s *Store) AlertCandidates(ctx context.Context, q minsheng.AlertQuery) ([]*minsheng.Case, error) {
	var where []string
	var args []any
	if q.MinSendBacks > 0 {
		where = append(where, "c.status NOT IN ('closed','merged','referred')", "c.send_backs >= ?")
		args = append(args, q.MinSendBacks)
	} else {
		where = append(where, "c.status IN ("+statusList(minsheng.DeadlineStatuses())+")", "c.due_at > 0")
	}
	if !q.DueFrom.IsZero() {
		where, args = append(where, "c.due_at > ?"), append(args, ms(q.DueFrom))
	}
	if !q.DueBefore.IsZero() {
		where, args = append(where, "c.due_at < ?"), append(args, ms(q.DueBefore))
	}
	if q.BelowLevel > 0 {
		where, args = append(where, "c.supervision < ?"), append(args, q.BelowLevel)
	}
	where = append(where, `NOT EXISTS (SELECT 1 FROM case_alerts a WHERE a.case_id = c.id AND a.kind = ? AND a.due_at = `+
		alertDueColumn(q.Kind)+`)`)
	args = append(args, q.Kind, max(q.Limit, 1))
	rows, err := s.rdb(ctx).rows("SELECT "+prefixed(caseColumns, "c.")+" FROM cases c WHERE "+strings.Join(where, " AND ")+
		" ORDER BY c.due_at, c.id LIMIT ?", args...)
	if err != nil {
		return nil, fmt.Errorf("%s candidates: %w", q.Kind, err)
	}
	return scanAll(rows, scanCase)
}

// alertDueColumn is the deadline an alert of this kind is keyed on: a
// reminder is per deadline, an escalation per case.
func alertDueColumn(k minsheng.AlertKind) string {
	if k == minsheng.AlertDueSoon {
		return "c.due_at"
	}
	return "0"
}

// ApplyAlert applies one rule to one case in one transaction: it locks the
// case, checks that the rule still holds and was not applied before, raises
// the supervision level through the lifecycle (so the timeline says so, as
// the rules' own act), records the alert and notifies the recipients. It
// reports false when there was nothing to do. Errors: ENOTFOUND.
func (s *Store) ApplyAlert(ctx context.Context, al minsheng.Alert) (bool, error) {
	pol, err := s.Policy(ctx)
	if err != nil {
		return false, err
	}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return false, err
	}
	applied := false
	err = s.w.do(ctx, func(tx *wtx) error {
		applied = false
		b := s.txdb(ctx, tx)
		c, err := getCase(b, al.CaseID, s.d.lockCase())
		if err != nil {
			return err
		}
		if al.Holds != nil && !al.Holds(c) {
			return nil
		}
		var due int64
		if al.Kind == minsheng.AlertDueSoon {
			due = ms(c.DueAt)
		}
		var n int
		if err := b.row("SELECT COUNT(*) FROM case_alerts WHERE case_id = ? AND kind = ? AND due_at = ?",
			c.ID, al.Kind, due).Scan(&n); err != nil {
			return fmt.Errorf("alerts of case %d: %w", c.ID, err)
		}
		if n > 0 {
			return nil
		}
		now := s.now()
		if lvl := al.Kind.Level(); lvl > c.Supervision {
			req := lifecycle.Request{Action: lifecycle.Supervise, Level: lvl, Note: al.Reason}
			if _, _, err := s.act(b, c.ID, minsheng.SystemActor, req, pol.Env(now), orgs); err != nil {
				return err
			}
		}
		if _, err := b.exec("INSERT INTO case_alerts (case_id, kind, due_at, reason, at) VALUES (?, ?, ?, ?, ?)",
			c.ID, al.Kind, due, al.Reason, ms(now)); err != nil {
			return fmt.Errorf("record alert: %w", err)
		}
		for _, uid := range al.Recipients {
			if err := insertNotification(b, minsheng.Notification{UserID: uid, CaseID: c.ID, Kind: al.Kind,
				Level: al.Kind.Level(), Note: al.Reason, CreatedAt: now}); err != nil {
				return err
			}
		}
		applied = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("%s on case %d: %w", al.Kind, al.CaseID, err)
	}
	return applied, nil
}

// Alerts lists the alerts applied to a case, oldest first, for tests and
// the case's oversight view.
func (s *Store) Alerts(ctx context.Context, caseID int64) ([]minsheng.AlertKind, error) {
	rows, err := s.rdb(ctx).rows("SELECT kind FROM case_alerts WHERE case_id = ? ORDER BY at, kind", caseID)
	if err != nil {
		return nil, fmt.Errorf("alerts of case %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []minsheng.AlertKind
	for rows.Next() {
		var k minsheng.AlertKind
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// localJobs keeps one run of a named job at a time per SQLite store; with one
// node, that is all the exclusion there is.
var localJobs sync.Map // "store pointer:name" → *sync.Mutex

// TryJobLock takes the named job's lock if no one holds it and returns the
// function that gives it back; ok is false when another run holds it. On
// PostgreSQL it is a session advisory lock on a connection of its own, so
// across every node sharing the database (and every goroutine of this one)
// only one runs the job at a time, and a node that dies releases it with its
// connection.
func (s *Store) TryJobLock(ctx context.Context, name string) (unlock func(), ok bool, err error) {
	if s.d.name() != "postgres" {
		m, _ := localJobs.LoadOrStore(fmt.Sprintf("%p:%s", s, name), &sync.Mutex{})
		mu := m.(*sync.Mutex)
		if !mu.TryLock() {
			return nil, false, nil
		}
		return mu.Unlock, true, nil
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("job lock %s: %w", name, err)
	}
	// The key names the schema too: deployments (and test runs) that share
	// a database in separate schemas do not hold each other's jobs.
	key := "minsheng.job." + name
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(hashtext(current_schema()), hashtext($1))", key).Scan(&ok); err != nil || !ok {
		conn.Close()
		if err != nil {
			return nil, false, fmt.Errorf("job lock %s: %w", name, err)
		}
		return nil, false, nil
	}
	return func() {
		// Unlock on a fresh context: the run's may be cancelled already.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock(hashtext(current_schema()), hashtext($1))", key); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // drop it, and the lock with it
		}
		conn.Close()
	}, true, nil
}
