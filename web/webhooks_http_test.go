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

// TestWebhookCreatePage: an admin registers a receiving system on the
// outbox page. A loopback target and a missing channel come back with the
// message under the field and what was typed kept; a good form answers with
// the signing secret, once, and the webhook is stored as the API would
// store it; a dispatcher may not register one.
func TestWebhookCreatePage(t *testing.T) {
	m := node(t)
	ctx := context.Background()
	ad := newClient(t, m)
	ad.login("admin")
	_, page := ad.do("GET", "/w/admin/outbox", nil)
	if !strings.Contains(page, `action="/w/admin/webhooks"`) {
		t.Fatal("the outbox page has no form to register a webhook")
	}
	csrf := ad.csrf(page)
	res, page := ad.do("POST", "/w/admin/webhooks", url.Values{"csrf": {csrf}, "name": {"市长信箱"},
		"url": {"http://127.0.0.1:8080/steal"}, "channels": {"mailbox"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `<p class="ferr" id="wurl-new-err">`) ||
		!strings.Contains(page, "127.0.0.1 是本机、内网或链路本地地址") || !strings.Contains(page, `value="http://127.0.0.1:8080/steal"`) ||
		!strings.Contains(page, `value="市长信箱"`) {
		t.Fatalf("a loopback target: %d", res.StatusCode)
	}
	res, page = ad.do("POST", "/w/admin/webhooks", url.Values{"csrf": {csrf}, "name": {"市长信箱"},
		"url": {"https://223.5.5.5/mailbox"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="wchannels-new-err"`) {
		t.Fatalf("no channel: %d", res.StatusCode)
	}
	if hooks, _ := m.Store.Webhooks(ctx); len(hooks) != 0 {
		t.Fatalf("a refused form stored %d webhooks", len(hooks))
	}
	res, page = ad.do("POST", "/w/admin/webhooks", url.Values{"csrf": {csrf}, "name": {"市长信箱"},
		"url": {"https://223.5.5.5/mailbox"}, "channels": {"mailbox", "message_board"}})
	if res.StatusCode != http.StatusCreated || !strings.Contains(page, "已登记“市长信箱”") {
		t.Fatalf("register: %d", res.StatusCode)
	}
	hooks, err := m.Store.Webhooks(ctx)
	if err != nil || len(hooks) != 1 {
		t.Fatalf("%d webhooks stored: %v", len(hooks), err)
	}
	got, err := m.Store.Webhook(ctx, hooks[0].ID)
	if err != nil || got.Name != "市长信箱" || got.URL != "https://223.5.5.5/mailbox" || len(got.Channels) != 2 ||
		!strings.HasPrefix(got.Secret, "whsec_") || !strings.Contains(page, `<code id="newsecret">`+got.Secret+`</code>`) {
		t.Fatalf("stored %+v (%v); the page shows the secret: %v", got, err, strings.Contains(page, got.Secret))
	}
	if _, page = ad.do("GET", "/w/admin/outbox", nil); strings.Contains(page, got.Secret) {
		t.Fatal("the secret is shown again")
	}
	d := newClient(t, m)
	d.login("dispatcher")
	_, dp := d.do("GET", "/w/", nil)
	res, _ = d.do("POST", "/w/admin/webhooks", url.Values{"csrf": {d.csrf(dp)}, "name": {"冒名"},
		"url": {"https://223.5.5.5/x"}, "channels": {"mailbox"}})
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("a dispatcher registers a webhook: %d", res.StatusCode)
	}
	if hooks, _ := m.Store.Webhooks(ctx); len(hooks) != 1 {
		t.Fatalf("%d webhooks after the dispatcher's try", len(hooks))
	}
}
