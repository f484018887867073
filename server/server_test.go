package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"minsheng"
	"minsheng/auth"
	"minsheng/store"
	"minsheng/store/storetest"
)

// testNode starts a real server on a free port with a fresh database (db)
// holding a hotline, two departments and one account per role needed.
func testNode(t *testing.T, db string) (*Main, map[string]int64) {
	t.Helper()
	orgs := map[string]int64{}
	seed := func(ctx context.Context, st *store.Store) error {
		hash, err := auth.HashPassword("test-password")
		if err != nil {
			return err
		}
		for _, o := range []struct {
			key, parent, name string
			kind              minsheng.OrgKind
		}{{"hotline", "", "热线办", minsheng.OrgHotline}, {"housing", "hotline", "市住建局", minsheng.OrgDepartment},
			{"edu", "hotline", "市教育局", minsheng.OrgDepartment}, {"street", "housing", "物业科", minsheng.OrgDepartment},
			{"discipline", "hotline", "市纪委监委", minsheng.OrgDiscipline}} {
			org := &minsheng.Org{ParentID: orgs[o.parent], Name: o.name, Kind: o.kind}
			if err := st.CreateOrg(ctx, org); err != nil {
				return err
			}
			orgs[o.key] = org.ID
		}
		for _, u := range []struct {
			name string
			role minsheng.Role
			org  string
		}{{"agent", minsheng.RoleAgent, "hotline"}, {"dispatcher", minsheng.RoleDispatcher, "hotline"},
			{"handler", minsheng.RoleHandler, "housing"}, {"handler2", minsheng.RoleHandler, "edu"},
			{"reviewer", minsheng.RoleReviewer, "hotline"}, {"visitor", minsheng.RoleVisitor, "hotline"},
			{"analyst", minsheng.RoleAnalyst, "hotline"}, {"admin", minsheng.RoleAdmin, "hotline"},
			{"dept_lead", minsheng.RoleDeptLead, "housing"}, {"supervisor", minsheng.RoleSupervisor, "hotline"},
			{"field_worker", minsheng.RoleFieldWorker, "street"}, {"inspector", minsheng.RoleInspector, "discipline"},
			{"leader", minsheng.RoleLeader, "hotline"}} {
			if err := st.CreateUser(ctx, &minsheng.User{Username: u.name, Name: u.name, Role: u.role, OrgID: orgs[u.org], PasswordHash: hash}); err != nil {
				return err
			}
		}
		return nil
	}
	m, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", DB: db, PrivateWebhooks: true, // receivers listen on 127.0.0.1
		Seed: seed, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(context.Background()) })
	return m, orgs
}

type client struct {
	t     *testing.T
	base  string
	token string
}

func (c client) call(method, path string, body any, header ...string) (int, map[string]any) {
	c.t.Helper()
	st, out := c.raw(method, path, body, header...)
	if st < 0 {
		c.t.Fatalf("%s %s: %v", method, path, out["transport_error"])
	}
	return st, out
}

// raw is call without the test: safe in goroutines; a transport failure is
// status -1 with the error under "transport_error".
func (c client) raw(method, path string, body any, header ...string) (int, map[string]any) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1, map[string]any{"transport_error": err.Error()}
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func login(t *testing.T, base, user string) client {
	t.Helper()
	c := client{t: t, base: base}
	st, out := c.call("POST", "/api/v1/login", map[string]string{"username": user, "password": "test-password"})
	if st != 200 {
		t.Fatalf("login %s: %d %v", user, st, out)
	}
	c.token = out["token"].(string)
	return c
}

func TestAPIScenarios(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, handler, handler2 := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "handler"), login(t, base, "handler2")
		analyst, admin := login(t, base, "analyst"), login(t, base, "admin")
		anon := client{t: t, base: base}

		st, created := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "phone", "title": "供暖不热",
			"content": "幸福里小区3号楼供暖温度只有14度<script>alert(1)</script>", "citizen": map[string]any{"name": "李四", "phone": "13912345678"}})
		if st != 201 {
			t.Fatalf("create: %d %v", st, created)
		}
		id := fmt.Sprint(created["id"])

		runScenarios(t, []scenario{
			{"health needs no auth", anon, "GET", "/healthz", nil, 200, `"ok"`},
			{"no token", anon, "GET", "/api/v1/cases", nil, 401, `"unauthorized"`},
			{"bad token", client{t: t, base: base, token: "nope"}, "GET", "/api/v1/me", nil, 401, `"unauthorized"`},
			{"me", handler, "GET", "/api/v1/me", nil, 200, `"role":"handler"`},
			{"empty content", agent, "POST", "/api/v1/cases", map[string]any{"channel": "phone", "content": ""}, 400, `"field":"content"`},
			{"bad channel", agent, "POST", "/api/v1/cases", map[string]any{"channel": "pigeon", "content": "x"}, 400, `"field":"channel"`},
			{"wrong type", agent, "POST", "/api/v1/cases", `{"content": 5}`, 400, `"field":"content"`},
			{"malformed json", agent, "POST", "/api/v1/cases", `{"content": `, 400, `"invalid"`},
			{"gbk bytes refused", agent, "POST", "/api/v1/cases", "{\"content\": \"\xb9\xa9\xc5\xaf\"}", 400, `UTF-8`},
			{"two values", agent, "POST", "/api/v1/cases", `{"content":"a"} {"content":"b"}`, 400, `"invalid"`},
			{"too large", agent, "POST", "/api/v1/cases", `{"content":"` + strings.Repeat("长", 400000) + `"}`, 413, `"too_large"`},
			{"handler may not create", handler, "POST", "/api/v1/cases", map[string]any{"content": "x"}, 403, `"forbidden"`},
			{"unknown case", disp, "GET", "/api/v1/cases/999999", nil, 404, `"not_found"`},
			{"unknown action", disp, "POST", "/api/v1/cases/" + id + "/explode", nil, 404, `"not_found"`},
			{"handler outside scope", handler, "GET", "/api/v1/cases/" + id, nil, 404, `"not_found"`},
			{"analyst sees masked phone", analyst, "GET", "/api/v1/cases/" + id, nil, 200, `"phone":"139****5678"`},
			{"agent sees full phone", agent, "GET", "/api/v1/cases/" + id, nil, 200, `"phone":"13912345678"`},
			{"script is escaped", agent, "GET", "/api/v1/cases/" + id, nil, 200, `\u003cscript\u003e`},
			{"bad filter", disp, "GET", "/api/v1/cases?status=lost", nil, 400, `"field":"status"`},
			{"accept before dispatch", handler, "POST", "/api/v1/cases/" + id + "/accept", nil, 404, `"not_found"`},
			{"dispatch", disp, "POST", "/api/v1/cases/" + id + "/dispatch", map[string]any{"org_id": orgs["housing"]}, 200, `"status":"dispatched"`},
			{"second dispatch conflicts", disp, "POST", "/api/v1/cases/" + id + "/dispatch", map[string]any{"org_id": orgs["housing"]}, 409, `"conflict"`},
			{"other handler refused", handler2, "POST", "/api/v1/cases/" + id + "/accept", nil, 404, `"not_found"`},
			{"agent may not accept", agent, "POST", "/api/v1/cases/" + id + "/accept", nil, 403, `"forbidden"`},
			{"stale version", handler, "POST", "/api/v1/cases/" + id + "/accept", map[string]any{"version": 1}, 409, `"conflict"`},
			{"accept", handler, "POST", "/api/v1/cases/" + id + "/accept", nil, 200, `"status":"handling"`},
			{"handler sees it now, masked", handler, "GET", "/api/v1/cases/" + id, nil, 200, `"phone":"139****5678"`},
			{"handler lists it", handler, "GET", "/api/v1/cases", nil, 200, `"id":` + id},
			{"handler2 lists nothing", handler2, "GET", "/api/v1/cases", nil, 200, `"items":[]`},
			{"return without reason", handler, "POST", "/api/v1/cases/" + id + "/return", map[string]any{}, 400, `"field":"reason"`},
			{"search two chars", disp, "GET", "/api/v1/cases?q=%E4%BE%9B%E6%9A%96", nil, 200, `"id":` + id},
			{"admin only", disp, "POST", "/api/v1/orgs", map[string]any{"name": "x", "kind": "department"}, 403, `"forbidden"`},
			{"admin creates org", admin, "POST", "/api/v1/orgs", map[string]any{"name": "市水务局", "kind": "department", "parent_id": orgs["hotline"]}, 201, `"市水务局"`},
			{"bad holiday", admin, "PUT", "/api/v1/holidays/2031", map[string]any{"items": []map[string]string{{"date": "2031-02-30", "kind": "holiday"}}}, 400, `"invalid"`},
			{"holidays", admin, "PUT", "/api/v1/holidays/2031", map[string]any{"items": []map[string]string{{"date": "2031-10-01", "kind": "holiday", "name": "国庆"}}}, 200, `"国庆"`},
			{"no such endpoint", disp, "GET", "/api/v1/nothing", nil, 404, `"not_found"`},
		})
	})
}

func TestTrackingViewIsPublicAndClean(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, handler := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "handler")
		rev, vis := login(t, base, "reviewer"), login(t, base, "visitor")
		_, created := agent.call("POST", "/api/v1/cases", map[string]any{"content": "路灯不亮三天了", "citizen": map[string]any{"name": "王五", "phone": "13800001111"}})
		id, code := fmt.Sprint(created["id"]), created["tracking_code"].(string)
		steps := []struct {
			who    client
			action string
			body   any
		}{{disp, "dispatch", map[string]any{"org_id": orgs["housing"]}}, {handler, "accept", nil},
			{handler, "comment", map[string]any{"text": "内部备注：联系电工班"}},
			{handler, "reply", map[string]any{"content": "已于11月20日更换灯泡，路灯恢复照明。", "outcome": "solved"}},
			{rev, "review", map[string]any{"approve": true}},
			{vis, "visit", map[string]any{"reached": true, "solved": true, "satisfaction": "satisfied"}}}
		for _, s := range steps {
			if st, out := s.who.call("POST", "/api/v1/cases/"+id+"/"+s.action, s.body); st != 200 {
				t.Fatalf("%s: %d %v", s.action, st, out)
			}
		}
		st, out := client{t: t, base: base}.call("GET", "/api/v1/track/"+code, nil)
		raw, _ := json.Marshal(out)
		if st != 200 || out["status"] != "closed" || !strings.Contains(string(raw), "更换灯泡") {
			t.Fatalf("track: %d %s", st, raw)
		}
		for _, secret := range []string{"13800001111", "王五", "内部备注", "handler", "actor"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("tracking view leaks %q: %s", secret, raw)
			}
		}
		if st, _ := (client{t: t, base: base}).call("GET", "/api/v1/track/ZZZZZZZZZZZZ", nil); st != 404 {
			t.Errorf("unknown code: %d", st)
		}
	})
}

func TestIdempotencyKeyOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		agent := login(t, m.URL(), "agent")
		body := map[string]any{"channel": "web", "content": "重复提交的同一个诉求"}
		st1, a := agent.call("POST", "/api/v1/cases", body, "Idempotency-Key", "abc-1")
		st2, b := agent.call("POST", "/api/v1/cases", body, "Idempotency-Key", "abc-1")
		if st1 != 201 || st2 != 200 || a["id"] != b["id"] {
			t.Fatalf("retry: %d %v / %d %v", st1, a["id"], st2, b["id"])
		}
		if dups, _ := b["possible_duplicates"].([]any); len(dups) != 0 {
			t.Fatalf("the retried request lists itself as a duplicate: %v", dups)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		c := client{t: t, base: m.URL()}
		codes := []int{}
		for range 7 {
			st, _ := c.call("POST", "/api/v1/login", map[string]string{"username": "agent", "password": "wrong-password"})
			codes = append(codes, st)
		}
		if fmt.Sprint(codes) != "[401 401 401 401 401 429 429]" {
			t.Fatalf("failed logins answered %v", codes)
		}
	})
}

func TestTrackingCodeGuessingIsThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		c := client{t: t, base: m.URL()}
		codes := map[int]int{}
		for i := range 32 {
			st, _ := c.call("GET", fmt.Sprintf("/api/v1/track/GUESS%07d", i), nil)
			codes[st]++
		}
		if codes[404] != 30 || codes[429] != 2 {
			t.Fatalf("guessing answered %v, want 30×404 then 429", codes)
		}
	})
}

func TestLogoutRevokes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		c := login(t, m.URL(), "agent")
		if st, _ := c.call("POST", "/api/v1/logout", nil); st != 200 {
			t.Fatalf("logout: %d", st)
		}
		if st, _ := c.call("GET", "/api/v1/me", nil); st != 401 {
			t.Fatalf("after logout: %d", st)
		}
	})
}
