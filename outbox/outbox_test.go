package outbox_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/outbox"
	"minsheng/store"
	"minsheng/store/storetest"
)

const secret = "s3cret-for-the-board-0123456789"

func openStore(t testing.TB, url string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// agent makes the hotline and a call-taker who answers cases directly.
func agent(t testing.TB, st *store.Store) minsheng.Actor {
	t.Helper()
	ctx := context.Background()
	org := &minsheng.Org{Name: "热线办", Kind: minsheng.OrgHotline}
	if err := st.CreateOrg(ctx, org); err != nil {
		t.Fatal(err)
	}
	u := &minsheng.User{Username: "agent", Name: "话务员", Role: minsheng.RoleAgent, OrgID: org.ID}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	return minsheng.ActorOf(u)
}

// answered records a request on a channel and answers it at once, which
// queues its notifications.
func answered(t testing.TB, st *store.Store, a minsheng.Actor, ch minsheng.Channel, ref string) *minsheng.Case {
	t.Helper()
	ctx := context.Background()
	c := &minsheng.Case{Channel: ch, ChannelRef: ref, Content: "小区门口垃圾三天没人清运，气味很大", WantsReply: true,
		Citizen: minsheng.Citizen{Name: "张三", Phone: "13812345678"}}
	if _, err := st.CreateCase(ctx, c, a, ""); err != nil {
		t.Fatal(err)
	}
	done, _, err := st.Act(ctx, c.ID, a, lifecycle.Request{Action: lifecycle.Answer, Content: "已通知环卫所今日清运，并加密清运频次。"})
	if err != nil {
		t.Fatal(err)
	}
	return done
}

// receiver is a message board's endpoint written the way the docs tell
// receivers to: verify, drop a delivery id it has seen, act once.
type receiver struct {
	mu       sync.Mutex
	fail     int // answer 500 to this many requests first
	requests int
	seen     map[string]int // delivery id → times received
	acted    []minsheng.NotifyMessage
	rejected int
}

func newReceiver() *receiver { return &receiver{seen: map[string]int{}} }

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.requests++
	if err := outbox.Verify(secret, r.Header, body, time.Now()); err != nil {
		rc.rejected++
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	if rc.fail > 0 {
		rc.fail--
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
		return
	}
	id := r.Header.Get(outbox.HeaderDelivery)
	rc.seen[id]++
	if rc.seen[id] > 1 {
		return // a retry of what we already did
	}
	var m minsheng.NotifyMessage
	json.Unmarshal(body, &m)
	rc.acted = append(rc.acted, m)
}

func (rc *receiver) snapshot() (requests, acted, rejected int, dup bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, n := range rc.seen {
		dup = dup || n > 1
	}
	return rc.requests, len(rc.acted), rc.rejected, dup
}

func register(t testing.TB, st *store.Store, url string, chans ...minsheng.Channel) *minsheng.Webhook {
	t.Helper()
	w := &minsheng.Webhook{Name: "市长留言板", URL: url, Secret: secret, Channels: chans}
	if err := st.CreateWebhook(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	return w
}

// smsLog is an SMS provider that keeps what it was asked to send.
type smsLog struct {
	mu   sync.Mutex
	sent map[string]string // delivery id → phone
	text []string
}

func (s *smsLog) SendSMS(_ context.Context, phone, text, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sent == nil {
		s.sent = map[string]string{}
	}
	s.sent[id] = phone
	s.text = append(s.text, text)
	return nil
}

// TestDeliveries sends a signed webhook delivery (with the Open311 status
// of an Open311 request) and a text message, records both as delivered and
// sends nothing twice.
func TestDeliveries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		st := openStore(t, url)
		a := agent(t, st)
		rc := newReceiver()
		srv := httptest.NewServer(rc)
		defer srv.Close()
		register(t, st, srv.URL, "message_board", "open311")
		board := answered(t, st, a, "message_board", "帖子-1024")
		o311 := answered(t, st, a, "open311", "tok-1")
		phone := answered(t, st, a, "phone", "")

		sms := &smsLog{}
		d := outbox.New(st, sms, nil, outbox.Config{AllowPrivate: true})
		if n, err := d.RunOnce(ctx); err != nil || n != 3 {
			t.Fatalf("run: %d %v", n, err)
		}
		if n, err := d.RunOnce(ctx); err != nil || n != 0 {
			t.Fatalf("second run claimed %d (%v): something would be sent twice", n, err)
		}
		req, acted, rejected, dup := rc.snapshot()
		if req != 2 || acted != 2 || rejected != 0 || dup {
			t.Fatalf("receiver: %d requests, %d acted, %d rejected, dup %v", req, acted, rejected, dup)
		}
		for _, m := range rc.acted {
			switch m.Case.ID {
			case board.ID:
				if m.Case.ChannelRef != "帖子-1024" || m.Topic != minsheng.TopicClosed || m.Open311 != nil {
					t.Fatalf("board message: %+v", m)
				}
			case o311.ID:
				if m.Open311 == nil || m.Open311.Status != "closed" || m.Open311.ServiceRequestID != fmt.Sprint(o311.ID) ||
					m.Open311.StatusNotes != "已通知环卫所今日清运，并加密清运频次。" {
					t.Fatalf("open311 message: %+v", m)
				}
			default:
				t.Fatalf("message of case %d", m.Case.ID)
			}
		}
		if len(sms.sent) != 1 || len(sms.text) != 1 {
			t.Fatalf("sms: %+v", sms)
		}
		for _, p := range sms.sent {
			if p != "13812345678" {
				t.Fatalf("sms to %s", p)
			}
		}
		for _, c := range []*minsheng.Case{board, o311, phone} {
			ns, _ := st.CaseNotifications(ctx, c.ID)
			if len(ns) != 1 || ns[0].Status != minsheng.NotifyDelivered {
				t.Fatalf("case %d: %+v", c.ID, ns)
			}
		}
	})
}

// TestRetryThenDeadThenAdminRetry: a receiver that keeps failing gets the
// notification MaxAttempts times with backoff, then it is a dead letter; an
// admin's retry delivers it with the same delivery id.
func TestRetryThenDeadThenAdminRetry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		st := openStore(t, url)
		a := agent(t, st)
		rc := newReceiver()
		rc.fail = 1000
		srv := httptest.NewServer(rc)
		defer srv.Close()
		register(t, st, srv.URL, "message_board")
		c := answered(t, st, a, "message_board", "帖子-7")
		d := outbox.New(st, nil, nil, outbox.Config{AllowPrivate: true, MaxAttempts: 3, Backoff: 20 * time.Millisecond, MaxBackoff: 40 * time.Millisecond})
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := d.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			if dead, _ := st.OutboxMessages(ctx, minsheng.NotifyDead, 0, 10); len(dead) == 1 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		dead, _ := st.OutboxMessages(ctx, minsheng.NotifyDead, 0, 10)
		if len(dead) != 1 || dead[0].CaseID != c.ID || dead[0].Attempts != 3 || dead[0].LastError == "" {
			t.Fatalf("dead letters: %+v", dead)
		}
		if req, _, _, _ := rc.snapshot(); req != 3 {
			t.Fatalf("%d attempts reached the receiver, want 3", req)
		}
		rc.mu.Lock()
		rc.fail = 0
		rc.mu.Unlock()
		if _, err := st.RetryOutboxMessage(ctx, dead[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, err := d.RunOnce(ctx); n != 1 || err != nil {
			t.Fatalf("after retry: %d %v", n, err)
		}
		ns, _ := st.CaseNotifications(ctx, c.ID)
		if ns[0].Status != minsheng.NotifyDelivered {
			t.Fatalf("after retry: %+v", ns[0])
		}
		if _, acted, _, _ := rc.snapshot(); acted != 1 || rc.acted[0].DeliveryID != dead[0].DeliveryID {
			t.Fatalf("acted %d", acted)
		}
	})
}

// TestTwoNodesDeliverEachOnce runs two dispatchers on two stores sharing one
// PostgreSQL schema, as two app nodes would, and checks that each of 200
// notifications reached the receiver exactly once.
func TestTwoNodesDeliverEachOnce(t *testing.T) {
	url, ok := storetest.Postgres(t)
	if !ok {
		return
	}
	ctx := context.Background()
	a1 := openStore(t, url)
	a2 := openStore(t, url)
	ag := agent(t, a1)
	rc := newReceiver()
	srv := httptest.NewServer(rc)
	defer srv.Close()
	register(t, a1, srv.URL, "message_board")
	const n = 200
	for i := range n {
		answered(t, a1, ag, "message_board", fmt.Sprint("帖子-", i))
	}
	run, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i, st := range []*store.Store{a1, a2} {
		d := outbox.New(st, nil, nil, outbox.Config{AllowPrivate: true, Node: fmt.Sprint("node-", i), Batch: 8, Poll: 5 * time.Millisecond})
		wg.Add(1)
		go func() { defer wg.Done(); d.Run(run) }()
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, acted, _, _ := rc.snapshot(); acted == n {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // let a duplicate, if any, arrive
	stop()
	wg.Wait()
	req, acted, _, dup := rc.snapshot()
	if acted != n || req != n || dup {
		t.Fatalf("%d requests for %d notifications (%d distinct), duplicates %v", req, n, acted, dup)
	}
	pending, _ := a2.OutboxMessages(ctx, minsheng.NotifyPending, 0, 10)
	if len(pending) != 0 {
		t.Fatalf("%d still pending", len(pending))
	}
	t.Logf("two nodes delivered %d notifications, each once", n)
}

func TestVerifyRefusesReplayAndTampering(t *testing.T) {
	body := []byte(`{"topic":"case.closed"}`)
	now := time.Now()
	h := http.Header{}
	h.Set(outbox.HeaderTimestamp, fmt.Sprint(now.Unix()))
	h.Set(outbox.HeaderSignature, outbox.Sign(secret, now, body))
	if err := outbox.Verify(secret, h, body, now); err != nil {
		t.Fatalf("good delivery: %v", err)
	}
	if err := outbox.Verify(secret, h, body, now.Add(6*time.Minute)); err != outbox.ErrStale {
		t.Fatalf("replayed later: %v", err)
	}
	if err := outbox.Verify(secret, h, []byte(`{"topic":"case.answered"}`), now); err != outbox.ErrSignature {
		t.Fatalf("tampered body: %v", err)
	}
	if err := outbox.Verify("another-secret-0123456789", h, body, now); err != outbox.ErrSignature {
		t.Fatalf("wrong secret: %v", err)
	}
	h.Set(outbox.HeaderTimestamp, fmt.Sprint(now.Unix()+1)) // a new timestamp on an old signature
	if err := outbox.Verify(secret, h, body, now); err != outbox.ErrSignature {
		t.Fatalf("re-stamped: %v", err)
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 10: time.Minute} {
		for range 50 {
			d := outbox.Backoff(time.Second, time.Minute, attempt)
			if d < want/2 || d > want {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
}
