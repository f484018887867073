package store

import (
	"context"
	"testing"

	"minsheng"
	"minsheng/lifecycle"
)

// TestWebhookEditAndDelete: an admin's edit changes the name, URL, channels
// and state but keeps the secret; a bad edit changes nothing; deleting
// takes the webhook's undelivered notifications with it, in one step.
func TestWebhookEditAndDelete(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		w := &minsheng.Webhook{Name: "市长留言板", URL: "http://127.0.0.1:9/hook", Secret: "0123456789abcdef",
			Channels: []minsheng.Channel{"message_board"}}
		if err := s.CreateWebhook(ctx, w); err != nil {
			t.Fatal(err)
		}
		mb := &minsheng.Case{Channel: "message_board", ChannelRef: "post-9", Title: "噪音", Content: "工地夜间施工噪音扰民",
			Citizen: minsheng.Citizen{Name: "网友", Phone: "13900004321"}, WantsReply: true}
		if _, err := s.CreateCase(ctx, mb, f.agent, ""); err != nil {
			t.Fatal(err)
		}
		act(t, s, mb.ID, f.agent, lifecycle.Request{Action: lifecycle.Answer, Content: "夜间施工须办理许可，已转告城管。"})
		if ns, _ := s.CaseNotifications(ctx, mb.ID); len(ns) != 1 || ns[0].WebhookID != w.ID {
			t.Fatalf("queued: %+v", ns)
		}

		edit := *w
		edit.Name, edit.URL, edit.Channels, edit.Disabled = "区长留言板（新版）", "https://hooks.example.cn/新/hook",
			[]minsheng.Channel{"message_board", "open311"}, true
		edit.Secret = "ignored-by-update-0000"
		if err := s.UpdateWebhook(ctx, &edit); err != nil {
			t.Fatal(err)
		}
		got, err := s.Webhook(ctx, w.ID)
		if err != nil || got.Name != "区长留言板（新版）" || got.URL != "https://hooks.example.cn/新/hook" || len(got.Channels) != 2 ||
			!got.Disabled || got.Secret != "0123456789abcdef" {
			t.Fatalf("after the edit: %+v %v", got, err)
		}
		bad := *got
		bad.URL = "https://user:pass@hooks.example.cn/hook"
		if err := s.UpdateWebhook(ctx, &bad); minsheng.ErrorField(err) != "url" {
			t.Fatalf("credentials in the URL: %v", err)
		}
		if again, _ := s.Webhook(ctx, w.ID); again.URL != got.URL {
			t.Fatalf("a refused edit changed the URL to %q", again.URL)
		}
		missing := *got
		missing.ID = 99999
		if err := s.UpdateWebhook(ctx, &missing); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Fatalf("editing a missing webhook: %v", err)
		}

		if err := s.DeleteWebhook(ctx, w.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Webhook(ctx, w.ID); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Fatalf("deleted webhook still there: %v", err)
		}
		if ns, _ := s.CaseNotifications(ctx, mb.ID); len(ns) != 0 {
			t.Fatalf("the deleted webhook's pending notification stayed: %+v", ns)
		}
		if err := s.DeleteWebhook(ctx, w.ID); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Fatalf("deleting twice: %v", err)
		}
	})
}
