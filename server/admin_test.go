package server

import (
	"fmt"
	"testing"
	"time"

	"minsheng/store"
	"minsheng/store/storetest"
)

// TestDeadlinesFollowAdminRulesAndHolidays sets a deadline rule and a made-up
// holiday week through the API and checks the due date a new case gets.
func TestDeadlinesFollowAdminRulesAndHolidays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		base := m.URL()
		// Monday 2031-03-03 10:00 Beijing time; a 3-working-day rule; Tue-Thu off.
		now := time.Date(2031, 3, 3, 10, 0, 0, 0, store.CST)
		m.Store.Clock = func() time.Time { return now }
		admin, agent := login(t, base, "admin"), login(t, base, "agent")
		if st, out := admin.call("POST", "/api/v1/deadline-rules", map[string]any{"urgency": "normal", "days": 3}); st != 201 {
			t.Fatalf("rule: %d %v", st, out)
		}
		days := []map[string]string{{"date": "2031-03-04", "kind": "holiday", "name": "测试假期"},
			{"date": "2031-03-05", "kind": "holiday"}, {"date": "2031-03-06", "kind": "holiday"},
			{"date": "2031-03-08", "kind": "workday", "name": "调休上班"}}
		if st, out := admin.call("PUT", "/api/v1/holidays/2031", map[string]any{"items": days}); st != 200 {
			t.Fatalf("holidays: %d %v", st, out)
		}
		st, c := agent.call("POST", "/api/v1/cases", map[string]any{"content": "咨询办事流程"})
		if st != 201 {
			t.Fatalf("create: %d %v", st, c)
		}
		// Working days after Monday: Fri 7th, Sat 8th (make-up day), Mon 10th.
		if c["due_at"] != "2031-03-10T18:00:00+08:00" {
			t.Fatalf("due_at %v, want 2031-03-10T18:00:00+08:00", c["due_at"])
		}
		// No urgent rule: the fallback is one working day, Friday the 7th.
		_, c = agent.call("POST", "/api/v1/cases", map[string]any{"content": "紧急：燃气泄漏", "urgency": "urgent"})
		if c["due_at"] != "2031-03-07T18:00:00+08:00" {
			t.Fatalf("urgent due_at %v, want 2031-03-07T18:00:00+08:00", c["due_at"])
		}
	})
}

func TestAdminManagesAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		admin := login(t, base, "admin")
		st, u := admin.call("POST", "/api/v1/users", map[string]any{"username": "newagent", "name": "新坐席", "role": "agent",
			"org_id": orgs["hotline"], "password": "test-password"})
		if st != 201 {
			t.Fatalf("create user: %d %v", st, u)
		}
		for _, bad := range []map[string]any{
			{"username": "newagent", "role": "agent", "org_id": orgs["hotline"], "password": "test-password"},
			{"username": "x y", "role": "agent", "org_id": orgs["hotline"], "password": "test-password"},
			{"username": "short", "role": "agent", "org_id": orgs["hotline"], "password": "short"},
			{"username": "norole", "role": "king", "org_id": orgs["hotline"], "password": "test-password"},
		} {
			if st, out := admin.call("POST", "/api/v1/users", bad); st != 400 {
				t.Errorf("bad user %v: %d %v", bad, st, out)
			}
		}
		c := login(t, base, "newagent")
		if st, _ := c.call("GET", "/api/v1/me", nil); st != 200 {
			t.Fatal(st)
		}
		if st, out := admin.call("PATCH", fmt.Sprintf("/api/v1/users/%v", u["id"]), map[string]any{"disabled": true}); st != 200 {
			t.Fatalf("disable: %d %v", st, out)
		}
		if st, _ := (client{t: t, base: base}).call("POST", "/api/v1/login", map[string]string{"username": "newagent", "password": "test-password"}); st != 401 {
			t.Fatalf("disabled user logged in: %d", st)
		}
		if st, out := admin.call("PATCH", fmt.Sprintf("/api/v1/orgs/%d", orgs["edu"]), map[string]any{"name": "市教育局（新）", "kind": "department"}); st != 200 || out["name"] != "市教育局（新）" {
			t.Fatalf("rename org: %d %v", st, out)
		}
		if st, out := admin.call("POST", "/api/v1/categories", map[string]any{"code": "990000", "name": "其他", "level": 1}); st != 201 {
			t.Fatalf("category: %d %v", st, out)
		}
		if st, _ := admin.call("POST", "/api/v1/categories", map[string]any{"code": "990000", "name": "重复", "level": 1}); st != 400 {
			t.Fatalf("duplicate category code: %d", st)
		}
	})
}
