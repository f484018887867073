package service

import (
	"context"
	"strings"
	"testing"

	"minsheng"
	"minsheng/store/storetest"
)

// TestSurgeNotifiesAnalystsAndSupervisors raises the one surge of
// loadSurgeHistory and checks, on both databases, that every active analyst
// and supervisor gets one notification about it (naming 东港区 and 停水 in
// Chinese, with its figures and the alert it links to), that a disabled
// supervisor and every other role get none, and that a second run tells
// nobody again.
func TestSurgeNotifiesAnalystsAndSupervisors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		svc, st, city, today := surgeTown(t, url)
		ctx := context.Background()
		user := func(name string, r minsheng.Role, disabled bool) *minsheng.User {
			u := &minsheng.User{Username: name, Name: name, Role: r, OrgID: city.east.ParentID, Disabled: disabled}
			if err := st.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
			return u
		}
		told := []*minsheng.User{city.analyst, user("analyst2", minsheng.RoleAnalyst, false), user("supervisor", minsheng.RoleSupervisor, false)}
		untold := []*minsheng.User{city.handler, user("retired", minsheng.RoleSupervisor, true), user("leader", minsheng.RoleLeader, false),
			user("admin", minsheng.RoleAdmin, false), user("dispatcher", minsheng.RoleDispatcher, false), user("inspector", minsheng.RoleInspector, false)}
		loadSurgeHistory(t, st, city, today)

		run, err := svc.DetectSurges(ctx)
		if err != nil || run.New != 1 {
			t.Fatalf("detection: %+v %v, want the one surge", run, err)
		}
		alerts, err := st.Surges(ctx, "2000-01-01")
		if err != nil || len(alerts) != 1 {
			t.Fatalf("alerts: %+v %v", alerts, err)
		}
		a := alerts[0]
		for _, u := range told {
			ns, err := st.Notifications(ctx, u.ID, false, 0, 50)
			if err != nil {
				t.Fatal(err)
			}
			if len(ns) != 1 {
				t.Fatalf("%s has %d notifications, want one: %+v", u.Username, len(ns), ns)
			}
			n := ns[0]
			if n.Kind != minsheng.AlertSurge || n.AlertID != a.ID || n.CaseID != 0 || n.ReadAt != nil ||
				!strings.HasPrefix(n.Note, "东港区「停水」诉求上升：") || !strings.Contains(n.Note, "受理 "+figure(a.Observed)+" 件") ||
				!strings.Contains(n.Note, "基线约 "+figure(a.Expected)+" 件") || !strings.Contains(n.Note, "倍）") {
				t.Errorf("%s's notification: %+v (alert %+v)", u.Username, n, a)
			}
		}
		for _, u := range untold {
			if ns, err := st.Notifications(ctx, u.ID, false, 0, 50); err != nil || len(ns) != 0 {
				t.Errorf("%s (%s, disabled %v) was told: %+v %v", u.Username, u.Role, u.Disabled, ns, err)
			}
		}

		if again, err := svc.DetectSurges(ctx); err != nil || again.New != 0 {
			t.Fatalf("second run: %+v %v", again, err)
		}
		for _, u := range told {
			if n, err := st.UnreadNotifications(ctx, u.ID); err != nil || n != 1 {
				t.Errorf("%s after a second run: %d unread (%v), want still one", u.Username, n, err)
			}
		}
	})
}

// TestSurgeNote reads the sentence a surge notification says.
func TestSurgeNote(t *testing.T) {
	a := minsheng.Surge{From: "2031-06-23", Day: "2031-06-29", Observed: 36, Expected: 12.44}
	if got, want := surgeNote(a, "停水", "东港区"), "东港区「停水」诉求上升：6月23日至6月29日受理 36 件，基线约 12.4 件，多 23.6 件（2.9 倍）。"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	a = minsheng.Surge{From: "2031-06-29", Day: "2031-06-29", Observed: 5}
	if got, want := surgeNote(a, "", "全市"), "全市「未分类」诉求上升：6月29日受理 5 件，基线约 0 件，多 5 件。"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
}
