package minsheng

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A reply goes back the way its request came (DOMAIN.md, "Intake"): when a
// case is answered or closed, a notification for its channel is queued in the
// transaction of that event, and a dispatcher delivers it later. These types
// and rules say what is queued; the store keeps it and package outbox sends it.

// NotifyKind is how a notification travels.
type NotifyKind string

// The kinds of notification.
const (
	NotifySMS     NotifyKind = "sms"     // a text message to the citizen's phone
	NotifyWebhook NotifyKind = "webhook" // a signed POST to a registered system
)

// NotifyStatus is where a notification stands.
type NotifyStatus string

// The states of a notification: pending until delivered, or dead after too
// many failed attempts (an admin may send a dead one again).
const (
	NotifyPending   NotifyStatus = "pending"
	NotifyDelivered NotifyStatus = "delivered"
	NotifyDead      NotifyStatus = "dead"
)

// OutboxMessage is one row of the outbox: one event's news for one target.
type OutboxMessage struct {
	ID int64 `json:"id"`
	// DeliveryID is the idempotency id every attempt carries, so that a
	// receiver that got a delivery whose acknowledgement was lost can drop
	// the retry.
	DeliveryID  string          `json:"delivery_id"`
	CaseID      int64           `json:"case_id"`
	EventID     int64           `json:"event_id"`
	Kind        NotifyKind      `json:"kind"`
	WebhookID   int64           `json:"webhook_id,omitempty"`
	Status      NotifyStatus    `json:"status"`
	Attempts    int             `json:"attempts"`
	NextAt      time.Time       `json:"next_at"`
	LastError   string          `json:"last_error,omitempty"`
	Payload     json.RawMessage `json:"payload"`
	CreatedAt   time.Time       `json:"created_at"`
	DeliveredAt *time.Time      `json:"delivered_at,omitempty"`
}

// Topics of notifications: the reply is published, or the case is closed.
const (
	TopicAnswered = "case.answered"
	TopicClosed   = "case.closed"
)

// NotifyTopic says whether an event is news for the citizen's channel and
// which: a reply approved for publication (the case moves on to its return
// visit) is "answered"; any move into closed (a direct answer, a solved
// visit, a referred body's reply) is "closed". Everything else is internal.
// The citizen's own rating (issue 8) is news to no channel: it came from
// the citizen, and an unsolved one would otherwise read as "answered" again.
func NotifyTopic(ev Event) string {
	if ev.From == ev.To || ev.Action == "rate" {
		return ""
	}
	switch ev.To {
	case StatusClosed:
		return TopicClosed
	case StatusPendingVisit:
		return TopicAnswered
	}
	return ""
}

// smsChannels are the channels whose citizens are answered by text message:
// they gave a phone number to a person or a form, not to a system of their own.
var smsChannels = map[Channel]bool{"phone": true, "web": true, "mobile": true, "field": true, "department": true}

// WantsSMS reports whether the citizen of c is told by text message: a
// channel that answers that way, a phone number, and no wish to stay
// anonymous or unanswered.
func WantsSMS(c *Case) bool {
	return smsChannels[c.Channel] && c.Citizen.Phone != "" && !c.Citizen.Anonymous && c.WantsReply
}

// NotifyMessage is the body of a notification: what a receiving system needs
// to find its own record (channel_ref) and show the answer, and never the
// citizen's personal data.
type NotifyMessage struct {
	DeliveryID string       `json:"delivery_id"`
	Topic      string       `json:"topic"`
	At         time.Time    `json:"at"`
	Case       NotifyCase   `json:"case"`
	Open311    *Open311Note `json:"open311,omitempty"`
	// SMS is the text of a text message (kind sms only).
	SMS string `json:"sms,omitempty"`
}

// NotifyCase is the case as a notification shows it.
type NotifyCase struct {
	ID         int64   `json:"id"`
	Number     string  `json:"number"`
	Channel    Channel `json:"channel"`
	ChannelRef string  `json:"channel_ref,omitempty"`
	Status     Status  `json:"status"`
	Reply      string  `json:"reply,omitempty"`
	Outcome    Outcome `json:"reply_outcome,omitempty"`
}

// Open311Note is the status update of a request that came in by Open311, in
// the GeoReport v2 words its client already reads.
type Open311Note struct {
	ServiceRequestID string `json:"service_request_id"`
	Status           string `json:"status"` // open or closed
	StatusNotes      string `json:"status_notes,omitempty"`
	UpdatedDatetime  string `json:"updated_datetime"`
}

// NewNotifyMessage builds the message for an event of c.
func NewNotifyMessage(deliveryID, topic string, c *Case, ev Event, kind NotifyKind) NotifyMessage {
	m := NotifyMessage{DeliveryID: deliveryID, Topic: topic, At: ev.At,
		Case: NotifyCase{ID: c.ID, Number: c.Number, Channel: c.Channel, ChannelRef: c.ChannelRef, Status: c.Status,
			Reply: c.Reply, Outcome: c.Outcome}}
	if c.Channel == "open311" {
		st := "open"
		if !c.Status.Open() {
			st = "closed"
		}
		m.Open311 = &Open311Note{ServiceRequestID: strconv.FormatInt(c.ID, 10), Status: st, StatusNotes: c.Reply,
			UpdatedDatetime: ev.At.Format(time.RFC3339)}
	}
	if kind == NotifySMS {
		m.SMS = smsText(topic, c)
	}
	return m
}

// smsText is the text message: short, with the case number to quote when
// calling back, and the reply cut to what fits a few messages.
func smsText(topic string, c *Case) string {
	what := "已答复"
	if topic == TopicClosed {
		what = "已办结"
	}
	reply := c.Reply
	if utf8.RuneCountInString(reply) > 120 {
		reply = string([]rune(reply)[:120]) + "…"
	}
	s := "【12345】您反映的问题（工单号 " + c.Number + "）" + what + "。"
	if reply != "" {
		s += "答复：" + reply
	}
	return s
}

// Webhook is a system that receives the answers of its channels' cases (a
// message board, a mailbox, an Open311 client), as signed POSTs.
type Webhook struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url"`
	// Secret signs every delivery (HMAC-SHA256); it is shown when the
	// webhook is made and never listed again.
	Secret   string    `json:"-"`
	Channels []Channel `json:"channels"`
	// UserID, when set, limits the webhook to cases that account sent in:
	// an API key's client hears about its own requests only.
	UserID    int64     `json:"user_id,omitempty"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the fields an admin supplies.
func (w *Webhook) Validate() error {
	if err := checkTexts([2]string{"name", w.Name}, [2]string{"url", w.URL}); err != nil {
		return err
	}
	w.Name = strings.TrimSpace(w.Name)
	if w.Name == "" || utf8.RuneCountInString(w.Name) > 50 {
		return Invalid("name", "1-50 characters")
	}
	u, err := url.Parse(w.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(w.URL) > 500 {
		return Invalid("url", "an http or https URL of at most 500 characters")
	}
	if u.User != nil {
		return Invalid("url", "no user name or password in the URL: deliveries are signed with the webhook's secret")
	}
	if len(w.Secret) < 16 {
		return Invalid("secret", "at least 16 characters")
	}
	if len(w.Channels) == 0 {
		return Invalid("channels", "at least one channel")
	}
	for _, c := range w.Channels {
		if !c.Valid() {
			return Invalid("channels", "unknown channel %q", c)
		}
	}
	return nil
}
