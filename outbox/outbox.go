// Package outbox sends the notifications the store queued when cases were
// answered or closed: text messages through a provider, and signed webhook
// deliveries to registered systems, with retries, backoff and a dead-letter
// list. It runs inside every node; the store's leases make sure each
// notification is sent by one node at a time, and the delivery id each
// attempt carries lets receivers drop a retry they already acted on.
package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"minsheng"
)

// Store is what the dispatcher needs from storage; *store.Store implements it.
type Store interface {
	ClaimNotifications(ctx context.Context, node string, n int, lease time.Duration) ([]*minsheng.OutboxMessage, error)
	NotificationDelivered(ctx context.Context, id int64) error
	NotificationFailed(ctx context.Context, id int64, reason string, retryAt *time.Time) error
	Webhook(ctx context.Context, id int64) (*minsheng.Webhook, error)
	Case(ctx context.Context, id int64) (*minsheng.Case, error)
}

// Sender sends a text message through an SMS provider. deliveryID is the
// idempotency id; providers that take a client reference should pass it on.
type Sender interface {
	SendSMS(ctx context.Context, phone, text, deliveryID string) error
}

// LogSender is the default provider: it only logs, for a node that has no
// SMS contract (development, the demo). The phone is masked in the log.
type LogSender struct{ Log *slog.Logger }

// SendSMS logs the message.
func (l LogSender) SendSMS(_ context.Context, phone, text, deliveryID string) error {
	l.Log.Info("sms (log provider)", "to", minsheng.MaskPhone(phone), "delivery", deliveryID, "text", text)
	return nil
}

// Config tunes a dispatcher; zero fields take the defaults.
type Config struct {
	// Node names this node in claims (default: host name and process id).
	Node string
	// Batch is how many notifications one claim takes (default 32); they are
	// sent in parallel.
	Batch int
	// Lease is how long a claim keeps other nodes off a notification; it
	// must exceed Timeout (default 2 minutes).
	Lease time.Duration
	// Timeout bounds one delivery (default 10 s).
	Timeout time.Duration
	// Poll is the pause when nothing is due (default 1 s).
	Poll time.Duration
	// MaxAttempts is how many attempts a notification gets before it joins
	// the dead letters (default 8).
	MaxAttempts int
	// Backoff is the wait after the first failure; it doubles each time, up
	// to MaxBackoff, with jitter (defaults 10 s and 1 hour).
	Backoff, MaxBackoff time.Duration
	// AllowPrivate lets webhooks reach loopback, private and link-local
	// addresses (see CheckTarget); off, such a connection is refused.
	AllowPrivate bool
}

func (c *Config) defaults() {
	if c.Node == "" {
		host, _ := os.Hostname()
		c.Node = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if c.Batch <= 0 {
		c.Batch = 32
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Lease <= 0 {
		c.Lease = 2 * time.Minute
	}
	if c.Poll <= 0 {
		c.Poll = time.Second
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
	if c.Backoff <= 0 {
		c.Backoff = 10 * time.Second
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = time.Hour
	}
}

// Dispatcher claims due notifications and sends them.
type Dispatcher struct {
	st     Store
	sms    Sender
	client *http.Client
	log    *slog.Logger
	cfg    Config
}

// New returns a dispatcher; sms nil means LogSender.
func New(st Store, sms Sender, log *slog.Logger, cfg Config) *Dispatcher {
	if log == nil {
		log = slog.Default()
	}
	if sms == nil {
		sms = LogSender{Log: log}
	}
	cfg.defaults()
	return &Dispatcher{st: st, sms: sms, log: log, cfg: cfg,
		client: &http.Client{Timeout: cfg.Timeout, Transport: transport(cfg.Batch, cfg.AllowPrivate), CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a redirect is not a delivery
		}}}
}

// transport keeps a connection per parallel delivery to a receiver alive
// between batches (the default keeps two, and a batch would open the rest
// anew each time). It connects directly, never through a proxy, so that the
// address checked on each connection is the receiver's.
func transport(batch int, allowPrivate bool) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = batch
	t.MaxIdleConns = 4 * batch
	t.Proxy = nil
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: guardDial(allowPrivate)}
	t.DialContext = d.DialContext
	return t
}

// Run sends until ctx ends, pausing for Poll when nothing is due.
func (d *Dispatcher) Run(ctx context.Context) {
	for ctx.Err() == nil {
		n, err := d.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			d.log.Warn("outbox", "err", err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(d.cfg.Poll):
		}
	}
}

// RunOnce claims one batch of due notifications, sends them in parallel and
// records each outcome; it returns how many it claimed.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	batch, err := d.st.ClaimNotifications(ctx, d.cfg.Node, d.cfg.Batch, d.cfg.Lease)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	errs := make([]error, len(batch))
	for i, n := range batch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = d.settle(ctx, n, d.deliver(ctx, n))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return len(batch), err
		}
	}
	return len(batch), nil
}

// settle records a delivery's outcome. A failure waits for its backoff, or
// joins the dead letters after the last attempt. The outcome is recorded
// even when ctx ends (shutdown), so a delivered notification is not sent again.
func (d *Dispatcher) settle(ctx context.Context, n *minsheng.OutboxMessage, sendErr error) error {
	ctx = context.WithoutCancel(ctx)
	if sendErr == nil {
		return d.st.NotificationDelivered(ctx, n.ID)
	}
	var retry *time.Time
	if n.Attempts < d.cfg.MaxAttempts {
		t := time.Now().Add(Backoff(d.cfg.Backoff, d.cfg.MaxBackoff, n.Attempts))
		retry = &t
	}
	d.log.Warn("notification not delivered", "id", n.ID, "case", n.CaseID, "kind", n.Kind, "attempt", n.Attempts,
		"dead", retry == nil, "err", sendErr)
	return d.st.NotificationFailed(ctx, n.ID, sendErr.Error(), retry)
}

// Backoff is the wait after the given failed attempt (1-based): base doubled
// per attempt, at most max, with "full jitter" (a random wait between half and
// all of it), so that receivers coming back from an outage are not hit by
// every node's retries at the same instant.
func Backoff(base, max time.Duration, attempt int) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	return d/2 + rand.N(d/2+1)
}

func (d *Dispatcher) deliver(ctx context.Context, n *minsheng.OutboxMessage) error {
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	switch n.Kind {
	case minsheng.NotifySMS:
		var m minsheng.NotifyMessage
		if err := json.Unmarshal(n.Payload, &m); err != nil {
			return fmt.Errorf("payload: %w", err)
		}
		c, err := d.st.Case(ctx, n.CaseID)
		if err != nil {
			return err
		}
		if c.Citizen.Phone == "" {
			return fmt.Errorf("case %d has no phone number", c.ID)
		}
		return d.sms.SendSMS(ctx, c.Citizen.Phone, m.SMS, n.DeliveryID)
	case minsheng.NotifyWebhook:
		w, err := d.st.Webhook(ctx, n.WebhookID)
		if err != nil {
			return err
		}
		if w.Disabled {
			return fmt.Errorf("webhook %d is disabled", w.ID)
		}
		return d.post(ctx, w, n)
	}
	return fmt.Errorf("unknown notification kind %q", n.Kind)
}

// post sends one signed webhook delivery; only a 2xx answer counts.
func (d *Dispatcher) post(ctx context.Context, w *minsheng.Webhook, n *minsheng.OutboxMessage) error {
	body := []byte(n.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	var topic struct{ Topic string }
	json.Unmarshal(body, &topic)
	now := time.Now()
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "minsheng-outbox/1")
	req.Header.Set(HeaderTimestamp, fmt.Sprint(now.Unix()))
	req.Header.Set(HeaderSignature, Sign(w.Secret, now, body))
	req.Header.Set(HeaderDelivery, n.DeliveryID)
	req.Header.Set(HeaderTopic, topic.Topic)
	resp, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("%s answered %s", w.URL, resp.Status)
	}
	return nil
}
