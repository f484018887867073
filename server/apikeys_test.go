package server

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"minsheng/service"
	"minsheng/store/storetest"
)

// TestAPIKeys checks client systems' keys on /api/v1 and Open311: a key acts
// with its role through the permission table, in either header; keys are
// listed without the key, throttled per key with Retry-After, and revoked
// at once; a key made outside the server (as the command line does) works
// without a restart.
func TestAPIKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		admin := login(t, base, "admin")
		st, agentKey := admin.call("POST", "/api/v1/api-keys", map[string]any{"name": "市长信箱", "role": "agent"})
		if st != 201 || agentKey["role"] != "agent" || agentKey["org_id"] == nil {
			t.Fatalf("create agent key: %d %v", st, agentKey)
		}
		st, out := admin.call("POST", "/api/v1/api-keys", map[string]any{"name": "x", "role": "mayor"})
		if st != 400 {
			t.Errorf("unknown role: %d %v", st, out)
		}
		st, out = admin.call("POST", "/api/v1/api-keys", map[string]any{"name": "x", "org_id": 99999})
		if st != 400 {
			t.Errorf("unknown organisation: %d %v", st, out)
		}
		// Made beside the server, as `minsheng apikey create` does.
		plain, err := service.IssueAPIKey(context.Background(), m.Store, service.NewAPIKey{Name: "留言板", OrgID: orgs["street"]})
		if err != nil {
			t.Fatal(err)
		}
		if plain.Role != service.DefaultKeyRole {
			t.Errorf("default role %s", plain.Role)
		}

		// Bearer: the agent key records a case as its machine account.
		asAgent := client{t: t, base: base, token: agentKey["key"].(string)}
		st, created := asAgent.call("POST", "/api/v1/cases", map[string]any{"channel": "message_board", "channel_ref": "帖子-1001", "content": "路灯坏了"})
		if st != 201 {
			t.Fatalf("case by key: %d %v", st, created)
		}
		st, c := asAgent.call("GET", fmt.Sprintf("/api/v1/cases/%v", created["id"]), nil)
		if st != 200 || c["created_by"] != agentKey["user_id"] {
			t.Errorf("case by key: %d created_by %v, key user %v", st, c["created_by"], agentKey["user_id"])
		}
		// X-API-Key: the default role reads but may not manage users.
		anon := client{t: t, base: base}
		if st, out := anon.call("GET", "/api/v1/me", nil, "X-API-Key", plain.Key); st != 200 || out["role"] != string(service.DefaultKeyRole) {
			t.Errorf("me by X-API-Key: %d %v", st, out)
		}
		if st, out := anon.call("GET", "/api/v1/users", nil, "X-API-Key", plain.Key); st != 403 {
			t.Errorf("users by a field_worker key: %d %v", st, out)
		}
		if st, _ := anon.call("GET", "/api/v1/me", nil, "X-API-Key", "msk_unknown"); st != 401 {
			t.Errorf("unknown key: %d", st)
		}

		// The list shows prefixes and last use, never keys.
		st, listed := admin.call("GET", "/api/v1/api-keys", nil)
		items, _ := listed["items"].([]any)
		if st != 200 || len(items) != 2 || strings.Contains(fmt.Sprint(listed), plain.Key) {
			t.Fatalf("list: %d %v", st, listed)
		}
		for _, it := range items {
			k := it.(map[string]any)
			if k["key"] != nil || k["last_used_at"] == nil || !strings.HasPrefix(fmt.Sprint(k["prefix"]), "msk_") {
				t.Errorf("listed key %v", k)
			}
		}

		// Throttled per key: the third request in a burst of two waits.
		m.Service.SetKeyLimit(0.01, 2)
		asAgent.call("GET", "/api/v1/me", nil)
		asAgent.call("GET", "/api/v1/me", nil)
		if st, out := asAgent.call("GET", "/api/v1/me", nil); st != 429 {
			t.Errorf("third request: %d %v", st, out)
		}
		g := geoClient{t: t, root: base + "/open311/v2"}
		seedServices(t, admin, orgs["housing"])
		form := url.Values{"api_key": {agentKey["key"].(string)}, "service_code": {"700101"}, "address_string": {"香港中路"}, "description": {"井盖"}}
		st, body, h := g.post("/requests.json", form)
		wantError(t, "throttled key", st, body, false, 429)
		if h.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		if st, out := anon.call("GET", "/api/v1/me", nil, "X-API-Key", plain.Key); st != 200 {
			t.Errorf("another key is not throttled: %d %v", st, out)
		}
		m.Service.SetKeyLimit(service.DefaultKeyRate, service.DefaultKeyBurst)

		// Revoked: refused at once, on both surfaces.
		st, rev := admin.call("POST", fmt.Sprintf("/api/v1/api-keys/%v/revoke", agentKey["id"]), nil)
		if st != 200 || rev["revoked_at"] == nil {
			t.Fatalf("revoke: %d %v", st, rev)
		}
		if st, _ := asAgent.call("GET", "/api/v1/me", nil); st != 401 {
			t.Errorf("revoked key on /api/v1: %d", st)
		}
		st, body, _ = g.post("/requests.xml", form)
		wantError(t, "revoked key", st, body, true, 403)
		if st, _ := admin.call("POST", "/api/v1/api-keys/99999/revoke", nil); st != 404 {
			t.Errorf("revoke unknown: %d", st)
		}
	})
}
