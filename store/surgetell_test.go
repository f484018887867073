package store

import (
	"context"
	"errors"
	"testing"

	"minsheng"
)

// TestSurgeAndNotificationsCommitTogether: a surge alert and the
// notifications it sends are one transaction. A teller that fails, or a
// notification that cannot be stored (no such user, the same user twice
// for one alert), leaves neither the alert nor any notification; a good
// one stores both, linked by the alert's id; and an alert already raised
// is not told again when a later run saves it with a new one.
func TestSurgeAndNotificationsCommitTogether(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		surge := func(day string) minsheng.Surge {
			return minsheng.Surge{Kind: "surge", CategoryID: 7, AreaID: f.dept.ID, Day: day, From: "2031-06-23", Observed: 36, Expected: 12}
		}
		to := func(users ...int64) minsheng.SurgeTeller {
			return func(a minsheng.Surge) ([]minsheng.Notification, error) {
				var ns []minsheng.Notification
				for _, u := range users {
					ns = append(ns, minsheng.Notification{UserID: u, Kind: minsheng.AlertSurge, Note: "东港区「停水」诉求上升：" + a.Day, CreatedAt: a.CreatedAt})
				}
				return ns, nil
			}
		}
		stored := func() ([]minsheng.Surge, []minsheng.Notification) {
			t.Helper()
			alerts, err := s.Surges(ctx, "2000-01-01")
			if err != nil {
				t.Fatal(err)
			}
			ns, err := s.Notifications(ctx, f.dispatcher.UserID, false, 0, 50)
			if err != nil {
				t.Fatal(err)
			}
			return alerts, ns
		}
		boom := errors.New("boom")
		for name, tell := range map[string]minsheng.SurgeTeller{
			"failing teller": func(minsheng.Surge) ([]minsheng.Notification, error) { return nil, boom },
			"unknown user":   to(f.dispatcher.UserID, 999999),
			"told twice":     to(f.dispatcher.UserID, f.dispatcher.UserID),
		} {
			if n, err := s.SaveSurges(ctx, []minsheng.Surge{surge("2031-06-29")}, tell); err == nil {
				t.Fatalf("%s: saved %d alerts without error", name, n)
			}
			if alerts, ns := stored(); len(alerts) != 0 || len(ns) != 0 {
				t.Fatalf("%s left %d alerts and %d notifications", name, len(alerts), len(ns))
			}
		}

		if n, err := s.SaveSurges(ctx, []minsheng.Surge{surge("2031-06-29")}, to(f.dispatcher.UserID)); err != nil || n != 1 {
			t.Fatalf("save: %d %v", n, err)
		}
		if n, err := s.SaveSurges(ctx, []minsheng.Surge{surge("2031-06-29"), surge("2031-06-30")}, to(f.dispatcher.UserID)); err != nil || n != 1 {
			t.Fatalf("save again with a new one: %d %v", n, err)
		}
		alerts, ns := stored()
		if len(alerts) != 2 || len(ns) != 2 {
			t.Fatalf("%d alerts and %d notifications, want two of each", len(alerts), len(ns))
		}
		for i, n := range ns { // both newest first
			if n.AlertID != alerts[i].ID || n.Kind != minsheng.AlertSurge || n.CaseID != 0 || n.Note != "东港区「停水」诉求上升："+alerts[i].Day {
				t.Errorf("notification %+v for alert %+v", n, alerts[i])
			}
		}
	})
}
