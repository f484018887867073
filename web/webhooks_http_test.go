package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"minsheng"
)

// TestWebhookEditPage: an admin edits a webhook on the outbox page; a
// loopback target is refused in Chinese with what was typed kept, since this
// node does not allow private targets; a dispatcher may not edit; deleting
// asks first and removes it.
func TestWebhookEditPage(t *testing.T) {
	m := node(t)
	ctx := context.Background()
	w := &minsheng.Webhook{Name: "留言板", URL: "https://223.5.5.5/hook", Secret: "0123456789abcdef0123",
		Channels: []minsheng.Channel{"message_board"}}
	if err := m.Store.CreateWebhook(ctx, w); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/w/admin/webhooks/%d", w.ID)
	ad := newClient(t, m)
	ad.login("admin")
	_, page := ad.do("GET", "/w/admin/outbox", nil)
	if !strings.Contains(page, `id="edit-`) || !strings.Contains(page, "https://223.5.5.5/hook") {
		t.Fatal("the outbox page does not list the webhook")
	}
	csrf := ad.csrf(page)
	res, page := ad.do("POST", path, url.Values{"csrf": {csrf}, "name": {"区长留言板"}, "url": {"http://127.0.0.1:8080/steal"},
		"channels": {"message_board"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "127.0.0.1 是本机、内网或链路本地地址") ||
		!strings.Contains(page, `value="http://127.0.0.1:8080/steal"`) {
		t.Fatalf("a loopback target: %d", res.StatusCode)
	}
	if got, _ := m.Store.Webhook(ctx, w.ID); got.URL != "https://223.5.5.5/hook" || got.Name != "留言板" {
		t.Fatalf("a refused edit changed the webhook: %+v", got)
	}
	res, _ = ad.do("POST", path, url.Values{"csrf": {csrf}, "name": {"区长留言板"}, "url": {"https://223.5.5.5/v2/hook"},
		"channels": {"message_board", "open311"}, "disabled": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	got, _ := m.Store.Webhook(ctx, w.ID)
	if got.Name != "区长留言板" || got.URL != "https://223.5.5.5/v2/hook" || len(got.Channels) != 2 || !got.Disabled ||
		got.Secret != "0123456789abcdef0123" {
		t.Fatalf("after the edit: %+v", got)
	}
	d := newClient(t, m)
	d.login("dispatcher")
	_, dp := d.do("GET", "/w/", nil)
	if res, _ := d.do("POST", path+"/delete", url.Values{"csrf": {d.csrf(dp)}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a dispatcher deletes a webhook: %d", res.StatusCode)
	}
	_, page = ad.do("GET", "/w/admin/outbox", nil)
	if !strings.Contains(page, "删除“区长留言板”及其尚未送达的推送") {
		t.Fatal("delete does not ask first")
	}
	if res, _ := ad.do("POST", path+"/delete", url.Values{"csrf": {csrf}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if _, err := m.Store.Webhook(ctx, w.ID); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
		t.Fatalf("still there: %v", err)
	}
}
