package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"minsheng/store/storetest"
)

// TestWebhookAdminOverHTTP: an admin edits a webhook's name, URL and
// channels and deletes it; a dispatcher may do neither; a URL with
// credentials is refused; and a node that does not allow private targets
// (a second one on the same database)
// refuses loopback, private and link-local URLs on create and on edit,
// under the url field.
func TestWebhookAdminOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		admin, disp := login(t, m.URL(), "admin"), login(t, m.URL(), "dispatcher")
		st, out := admin.call("POST", "/api/v1/admin/webhooks", map[string]any{"name": "市长留言板",
			"url": "http://127.0.0.1:9/hook", "channels": []string{"message_board"}})
		if st != 201 {
			t.Fatalf("create: %d %v", st, out)
		}
		path := fmt.Sprint("/api/v1/admin/webhooks/", out["id"])
		st, out = admin.call("PATCH", path, map[string]any{"name": "区长留言板", "url": "http://127.0.0.1:9/new",
			"channels": []string{"message_board", "open311"}})
		if st != 200 || out["name"] != "区长留言板" || out["url"] != "http://127.0.0.1:9/new" || len(out["channels"].([]any)) != 2 {
			t.Fatalf("edit: %d %v", st, out)
		}
		if st, out := admin.call("PATCH", path, map[string]any{"url": "https://admin:hunter2@hooks.example.cn/x"}); st != 400 ||
			fieldOf(out) != "url" || !strings.Contains(errMessage(out), "no user name or password") {
			t.Fatalf("credentials in the URL: %d %v", st, out)
		}
		if st, _ := disp.call("PATCH", path, map[string]any{"name": "x"}); st != 403 {
			t.Fatalf("a dispatcher edits a webhook: %d", st)
		}
		if st, _ := disp.call("DELETE", path, nil); st != 403 {
			t.Fatalf("a dispatcher deletes a webhook: %d", st)
		}

		// A second node on the same database that keeps the default.
		strict, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", DB: db,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { strict.Close(context.Background()) })
		onStrict := client{t: t, base: strict.URL(), token: admin.token}
		for _, u := range []string{"http://127.0.0.1:9/hook", "http://[::1]/hook", "http://169.254.169.254/latest/meta-data",
			"http://192.168.1.20/hook", "http://localhost/hook"} {
			if st, out := onStrict.call("POST", "/api/v1/admin/webhooks", map[string]any{"name": "内网", "url": u,
				"channels": []string{"message_board"}}); st != 400 || fieldOf(out) != "url" {
				t.Errorf("create %s: %d %v", u, st, out)
			}
			if st, out := onStrict.call("PATCH", path, map[string]any{"url": u}); st != 400 || fieldOf(out) != "url" {
				t.Errorf("edit to %s: %d %v", u, st, out)
			}
		}
		if st, out := admin.call("PATCH", path, map[string]any{"disabled": true}); st != 200 || out["disabled"] != true {
			t.Fatalf("disabling needs no URL check: %d %v", st, out)
		}

		if st, _ := admin.call("DELETE", path, nil); st != 204 {
			t.Fatalf("delete: %d", st)
		}
		if st, _ := admin.call("DELETE", path, nil); st != 404 {
			t.Fatalf("delete again: %d", st)
		}
		var list struct{ Items []any }
		if admin.decode("GET", "/api/v1/admin/webhooks", &list); len(list.Items) != 0 {
			t.Fatalf("listed after delete: %v", list.Items)
		}
	})
}
