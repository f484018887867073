package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// TestOutboxQueuesWithTheEvent checks what an answer queues: a text message
// for a phone case, one delivery per matching webhook for a message-board
// case (not for a webhook of another client), nothing for internal steps,
// and nothing for Bulk's replayed history.
func TestOutboxQueuesWithTheEvent(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		board := &minsheng.Webhook{Name: "市长留言板", URL: "http://127.0.0.1:9/hook", Secret: "0123456789abcdef",
			Channels: []minsheng.Channel{"message_board", "open311"}}
		other := &minsheng.Webhook{Name: "另一客户端", URL: "http://127.0.0.1:9/other", Secret: "0123456789abcdef",
			Channels: []minsheng.Channel{"message_board"}, UserID: f.handler2.UserID}
		for _, w := range []*minsheng.Webhook{board, other} {
			if err := s.CreateWebhook(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateWebhook(ctx, &minsheng.Webhook{Name: "x", URL: "ftp://a", Secret: "0123456789abcdef",
			Channels: []minsheng.Channel{"web"}}); minsheng.ErrorField(err) != "url" {
			t.Fatalf("bad url: %v", err)
		}

		phone := replyCase(t, s, f)
		act(t, s, phone.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Triage, Track: minsheng.TrackService, Reason: "分类"})
		if ns, _ := s.CaseNotifications(ctx, phone.ID); len(ns) != 0 {
			t.Fatalf("an internal step queued %d notifications", len(ns))
		}
		act(t, s, phone.ID, f.agent, lifecycle.Request{Action: lifecycle.Answer, Content: "已告知市民：路灯由供电公司负责，电话 95598。"})
		ns, err := s.CaseNotifications(ctx, phone.ID)
		if err != nil || len(ns) != 1 || ns[0].Kind != minsheng.NotifySMS || ns[0].Status != minsheng.NotifyPending {
			t.Fatalf("phone case notifications: %+v %v", ns, err)
		}
		var m minsheng.NotifyMessage
		if err := json.Unmarshal(ns[0].Payload, &m); err != nil || m.Topic != minsheng.TopicClosed ||
			m.DeliveryID != ns[0].DeliveryID || m.SMS == "" || m.Case.Reply != "已告知市民：路灯由供电公司负责，电话 95598。" {
			t.Fatalf("payload: %s %v", ns[0].Payload, err)
		}

		mb := &minsheng.Case{Channel: "message_board", ChannelRef: "post-881", Title: "噪音", Content: "工地夜间施工噪音扰民",
			Citizen: minsheng.Citizen{Name: "网友", Phone: "13900004321"}, WantsReply: true}
		if _, err := s.CreateCase(ctx, mb, f.agent, ""); err != nil {
			t.Fatal(err)
		}
		act(t, s, mb.ID, f.agent, lifecycle.Request{Action: lifecycle.Answer, Content: "夜间施工须办理许可，已转告城管。"})
		ns, _ = s.CaseNotifications(ctx, mb.ID)
		if len(ns) != 1 || ns[0].Kind != minsheng.NotifyWebhook || ns[0].WebhookID != board.ID {
			t.Fatalf("message board notifications: %+v", ns)
		}
		m = minsheng.NotifyMessage{}
		json.Unmarshal(ns[0].Payload, &m)
		if m.Case.ChannelRef != "post-881" || m.SMS != "" {
			t.Fatalf("webhook payload: %s", ns[0].Payload)
		}

		err = s.Bulk(ctx, func(b *Bulk) error {
			c := &minsheng.Case{Channel: "phone", Content: "历史工单", Citizen: minsheng.Citizen{Phone: "13900001111"}, WantsReply: true}
			if err := b.CreateCase(c, f.agent, time.Now().Add(-48*time.Hour)); err != nil {
				return err
			}
			_, err := b.Act(c.ID, f.agent, lifecycle.Request{Action: lifecycle.Answer, Content: "历史答复内容"}, time.Now().Add(-47*time.Hour))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		all, _ := s.OutboxMessages(ctx, minsheng.NotifyPending, 0, 100)
		if len(all) != 2 {
			t.Fatalf("pending notifications: %d, want 2 (bulk history queues none)", len(all))
		}
	})
}

// replyCase is a phone case whose citizen wants the answer.
func replyCase(t *testing.T, s *Store, f *fixture) *minsheng.Case {
	t.Helper()
	c := &minsheng.Case{Channel: "phone", Title: "路灯不亮", Content: "人民路路灯不亮三天了", WantsReply: true,
		Citizen: minsheng.Citizen{Name: "李四", Phone: "13900001234"}}
	if _, err := s.CreateCase(context.Background(), c, f.agent, ""); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestOutboxClaimRetryDead walks a notification through a claim, a lease
// that keeps a second claim off, a failure with a retry time, the dead
// letters and an admin's retry.
func TestOutboxClaimRetryDead(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := replyCase(t, s, f)
		act(t, s, c.ID, f.agent, lifecycle.Request{Action: lifecycle.Answer, Content: "已告知市民联系供电公司。"})

		got, err := s.ClaimNotifications(ctx, "a", 10, time.Minute)
		if err != nil || len(got) != 1 || got[0].Attempts != 1 {
			t.Fatalf("claim: %+v %v", got, err)
		}
		n := got[0]
		if again, _ := s.ClaimNotifications(ctx, "b", 10, time.Minute); len(again) != 0 {
			t.Fatal("a leased notification was claimed twice")
		}
		past := time.Now().Add(-time.Second)
		if err := s.NotificationFailed(ctx, n.ID, "connection refused", &past); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ClaimNotifications(ctx, "b", 10, time.Minute)
		if len(got) != 1 || got[0].Attempts != 2 || got[0].LastError != "connection refused" {
			t.Fatalf("retry claim: %+v", got)
		}
		if _, err := s.RetryOutboxMessage(ctx, n.ID); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("retry of a pending one: %v", err)
		}
		if err := s.NotificationFailed(ctx, n.ID, "HTTP 500", nil); err != nil {
			t.Fatal(err)
		}
		dead, _ := s.OutboxMessages(ctx, minsheng.NotifyDead, 0, 10)
		if len(dead) != 1 || dead[0].ID != n.ID {
			t.Fatalf("dead letters: %+v", dead)
		}
		if got, _ := s.ClaimNotifications(ctx, "a", 10, time.Minute); len(got) != 0 {
			t.Fatal("a dead letter was claimed")
		}
		if _, err := s.RetryOutboxMessage(ctx, 99999); !errors.Is(err, minsheng.ErrNotFound) {
			t.Fatalf("retry unknown: %v", err)
		}
		if _, err := s.RetryOutboxMessage(ctx, n.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ClaimNotifications(ctx, "a", 10, time.Minute)
		if len(got) != 1 || got[0].Attempts != 1 || got[0].DeliveryID != n.DeliveryID {
			t.Fatalf("claim after retry: %+v", got)
		}
		if err := s.NotificationDelivered(ctx, n.ID); err != nil {
			t.Fatal(err)
		}
		ns, _ := s.CaseNotifications(ctx, c.ID)
		if ns[0].Status != minsheng.NotifyDelivered || ns[0].DeliveredAt == nil {
			t.Fatalf("delivered: %+v", ns[0])
		}
	})
}
