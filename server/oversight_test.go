package server

import (
	"fmt"
	"testing"
	"time"

	"minsheng/store/storetest"
)

// TestEscalationOverHTTP edits the escalation rules as an admin, runs them,
// and reads and marks the handler's reminder through the API, on both
// databases; other roles may not change the rules or read others' messages.
func TestEscalationOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		admin, handler, handler2 := login(t, base, "admin"), login(t, base, "handler"), login(t, base, "handler2")
		dispatcher, supervisor := login(t, base, "dispatcher"), login(t, base, "supervisor")

		st, rules := supervisor.call("GET", "/api/v1/admin/escalation-rules", nil)
		if st != 200 || rules["enabled"] != true || rules["due_soon_hours"] != 24.0 || rules["level2_overdue_days"] != 3.0 {
			t.Fatalf("default rules: %d %v", st, rules)
		}
		if st, out := handler.call("PUT", "/api/v1/admin/escalation-rules", rules); st != 403 {
			t.Fatalf("handler changed the rules: %d %v", st, out)
		}
		if st, out := supervisor.call("POST", "/api/v1/admin/escalation-rules/run", nil); st != 403 {
			t.Fatalf("supervisor ran the job by hand: %d %v", st, out)
		}
		bad := map[string]any{"enabled": true, "due_soon_hours": -1, "overdue_level1": true, "level2_overdue_days": 3, "level2_send_backs": 2}
		if st, out := admin.call("PUT", "/api/v1/admin/escalation-rules", bad); st != 400 || fieldOf(out) != "due_soon_hours" {
			t.Fatalf("negative hours: %d %v", st, out)
		}
		good := map[string]any{"enabled": true, "due_soon_hours": 48, "overdue_level1": true, "level2_overdue_days": 5, "level2_send_backs": 3}
		if st, out := admin.call("PUT", "/api/v1/admin/escalation-rules", good); st != 200 || out["due_soon_hours"] != 48.0 || out["updated_by"] == nil {
			t.Fatalf("put rules: %d %v", st, out)
		}

		st, c := dispatcher.call("POST", "/api/v1/cases", map[string]any{"content": "小区电梯停运三天了"})
		if st != 201 {
			t.Fatalf("create: %d %v", st, c)
		}
		due := time.Now().Add(3 * time.Hour).Format(time.RFC3339)
		if st, out := dispatcher.call("POST", fmt.Sprintf("/api/v1/cases/%v/dispatch", c["id"]), map[string]any{"org_id": orgs["housing"], "due_at": due}); st != 200 {
			t.Fatalf("dispatch: %d %v", st, out)
		}
		if st, out := admin.call("POST", "/api/v1/admin/escalation-rules/run", nil); st != 200 || out["reminders"] != 1.0 {
			t.Fatalf("run: %d %v", st, out)
		}
		st, list := handler.call("GET", "/api/v1/notifications?unread=true", nil)
		items, _ := list["items"].([]any)
		if st != 200 || len(items) != 1 || list["unread"] != 1.0 {
			t.Fatalf("handler's notifications: %d %v", st, list)
		}
		n := items[0].(map[string]any)
		if n["kind"] != "due_soon" || n["case_number"] != c["number"] || n["case_title"] != "小区电梯停运三天了" {
			t.Fatalf("reminder: %v", n)
		}
		if st, out := handler2.call("GET", "/api/v1/notifications", nil); st != 200 || len(out["items"].([]any)) != 0 {
			t.Fatalf("another unit's handler sees: %d %v", st, out)
		}
		if st, out := handler2.call("POST", fmt.Sprintf("/api/v1/notifications/%v/read", n["id"]), nil); st != 404 {
			t.Fatalf("handler2 marked handler's notification: %d %v", st, out)
		}
		if st, out := handler.call("GET", "/api/v1/notifications?limit=0", nil); st != 400 || fieldOf(out) != "limit" {
			t.Fatalf("limit 0: %d %v", st, out)
		}
		if st, out := handler.call("POST", fmt.Sprintf("/api/v1/notifications/%v/read", n["id"]), nil); st != 200 || out["marked"] != 1.0 {
			t.Fatalf("mark read: %d %v", st, out)
		}
		if st, out := handler.call("POST", "/api/v1/notifications/read-all", nil); st != 200 || out["marked"] != 0.0 {
			t.Fatalf("read-all after reading: %d %v", st, out)
		}
		if _, out := handler.call("GET", "/api/v1/notifications", nil); out["unread"] != 0.0 || len(out["items"].([]any)) != 1 {
			t.Fatalf("after reading: %v", out)
		}
	})
}

// fieldOf is the field an error answer names.
// TestLeaderHandsCaseDown has a leader hand a dispatched case down (领导交办)
// on both databases: the case carries the flag in its detail and in lists,
// the timeline has the leader's instruction, the unit and the supervisors
// are told, and the case is on the leaders' list; only leaders may do it,
// and a leader changes nothing else.
func TestLeaderHandsCaseDown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		leader, dispatcher, handler := login(t, base, "leader"), login(t, base, "dispatcher"), login(t, base, "handler")
		supervisor, leadU := login(t, base, "supervisor"), login(t, base, "dept_lead")

		st, c := dispatcher.call("POST", "/api/v1/cases", map[string]any{"content": "老旧小区加装电梯，施工三个月未完工"})
		if st != 201 {
			t.Fatalf("create: %d %v", st, c)
		}
		path := fmt.Sprintf("/api/v1/cases/%v", c["id"])
		if st, out := dispatcher.call("POST", path+"/dispatch", map[string]any{"org_id": orgs["housing"]}); st != 200 {
			t.Fatalf("dispatch: %d %v", st, out)
		}
		if st, out := handler.call("POST", path+"/leader_assign", map[string]any{"note": "请抓紧"}); st != 403 {
			t.Fatalf("handler handed down: %d %v", st, out)
		}
		if st, out := leader.call("POST", path+"/accept", map[string]any{}); st != 403 {
			t.Fatalf("leader signed for the case: %d %v", st, out)
		}
		if st, out := leader.call("POST", path+"/leader_assign", map[string]any{"note": " "}); st != 400 || fieldOf(out) != "note" {
			t.Fatalf("empty instruction: %d %v", st, out)
		}
		if st, out := leader.call("POST", path+"/leader_assign", map[string]any{"note": "请住建局三日内拿出方案，答复市民"}); st != 200 {
			t.Fatalf("leader_assign: %d %v", st, out)
		}
		st, d := handler.call("GET", path, nil)
		if st != 200 || d["leader_assigned"] != true || d["status"] != "dispatched" {
			t.Fatalf("detail: %d leader_assigned=%v status=%v", st, d["leader_assigned"], d["status"])
		}
		tl := d["timeline"].([]any)
		last := tl[len(tl)-1].(map[string]any)
		if last["action"] != "leader_assign" || last["actor_role"] != "leader" {
			t.Fatalf("last event: %v", last)
		}
		if _, l := dispatcher.call("GET", "/api/v1/cases?status=dispatched", nil); !listed(l, c["id"], "leader_assigned") {
			t.Fatalf("list lacks the flag: %v", l)
		}
		for _, who := range []client{handler, leadU, supervisor} {
			_, n := who.call("GET", "/api/v1/notifications", nil)
			items := n["items"].([]any)
			if len(items) != 1 || items[0].(map[string]any)["kind"] != "leader_assigned" {
				t.Fatalf("notifications: %v", n)
			}
		}
		if _, n := leader.call("GET", "/api/v1/notifications", nil); len(n["items"].([]any)) != 0 {
			t.Fatalf("the leader told themselves: %v", n)
		}
		for _, who := range []client{leader, supervisor} {
			st, l := who.call("GET", "/api/v1/supervision/leaders-list", nil)
			if st != 200 || !listed(l, c["id"], "leader_assigned") {
				t.Fatalf("leaders' list: %d %v", st, l)
			}
		}
		if st, _ := handler.call("GET", "/api/v1/supervision/leaders-list", nil); st != 403 {
			t.Fatalf("handler read the leaders' list: %d", st)
		}
	})
}

// listed reports whether a list answer has the case with the flag set.
func listed(l map[string]any, id any, flag string) bool {
	items, _ := l["items"].([]any)
	for _, it := range items {
		if x := it.(map[string]any); x["id"] == id {
			return x[flag] == true
		}
	}
	return false
}

// TestCampaignOverHTTP starts, reports on and closes a topic campaign
// through the API on both databases.
func TestCampaignOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		dispatcher, supervisor, handler := login(t, base, "dispatcher"), login(t, base, "supervisor"), login(t, base, "handler")
		var ids []any
		for _, text := range []string{"学府路段路灯不亮", "学府路口路灯损坏"} {
			st, c := dispatcher.call("POST", "/api/v1/cases", map[string]any{"content": text, "citizen": map[string]any{"phone": "13911112222"}})
			if st != 201 {
				t.Fatalf("create: %d %v", st, c)
			}
			ids = append(ids, c["id"])
		}
		body := map[string]any{"title": "学府路路灯专项整治", "lead_org_id": orgs["housing"], "co_org_ids": []int64{orgs["edu"]},
			"due_at": time.Now().Add(72 * time.Hour).Format(time.RFC3339), "case_ids": ids}
		if st, out := handler.call("POST", "/api/v1/campaigns", body); st != 403 {
			t.Fatalf("handler started a campaign: %d %v", st, out)
		}
		body["title"] = ""
		if st, out := supervisor.call("POST", "/api/v1/campaigns", body); st != 400 || fieldOf(out) != "title" {
			t.Fatalf("no title: %d %v", st, out)
		}
		body["title"] = "学府路路灯专项整治"
		st, c := supervisor.call("POST", "/api/v1/campaigns", body)
		if st != 201 || len(c["cases"].([]any)) != 2 {
			t.Fatalf("create campaign: %d %v", st, c)
		}
		path := fmt.Sprintf("/api/v1/campaigns/%v", c["id"])
		if st, out := handler.call("POST", path+"/reports", map[string]any{"progress": 40, "text": "已排查线路故障点"}); st != 201 {
			t.Fatalf("report: %d %v", st, out)
		}
		if st, out := dispatcher.call("GET", "/api/v1/cases/"+fmt.Sprint(ids[0]), nil); st != 200 || out["campaign_id"] != c["id"] {
			t.Fatalf("case in campaign: %d %v", st, out["campaign_id"])
		}
		st, closed := supervisor.call("POST", path+"/close", map[string]any{"content": "学府路全线路灯已更换修复。", "outcome": "solved"})
		if st != 200 || closed["answered"] != 2.0 || closed["closed"] != true {
			t.Fatalf("close: %d %v", st, closed)
		}
		if _, out := dispatcher.call("GET", "/api/v1/cases/"+fmt.Sprint(ids[1]), nil); out["status"] != "pending_visit" {
			t.Fatalf("case after closing: %v", out["status"])
		}
	})
}
