package web

import (
	"math"
	"net/http"
	"time"

	"minsheng"
	"minsheng/service"
)

// cst is the hotline's clock: every time on a page is Beijing time.
var cst = time.FixedZone("CST", 8*3600)

// Base is what every page's data carries: language, title, the CSRF token
// for its forms and, on staff pages, the signed-in user and their queues.
type Base struct {
	Lang  string
	Title string
	CSRF  string
	Path  string
	// Staff pages only.
	User    *minsheng.User
	OrgName string
	Queues  []service.QueueCount
	// Current is the queue shown, to mark it in the left column.
	Current minsheng.Queue
	// Query is what the top bar's search box holds.
	Query string
	now   time.Time
}

func (s *Server) base(w http.ResponseWriter, r *http.Request, titleKey string) Base {
	b := Base{Lang: pickLang(w, r), CSRF: csrfToken(w, r), Path: r.URL.Path, now: s.svc.Now()}
	if titleKey != "" {
		b.Title = translate(b.Lang, titleKey)
	}
	return b
}

// T returns a label of the catalogue in the page's language.
func (b *Base) T(key string, args ...any) string { return translate(b.Lang, key, args...) }

// OtherLang is the language the switch link offers.
func (b *Base) OtherLang() string {
	if b.Lang == langEN {
		return langZH
	}
	return langEN
}

// Status is a case state in plain words.
func (b *Base) Status(s minsheng.Status) string { return b.T("status." + string(s)) }

// Action is a lifecycle action in plain words.
func (b *Base) Action(a string) string { return b.T("action." + a) }

// Role is a role's name.
func (b *Base) Role(r minsheng.Role) string { return b.T("role." + string(r)) }

// QueueName is a queue's name.
func (b *Base) QueueName(q minsheng.Queue) string { return b.T("queue." + string(q)) }

// When formats a time in Beijing time, to the minute.
func (b *Base) When(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cst).Format("2006-01-02 15:04")
}

// Due is a deadline as a countdown, with a class for its colour; the words
// alone carry the meaning, so colour-blind users lose nothing.
type Due struct {
	Text, Class string
}

// Countdown turns a deadline into "3 days left", "due today" or "2 days
// overdue". Closed cases have no countdown.
func (b *Base) Countdown(due time.Time, st minsheng.Status) Due {
	if due.IsZero() || !st.Open() || st == minsheng.StatusPaused {
		return Due{}
	}
	left := due.Sub(b.now)
	switch {
	case left < 0:
		return Due{Text: b.T("due.overdue", int(math.Ceil(-left.Hours()/24))), Class: "due-over"}
	case left <= 24*time.Hour:
		return Due{Text: b.T("due.today"), Class: "due-soon"}
	}
	return Due{Text: b.T("due.left", int(math.Ceil(left.Hours()/24))), Class: "due-ok"}
}

// Badge is a small label after a case's title.
type Badge struct {
	Text, Class string
}

// Badges lists what a dispatcher must notice about a case at a glance:
// supervision, urgency, returns and send-backs.
func (b *Base) Badges(c *minsheng.Case) []Badge {
	var out []Badge
	if c.Supervision > 0 {
		out = append(out, Badge{b.T("badge.supervised", c.Supervision), "tag-red"})
	}
	switch c.Urgency {
	case minsheng.UrgencyImmediate:
		out = append(out, Badge{b.T("badge.immediate"), "tag-red"})
	case minsheng.UrgencyUrgent:
		out = append(out, Badge{b.T("badge.urgent"), "tag-amber"})
	}
	if c.ReturnCount > 0 {
		out = append(out, Badge{b.T("badge.returned", c.ReturnCount), "tag-grey"})
	}
	if c.SendBacks > 0 {
		out = append(out, Badge{b.T("badge.sentback", c.SendBacks), "tag-grey"})
	}
	return out
}
