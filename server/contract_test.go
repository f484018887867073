package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"minsheng/store"
	"minsheng/store/storetest"
)

// scenario is one request and what its answer must hold.
type scenario struct {
	name   string
	who    client
	method string
	path   string
	body   any
	status int
	want   string // a fragment of the JSON answer
}

func runScenarios(t *testing.T, scs []scenario) {
	t.Helper()
	for _, sc := range scs {
		t.Run(sc.name, func(t *testing.T) {
			sc.who.t = t
			st, out := sc.who.call(sc.method, sc.path, sc.body)
			raw, _ := json.Marshal(out)
			if st != sc.status || !strings.Contains(string(raw), sc.want) {
				t.Fatalf("%s %s: %d %s, want %d with %s", sc.method, sc.path, st, raw, sc.status, sc.want)
			}
		})
	}
}

// TestInputContract covers the contract items on input: NUL bytes
// (1), unknown fields (2), the holidays shape (3), strict booleans (11),
// plain-worded type errors and one message for a missing case (14).
func TestInputContract(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, admin := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "admin")
		anon := client{t: t, base: base}
		_, created := agent.call("POST", "/api/v1/cases", map[string]any{"content": "小区门口的路灯坏了", "citizen": map[string]any{"phone": "13912345678"}})
		id := fmt.Sprint(created["id"])
		runScenarios(t, []scenario{
			{"NUL in content", agent, "POST", "/api/v1/cases", `{"content":"路灯\u0000不亮"}`, 400, `"field":"content"`},
			{"NUL in citizen name", agent, "POST", "/api/v1/cases", `{"content":"路灯不亮","citizen":{"name":"李\u0000"}}`, 400, `"field":"citizen.name"`},
			{"NUL in tracking path", anon, "GET", "/api/v1/track/%00ABCDEFGHJK", nil, 400, `"field":"code"`},
			{"NUL in login", anon, "POST", "/api/v1/login", `{"username":"agent\u0000","password":"x"}`, 400, `"field":"username"`},
			{"NUL in search", disp, "GET", "/api/v1/cases?q=%00%E8%B7%AF", nil, 400, `"field":"q"`},
			{"NUL in article", admin, "POST", "/api/v1/articles", `{"title":"标题\u0000","body":"正文内容"}`, 400, `"field":"title"`},
			{"NUL in org", admin, "POST", "/api/v1/orgs", `{"name":"局\u0000","kind":"department"}`, 400, `"field":"name"`},
			{"top-level citizen_phone refused", agent, "POST", "/api/v1/cases", map[string]any{"content": "噪音扰民", "citizen_phone": "13900000000"}, 400, `"field":"citizen_phone"`},
			{"nested unknown field refused", agent, "POST", "/api/v1/cases", map[string]any{"content": "噪音扰民", "citizen": map[string]any{"mobile": "1"}}, 400, `mobile`},
			{"holidays: wrong shape refused", admin, "PUT", "/api/v1/holidays/2031", map[string]any{"days": []any{}}, 400, `"field":"days"`},
			{"holidays: body without items refused", admin, "PUT", "/api/v1/holidays/2031", map[string]any{"year": 2031}, 400, `"field":"items"`},
			{"overdue=yes refused", disp, "GET", "/api/v1/cases?overdue=yes", nil, 400, `"field":"overdue"`},
			{"overdue=1 accepted", disp, "GET", "/api/v1/cases?overdue=1", nil, 200, `"items"`},
			{"supervised=0 accepted", disp, "GET", "/api/v1/cases?supervised=0", nil, 200, `"id":` + id},
			{"type error in plain words", agent, "POST", "/api/v1/cases", `{"content": 5}`, 400, `must be a string, not a number`},
			{"list where an object goes", agent, "POST", "/api/v1/cases", `{"content":"x","citizen":[]}`, 400, `must be an object, not a list`},
			{"missing case", disp, "GET", "/api/v1/cases/99999", nil, 404, `"no such case"`},
			{"malformed case id", disp, "GET", "/api/v1/cases/abc", nil, 404, `"no such case"`},
			{"missing case action", disp, "POST", "/api/v1/cases/99999/dispatch", map[string]any{"org_id": orgs["housing"]}, 404, `"no such case"`},
		})
		// PUT takes back what GET returns.
		days := []map[string]string{{"date": "2031-10-01", "kind": "holiday", "name": "国庆"}, {"date": "2031-09-28", "kind": "workday", "name": "国庆调休"}}
		if st, out := admin.call("PUT", "/api/v1/holidays/2031", map[string]any{"items": days}); st != 200 {
			t.Fatalf("holidays: %d %v", st, out)
		}
		_, got := admin.call("GET", "/api/v1/holidays", nil)
		var mine []any
		for _, d := range got["items"].([]any) {
			if strings.HasPrefix(d.(map[string]any)["date"].(string), "2031") {
				mine = append(mine, d)
			}
		}
		if st, out := admin.call("PUT", "/api/v1/holidays/2031", map[string]any{"items": mine}); st != 200 || len(mine) != 2 {
			t.Fatalf("round trip of GET's shape: %d %v (%d days)", st, out, len(mine))
		}
	})
}

// TestWrongMethodGets405 checks the Allow header and the JSON error.
func TestWrongMethodGets405(t *testing.T) {
	m, _ := testNode(t, storetest.SQLite(t))
	for _, tc := range []struct{ method, path, allow string }{
		{"DELETE", "/api/v1/cases", "GET, HEAD, POST"},
		{"PUT", "/api/v1/cases/1", "GET, HEAD"},
		{"GET", "/api/v1/login", "POST"},
	} {
		req, _ := http.NewRequest(tc.method, m.URL()+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != tc.allow || !strings.Contains(string(raw), `"method_not_allowed"`) {
			t.Errorf("%s %s: %d Allow=%q %s", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Allow"), raw)
		}
	}
}

// TestOptimisticConcurrencyWithETag covers item 5: GET sends the version as
// an ETag, a quoted If-Match is honoured, and a stale one fails with 412.
func TestOptimisticConcurrencyWithETag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		agent, disp := login(t, m.URL(), "agent"), login(t, m.URL(), "dispatcher")
		_, created := agent.call("POST", "/api/v1/cases", map[string]any{"content": "楼道灯不亮"})
		path := fmt.Sprintf("%s/api/v1/cases/%v", m.URL(), created["id"])
		etag := headerOf(t, disp, "GET", path, nil, "", "ETag")
		if etag != `"1"` {
			t.Fatalf("ETag %q, want \"1\"", etag)
		}
		comment := map[string]any{"text": "先记一笔"}
		if st := statusOf(t, disp, path+"/comment", comment, `"1"`); st != 200 {
			t.Fatalf("comment with the current tag: %d", st)
		}
		if st := statusOf(t, disp, path+"/dispatch", map[string]any{"org_id": orgs["housing"]}, `"1"`); st != 412 {
			t.Fatalf("dispatch with a stale quoted tag: %d, want 412", st)
		}
		if st := statusOf(t, disp, path+"/dispatch", map[string]any{"org_id": orgs["housing"]}, `W/"2"`); st != 400 {
			t.Fatalf("weak tag: %d, want 400", st)
		}
		if st := statusOf(t, disp, path+"/dispatch", map[string]any{"org_id": orgs["housing"]}, `"2"`); st != 200 {
			t.Fatalf("dispatch with the current tag: %d", st)
		}
	})
}

func statusOf(t *testing.T, c client, url string, body any, ifMatch string) int {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, strings.NewReader(string(raw)))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("If-Match", ifMatch)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func headerOf(t *testing.T, c client, method, url string, body io.Reader, _ string, name string) string {
	t.Helper()
	req, _ := http.NewRequest(method, url, body)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header.Get(name)
}

// TestRevocationIsImmediateOnEveryNode covers item 4 with two nodes on one
// database: a change made on one node holds on the other at the next request.
func TestRevocationIsImmediateOnEveryNode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		other, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", DB: db, NoAssist: true,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { other.Close(context.Background()) })
		admin := login(t, m.URL(), "admin")
		_, users := admin.call("GET", "/api/v1/users", nil)
		ids := map[string]any{}
		for _, u := range users["items"].([]any) {
			ids[u.(map[string]any)["username"].(string)] = u.(map[string]any)["id"]
		}
		on := func(c client, node *Main) client { c.base = node.URL(); return c }

		agent := login(t, m.URL(), "agent")
		if st, _ := on(agent, other).call("GET", "/api/v1/me", nil); st != 200 {
			t.Fatalf("agent on the other node: %d", st)
		}
		admin.call("PATCH", fmt.Sprintf("/api/v1/users/%v", ids["agent"]), map[string]any{"disabled": true})
		if st, _ := on(agent, other).call("GET", "/api/v1/me", nil); st != 401 {
			t.Fatalf("disabled agent still served on the other node: %d", st)
		}

		disp := login(t, m.URL(), "dispatcher")
		on(disp, other).call("GET", "/api/v1/me", nil)
		admin.call("PATCH", fmt.Sprintf("/api/v1/users/%v", ids["dispatcher"]), map[string]any{"role": "analyst"})
		if _, me := on(disp, other).call("GET", "/api/v1/me", nil); me["role"] != "analyst" {
			t.Fatalf("role change not seen on the other node: %v", me)
		}

		vis := login(t, m.URL(), "visitor")
		on(vis, other).call("GET", "/api/v1/me", nil)
		admin.call("PATCH", fmt.Sprintf("/api/v1/users/%v", ids["visitor"]), map[string]any{"password": "a-new-password"})
		if st, _ := on(vis, other).call("GET", "/api/v1/me", nil); st != 401 {
			t.Fatalf("old session survives a password change on the other node: %d", st)
		}
	})
}

// TestStoredDataContract covers items 6–10 over HTTP: idempotency keys
// reused with another body, references to missing records, canonical phone
// numbers, phone lookups only for roles that call citizens, and the
// category tree with partial PATCH.
func TestStoredDataContract(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, admin, analyst := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "admin"), login(t, base, "analyst")

		body := map[string]any{"content": "同一个键的第一次请求"}
		if st, _ := agent.call("POST", "/api/v1/cases", body, "Idempotency-Key", "k-1"); st != 201 {
			t.Fatalf("first: %d", st)
		}
		if st, out := agent.call("POST", "/api/v1/cases", map[string]any{"content": "换了内容的请求"}, "Idempotency-Key", "k-1"); st != 422 {
			t.Fatalf("same key, other body: %d %v, want 422", st, out)
		}

		_, c := agent.call("POST", "/api/v1/cases", map[string]any{"content": "噪音扰民，晚上施工", "citizen": map[string]any{"phone": "+86 198 5829 0548"}})
		id := fmt.Sprint(c["id"])
		_, cat := admin.call("POST", "/api/v1/categories", map[string]any{"code": "010000", "name": "城乡建设", "level": 1})
		catID := fmt.Sprint(cat["id"])
		runScenarios(t, []scenario{
			{"missing category on intake", agent, "POST", "/api/v1/cases", map[string]any{"content": "路灯", "category_id": 999999}, 400, `"field":"category_id"`},
			{"missing parent category", admin, "POST", "/api/v1/categories", map[string]any{"code": "010100", "name": "物业", "level": 2, "parent_id": 999999}, 400, `"field":"parent_id"`},
			{"missing org of a rule's category", admin, "POST", "/api/v1/deadline-rules", map[string]any{"urgency": "normal", "days": 3, "category_id": 999999}, 400, `"field":"category_id"`},
			{"missing article category", admin, "POST", "/api/v1/articles", map[string]any{"title": "标题", "body": "正文内容", "category_id": 999999}, 400, `"field":"category_id"`},
			{"missing parent org", admin, "POST", "/api/v1/orgs", map[string]any{"name": "某局", "kind": "department", "parent_id": 999999}, 400, `"field":"parent_id"`},
			{"missing org of a user", admin, "POST", "/api/v1/users", map[string]any{"username": "nobody", "role": "agent", "org_id": 999999, "password": "long-enough-pw"}, 400, `"field":"org_id"`},
			{"missing dispatch org", disp, "POST", "/api/v1/cases/" + id + "/dispatch", map[string]any{"org_id": 999999}, 400, `"field":"org_id"`},
			{"phone stored canonical", agent, "GET", "/api/v1/cases/" + id, nil, 200, `"phone":"19858290548"`},
			{"phone filter, plain", agent, "GET", "/api/v1/cases?citizen_phone=19858290548", nil, 200, `"id":` + id},
			{"phone filter, +86 and spaces", disp, "GET", "/api/v1/cases?citizen_phone=%2B86%20198%205829%200548", nil, 200, `"id":` + id},
			{"phone filter, dashes", agent, "GET", "/api/v1/cases?citizen_phone=198-5829-0548", nil, 200, `"id":` + id},
			{"analyst may not look up phones", analyst, "GET", "/api/v1/cases?citizen_phone=19858290548", nil, 403, `"forbidden"`},
			{"category as its own parent", admin, "PATCH", "/api/v1/categories/" + catID, map[string]any{"parent_id": cat["id"]}, 400, `"field":"parent_id"`},
			{"level that does not fit the parent", admin, "POST", "/api/v1/categories", map[string]any{"code": "010101", "name": "小区", "level": 3, "parent_id": cat["id"]}, 400, `"field":"level"`},
			{"partial PATCH of a category", admin, "PATCH", "/api/v1/categories/" + catID, map[string]any{"name": "城乡建设管理"}, 200, `"code":"010000"`},
			{"partial PATCH of an org", admin, "PATCH", fmt.Sprintf("/api/v1/orgs/%d", orgs["edu"]), map[string]any{"lead_approval": true}, 200, `"name":"市教育局"`},
		})
	})
}

// TestPhoneLookupsAreThrottled covers item 9: guessing a masked number by
// trying numbers runs into a limit long before it could succeed.
func TestPhoneLookupsAreThrottled(t *testing.T) {
	m, _ := testNode(t, storetest.SQLite(t))
	agent := login(t, m.URL(), "agent")
	codes := map[int]int{}
	for i := range 130 {
		st, _ := agent.call("GET", fmt.Sprintf("/api/v1/cases?citizen_phone=1391234%04d", i), nil)
		codes[st]++
	}
	if codes[200] != 120 || codes[429] != 10 {
		t.Fatalf("lookups answered %v, want 120×200 then 429", codes)
	}
}

// TestActionContract covers items 2, 12, 13 and 14 on actions: notes and
// reasons are kept on their events, fields that do not apply are refused,
// dispatch deadlines are bounded, roles read or act as DOMAIN.md says,
// allowed_actions lists only what would succeed, re-routing, and a
// knowledge-base answer shows the article to the citizen.
func TestActionContract(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, admin, analyst := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "admin"), login(t, base, "analyst")
		handler, handler2 := login(t, base, "handler"), login(t, base, "handler2")
		_, c := agent.call("POST", "/api/v1/cases", map[string]any{"content": "学校门口占道经营，影响上下学", "citizen": map[string]any{"phone": "13700000000"}})
		id := fmt.Sprint(c["id"])
		edu := fmt.Sprint(orgs["edu"])
		runScenarios(t, []scenario{
			{"triage keeps its reason", disp, "POST", "/api/v1/cases/" + id + "/triage", map[string]any{"track": "service", "reason": "属于政务服务"}, 200, `属于政务服务`},
			{"a field of another action is refused", disp, "POST", "/api/v1/cases/" + id + "/dispatch", map[string]any{"org_id": orgs["housing"], "days": 3}, 400, `"field":"days"`},
			{"due_at in 9999", disp, "POST", "/api/v1/cases/" + id + "/dispatch", map[string]any{"org_id": orgs["housing"], "due_at": "9999-01-01T00:00:00+08:00"}, 400, `"field":"due_at"`},
			{"duplicate co-handlers", disp, "POST", "/api/v1/cases/" + id + "/dispatch", map[string]any{"org_id": orgs["housing"], "co_org_ids": []int64{orgs["edu"], orgs["edu"]}}, 400, `"field":"co_org_ids"`},
			{"analyst may not comment", analyst, "POST", "/api/v1/cases/" + id + "/comment", map[string]any{"text": "看看"}, 403, `"forbidden"`},
			{"admin may not comment", admin, "POST", "/api/v1/cases/" + id + "/comment", map[string]any{"text": "看看"}, 403, `"forbidden"`},
			{"dispatch keeps its note", disp, "POST", "/api/v1/cases/" + id + "/dispatch", map[string]any{"org_id": orgs["housing"], "co_org_ids": []int64{orgs["edu"]}, "note": "请与教育局协同"}, 200, `请与教育局协同`},
			{"co-handler sees the case", handler2, "GET", "/api/v1/cases/" + id, nil, 200, `"opinion"`},
			{"co-handler may not sign", handler2, "POST", "/api/v1/cases/" + id + "/accept", nil, 403, `"forbidden"`},
			{"co-handler adds an opinion", handler2, "POST", "/api/v1/cases/" + id + "/opinion", map[string]any{"text": "教育局将安排人员上下学时段值守"}, 200, `"opinion"`},
			{"no extension pending: not offered", disp, "GET", "/api/v1/cases/" + id, nil, 200, `"reroute"`},
			{"re-route needs a reason", disp, "POST", "/api/v1/cases/" + id + "/reroute", map[string]any{"org_id": orgs["edu"]}, 400, `"field":"reason"`},
			{"re-route", disp, "POST", "/api/v1/cases/" + id + "/reroute", map[string]any{"org_id": orgs["edu"], "reason": "主要涉及校园周边秩序"}, 200, `"org_id":` + edu},
			{"the first unit no longer holds it", handler, "POST", "/api/v1/cases/" + id + "/accept", nil, 404, `"no such case"`},
		})
		_, detail := disp.call("GET", "/api/v1/cases/"+id, nil)
		for _, a := range detail["allowed_actions"].([]any) {
			if a == "decide_extension" || a == "decide_pause" {
				t.Errorf("allowed_actions offers %s with nothing pending: %v", a, detail["allowed_actions"])
			}
		}

		_, art := admin.call("POST", "/api/v1/articles", map[string]any{"title": "公积金提取", "body": "住房公积金提取可在网上办理，三个工作日到账。"})
		_, c2 := agent.call("POST", "/api/v1/cases", map[string]any{"content": "公积金怎么提取"})
		if st, out := agent.call("POST", fmt.Sprintf("/api/v1/cases/%v/answer", c2["id"]), map[string]any{"article_id": art["id"]}); st != 200 {
			t.Fatalf("answer from article: %d %v", st, out)
		}
		_, full := agent.call("GET", fmt.Sprintf("/api/v1/cases/%v", c2["id"]), nil)
		_, track := client{t: t, base: base}.call("GET", "/api/v1/track/"+full["tracking_code"].(string), nil)
		raw, _ := json.Marshal(track)
		if !strings.Contains(string(raw), "三个工作日到账") {
			t.Fatalf("the citizen does not see the article's answer: %s", raw)
		}
	})
}

// TestWorkQueues shows the badges and the queue pages agree over HTTP, on
// both databases, for a dispatcher and a unit handler.
func TestWorkQueues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		agent, disp, handler := login(t, m.URL(), "agent"), login(t, m.URL(), "dispatcher"), login(t, m.URL(), "handler")
		var ids []string
		for i, u := range []string{"normal", "urgent", "normal"} {
			_, c := agent.call("POST", "/api/v1/cases", map[string]any{"content": fmt.Sprintf("第%d件：井盖缺失", i), "urgency": u})
			ids = append(ids, fmt.Sprint(c["id"]))
		}
		disp.call("POST", "/api/v1/cases/"+ids[0]+"/dispatch", map[string]any{"org_id": orgs["housing"]})
		badge := func(c client, q string) float64 {
			_, out := c.call("GET", "/api/v1/queues", nil)
			for _, it := range out["items"].([]any) {
				if it.(map[string]any)["queue"] == q {
					return it.(map[string]any)["count"].(float64)
				}
			}
			t.Fatalf("queue %s not offered: %v", q, out)
			return 0
		}
		if n := badge(disp, "to_dispatch"); n != 2 {
			t.Fatalf("to_dispatch badge %v, want 2", n)
		}
		_, page := disp.call("GET", "/api/v1/queues/to_dispatch?sort=urgency&limit=1", nil)
		first := page["items"].([]any)[0].(map[string]any)
		if page["total"] != 2.0 || fmt.Sprint(first["id"]) != ids[1] || page["next_cursor"] == "" {
			t.Fatalf("to_dispatch page: %v", page)
		}
		_, next := disp.call("GET", "/api/v1/queues/to_dispatch?sort=urgency&limit=1&cursor="+page["next_cursor"].(string), nil)
		if got := fmt.Sprint(next["items"].([]any)[0].(map[string]any)["id"]); got != ids[2] {
			t.Fatalf("second page %s, want %s", got, ids[2])
		}
		if n := badge(handler, "to_sign"); n != 1 {
			t.Fatalf("handler's to_sign badge %v, want 1", n)
		}
		runScenarios(t, []scenario{
			{"bad sort", disp, "GET", "/api/v1/queues/to_dispatch?sort=size", nil, 400, `"field":"sort"`},
			{"queue of another role", handler, "GET", "/api/v1/queues/to_dispatch", nil, 404, `"not_found"`},
			{"list with a total", disp, "GET", "/api/v1/cases?sort=due", nil, 200, `"total":3`},
		})
	})
}

// TestTakenPortFailsBeforeTheDemoLoads: serve checks its port first, so a
// second `serve --demo` on a taken port fails at once without seeding.
func TestTakenPortFailsBeforeTheDemoLoads(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	seeded := false
	_, err = Start(context.Background(), Config{Addr: taken.Addr().String(), DB: storetest.SQLite(t),
		Seed: func(context.Context, *store.Store) error { seeded = true; return nil },
		Log:  slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil || !strings.Contains(err.Error(), "listen") || seeded {
		t.Fatalf("start on a taken port: err=%v seeded=%v", err, seeded)
	}
}

// TestConcurrentRetriesShareOneCase covers item 6 over HTTP: requests racing
// with one idempotency key get one 201 and the same case for all.
func TestConcurrentRetriesShareOneCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		agent := login(t, m.URL(), "agent")
		type answer struct {
			status int
			id     any
		}
		answers := make(chan answer, 12)
		for range 12 {
			go func() {
				st, out := agent.raw("POST", "/api/v1/cases", map[string]any{"content": "并发重试的同一诉求"}, "Idempotency-Key", "race-1")
				answers <- answer{st, out["id"]}
			}()
		}
		created, ids := 0, map[any]bool{}
		for range 12 {
			a := <-answers
			if a.status == 201 {
				created++
			} else if a.status != 200 {
				t.Errorf("a racing retry got %d", a.status)
			}
			ids[a.id] = true
		}
		if created != 1 || len(ids) != 1 {
			t.Fatalf("%d created, ids %v; want one case", created, ids)
		}
	})
}
