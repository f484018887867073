package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minsheng"
)

// TrendCases returns the cases received in [from, to), oldest first, for
// hotspot and surge analysis; merged duplicates are left out (their master
// stands for them). Without text only ids, addresses, categories,
// organisations and times are read, which is what counting needs. With
// newest > 0 only the newest that many are read.
func (s *Store) TrendCases(ctx context.Context, from, to time.Time, withText bool, newest int) ([]minsheng.TrendCase, error) {
	cols := "id, '', '', address, '', COALESCE(category_id, 0), org_path, created_at"
	if withText {
		cols = "id, title, content, address, phone_norm, COALESCE(category_id, 0), org_path, created_at"
	}
	q := "SELECT " + cols + " FROM cases WHERE created_at >= ? AND created_at < ? AND status <> 'merged'"
	args := []any{ms(from), ms(to)}
	if newest > 0 { // only the last ones, read newest first and put back in order
		q = "SELECT * FROM (" + q + " ORDER BY created_at DESC, id DESC LIMIT ?) AS t"
		args = append(args, newest)
	}
	rows, err := s.rdb(ctx).rows(q+" ORDER BY created_at, id", args...)
	if err != nil {
		return nil, fmt.Errorf("trend cases: %w", err)
	}
	return scanTrendCases(rows)
}

// SaveSurges stores new alerts and skips those already raised (same kind,
// category, area and day), in one transaction; it returns how many were new
// and sets their ids. Each new alert's notifications, from tell (nil: none),
// are added in the same transaction: an alert raised is an alert told, and
// one already raised, by this node or another, is never told again.
func (s *Store) SaveSurges(ctx context.Context, alerts []minsheng.Surge, tell minsheng.SurgeTeller) (int, error) {
	added := 0
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		added = 0
		now := s.now()
		for i := range alerts {
			a := &alerts[i]
			res, err := b.exec(`INSERT INTO alerts (kind, category_id, area_id, day, from_day, observed, expected, score, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, category_id, area_id, day) DO NOTHING`,
				a.Kind, a.CategoryID, a.AreaID, a.Day, a.From, a.Observed, a.Expected, a.Score, ms(now))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				added++
				a.CreatedAt = now
				if err := b.row("SELECT id FROM alerts WHERE kind = ? AND category_id = ? AND area_id = ? AND day = ?",
					a.Kind, a.CategoryID, a.AreaID, a.Day).Scan(&a.ID); err != nil {
					return err
				}
				if tell == nil {
					continue
				}
				ns, err := tell(*a)
				if err != nil {
					return err
				}
				for _, n := range ns {
					n.AlertID = a.ID
					if err := insertNotification(b, n); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save alerts: %w", err)
	}
	return added, nil
}

// alertColumns are an alert's columns in scanSurge's order.
const alertColumns = "id, kind, category_id, area_id, day, from_day, observed, expected, score, created_at"

func scanSurge(r interface{ Scan(...any) error }) (minsheng.Surge, error) {
	var a minsheng.Surge
	var at int64
	err := r.Scan(&a.ID, &a.Kind, &a.CategoryID, &a.AreaID, &a.Day, &a.From, &a.Observed, &a.Expected, &a.Score, &at)
	a.CreatedAt = fromMS(at)
	return a, err
}

// scanTrendCases reads TrendCases' columns and closes rows.
func scanTrendCases(rows *sql.Rows) ([]minsheng.TrendCase, error) {
	defer rows.Close()
	var out []minsheng.TrendCase
	for rows.Next() {
		var c minsheng.TrendCase
		var at int64
		if err := rows.Scan(&c.ID, &c.Title, &c.Content, &c.Address, &c.Phone, &c.CategoryID, &c.OrgPath, &at); err != nil {
			return nil, fmt.Errorf("trend cases: %w", err)
		}
		c.CreatedAt = fromMS(at)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("trend cases: %w", err)
	}
	return out, nil
}

// SampleTrendCases returns about n of the cases TrendCases(from, to, true,
// 0) would, spread evenly over the period (every k-th by id), with how many
// there were in all: a month's hot topics from a sample of the whole month
// rather than from its last day. With at most n cases, all are returned.
func (s *Store) SampleTrendCases(ctx context.Context, from, to time.Time, n int) ([]minsheng.TrendCase, int, error) {
	var total int
	if err := s.rdb(ctx).row("SELECT COUNT(*) FROM cases WHERE created_at >= ? AND created_at < ? AND status <> 'merged'",
		ms(from), ms(to)).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("trend cases: %w", err)
	}
	if total <= n {
		cases, err := s.TrendCases(ctx, from, to, true, 0)
		return cases, total, err
	}
	k := (total + n - 1) / n
	rows, err := s.rdb(ctx).rows(`SELECT id, title, content, address, phone_norm, COALESCE(category_id, 0), org_path, created_at
FROM cases WHERE created_at >= ? AND created_at < ? AND status <> 'merged' AND id % ? = 0 ORDER BY created_at, id`,
		ms(from), ms(to), k)
	if err != nil {
		return nil, 0, fmt.Errorf("trend cases: %w", err)
	}
	cases, err := scanTrendCases(rows)
	return cases, total, err
}

// Surges returns the alerts raised on or after a day (YYYY-MM-DD), newest
// first.
func (s *Store) Surges(ctx context.Context, sinceDay string) ([]minsheng.Surge, error) {
	rows, err := s.rdb(ctx).rows("SELECT "+alertColumns+" FROM alerts WHERE day >= ? ORDER BY day DESC, id DESC", sinceDay)
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	defer rows.Close()
	out := []minsheng.Surge{}
	for rows.Next() {
		a, err := scanSurge(rows)
		if err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Surge returns one alert. Errors: ENOTFOUND.
func (s *Store) Surge(ctx context.Context, id int64) (*minsheng.Surge, error) {
	a, err := scanSurge(s.rdb(ctx).row("SELECT "+alertColumns+" FROM alerts WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("surge alert %d: %w", id, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("surge alert %d: %w", id, err)
	}
	return &a, nil
}
