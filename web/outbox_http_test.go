package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"minsheng"
	"minsheng/lifecycle"
)

// TestOutboxPage: an admin sees a dead letter with its error and sends it
// again; other roles may not open the page.
func TestOutboxPage(t *testing.T) {
	m := node(t)
	ctx := context.Background()
	if err := m.Store.CreateWebhook(ctx, &minsheng.Webhook{Name: "留言板", URL: "http://127.0.0.1:1/closed",
		Secret: "0123456789abcdef0123", Channels: []minsheng.Channel{"message_board"}}); err != nil {
		t.Fatal(err)
	}
	agent, err := m.Store.UserByName(ctx, "agent")
	if err != nil {
		t.Fatal(err)
	}
	c := &minsheng.Case{Channel: "message_board", ChannelRef: "帖子-9", Content: "公园厕所没有纸，也没人打扫"}
	if _, err := m.Store.CreateCase(ctx, c, minsheng.ActorOf(agent), ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Store.Act(ctx, c.ID, minsheng.ActorOf(agent), lifecycle.Request{Action: lifecycle.Answer, Content: "已通知园林处每日保洁两次。"}); err != nil {
		t.Fatal(err)
	}
	ns, _ := m.Store.CaseNotifications(ctx, c.ID)
	if len(ns) != 1 {
		t.Fatalf("queued %d", len(ns))
	}
	if err := m.Store.NotificationFailed(ctx, ns[0].ID, "dial tcp 127.0.0.1:1: connection refused <b>", nil); err != nil {
		t.Fatal(err)
	}

	ag := newClient(t, m)
	ag.login("agent")
	if res, _ := ag.do("GET", "/w/admin/outbox", nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("agent opens the outbox page: %d", res.StatusCode)
	}
	ad := newClient(t, m)
	ad.login("admin")
	res, page := ad.do("GET", "/w/admin/outbox", nil)
	row := fmt.Sprintf(`id="n%d"`, ns[0].ID)
	if res.StatusCode != 200 || !strings.Contains(page, row) || !strings.Contains(page, "connection refused &lt;b&gt;") {
		t.Fatalf("outbox page: %d\n%s", res.StatusCode, page)
	}
	res, _ = ad.do("POST", fmt.Sprintf("/w/admin/outbox/%d/retry", ns[0].ID), url.Values{"csrf": {ad.csrf(page)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("retry: %d", res.StatusCode)
	}
	if _, page = ad.do("GET", res.Header.Get("Location"), nil); strings.Contains(page, row) || !strings.Contains(page, "已重新排队") {
		t.Fatalf("after retry the dead letter is still listed or no toast:\n%s", page)
	}
	if res, _ := ad.do("POST", fmt.Sprintf("/w/admin/outbox/%d/retry", ns[0].ID), url.Values{"csrf": {ad.csrf(page)}}); res.StatusCode != http.StatusConflict {
		t.Fatalf("retry of a pending one: %d", res.StatusCode)
	}
}
