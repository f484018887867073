package server

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"minsheng/store/storetest"
)

// TestCitizenRatesThroughTheAPI: the public rating route on a real server on
// both databases: 409 for an open case, 400 naming the field for bad input,
// unsolved to the visitor's to_visit queue, 409 for a second rating, and the
// staff action route refusing the citizen's action to every staff role.
func TestCitizenRatesThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		base := m.URL()
		agent, vis := login(t, base, "agent"), login(t, base, "visitor")
		anon := client{t: t, base: base}
		_, created := agent.call("POST", "/api/v1/cases", map[string]any{"content": "楼下垃圾站三天没清运，气味很大",
			"citizen": map[string]any{"name": "赵六", "phone": "13800002222"}})
		id, code := fmt.Sprint(created["id"]), created["tracking_code"].(string)
		path := "/api/v1/track/" + code + "/rating"
		unsolved := map[string]any{"solved": false, "satisfaction": "dissatisfied", "note": "垃圾还在，没人来清运"}

		if st, out := anon.call("POST", path, unsolved); st != 409 {
			t.Fatalf("open case: %d %v", st, out)
		}
		if st, out := agent.call("POST", "/api/v1/cases/"+id+"/answer", map[string]any{"content": "已通知环卫所今日清运。"}); st != 200 {
			t.Fatalf("answer: %d %v", st, out)
		}
		if st, out := anon.call("GET", "/api/v1/track/"+code, nil); st != 200 || out["can_rate"] != true {
			t.Fatalf("closed case does not ask for a rating: %d %v", st, out)
		}
		for _, bad := range []struct {
			body  any
			field string
		}{
			{map[string]any{"satisfaction": "satisfied"}, "solved"},
			{map[string]any{"solved": true, "satisfaction": "很好"}, "satisfaction"},
			{map[string]any{"solved": "yes", "satisfaction": "satisfied"}, "solved"},
			{map[string]any{"solved": true, "satisfaction": "satisfied", "stars": 5}, "stars"},
		} {
			st, out := anon.call("POST", path, bad.body)
			e, _ := out["error"].(map[string]any)
			if st != 400 || e["field"] != bad.field {
				t.Errorf("%v: %d %v, want 400 on %s", bad.body, st, out, bad.field)
			}
		}
		for _, role := range []string{"agent", "dispatcher", "visitor", "supervisor", "admin"} {
			if st, out := login(t, base, role).call("POST", "/api/v1/cases/"+id+"/rate", unsolved); st != 403 {
				t.Errorf("%s through the staff route: %d %v", role, st, out)
			}
		}

		st, out := anon.call("POST", path, unsolved)
		raw, _ := json.Marshal(out)
		if st != 200 || out["status"] != "pending_visit" || out["can_rate"] != false || !strings.Contains(string(raw), `"solved":false`) {
			t.Fatalf("unsolved rating: %d %s", st, raw)
		}
		if strings.Contains(string(raw), "13800002222") || strings.Contains(string(raw), "赵六") {
			t.Errorf("the answer leaks personal data: %s", raw)
		}
		st, q := vis.call("GET", "/api/v1/queues/to_visit", nil)
		if items, _ := q["items"].([]any); st != 200 || len(items) != 1 || fmt.Sprint(items[0].(map[string]any)["id"]) != id {
			t.Fatalf("to_visit: %d %v", st, q)
		}
		if st, out := anon.call("POST", path, unsolved); st != 409 {
			t.Fatalf("second rating: %d %v", st, out)
		}
	})
}
