package web

import (
	"math"
	"net/http"
	"time"

	"minsheng"
	"minsheng/calendar"
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
	// URL is the page's own address with its query, which live parts of the
	// page fetch again to refresh themselves.
	URL string
	// Staff pages only.
	User    *minsheng.User
	OrgName string
	Queues  []service.QueueCount
	// Current is the queue shown, to mark it in the left column.
	Current minsheng.Queue
	// Query is what the top bar's search box holds.
	Query string
	// Unread is the number of unread notifications beside the top bar's link.
	Unread int
	now    time.Time
	// cal counts deadlines in working days; nil falls back to calendar days.
	cal *calendar.Calendar
}

func (s *Server) base(w http.ResponseWriter, r *http.Request, titleKey string) Base {
	b := Base{Lang: pickLang(w, r), CSRF: csrfToken(w, r), Path: r.URL.Path, URL: r.URL.RequestURI(), now: s.svc.Now()}
	if cal, err := s.svc.Calendar(r.Context()); err == nil {
		b.cal = cal
	} else {
		s.log.Warn("working-day calendar", "err", err) // countdowns fall back to calendar days
	}
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

// Countdown turns a deadline into "3 working days left", "due today" or
// "2 days overdue", counted in working days as deadlines are set. Amber
// starts when one working day or less is left. Closed and paused cases
// have no countdown.
func (b *Base) Countdown(due time.Time, st minsheng.Status) Due {
	if due.IsZero() || !st.Open() || st == minsheng.StatusPaused {
		return Due{}
	}
	now := b.now
	if due.Before(now) {
		n := int(math.Ceil(now.Sub(due).Hours() / 24))
		if b.cal != nil {
			n = max(b.cal.WorkingDaysBetween(due, now), 1)
		}
		return Due{Text: b.T("due.overdue", n), Class: "due-over"}
	}
	if due.In(cst).Format(time.DateOnly) == now.In(cst).Format(time.DateOnly) {
		return Due{Text: b.T("due.today"), Class: "due-soon"}
	}
	n := int(math.Ceil(due.Sub(now).Hours() / 24))
	if b.cal != nil {
		n = b.cal.WorkingDaysBetween(now, due)
	}
	if n <= 1 {
		return Due{Text: b.T("due.left", max(n, 1)), Class: "due-soon"}
	}
	return Due{Text: b.T("due.left", n), Class: "due-ok"}
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
	if c.LeaderAssigned {
		out = append(out, Badge{b.T("badge.leader"), "tag-red"})
	}
	if c.DisputeOrgID != 0 {
		out = append(out, Badge{b.T("badge.dispute"), "tag-amber"})
	}
	if c.CampaignID != 0 {
		out = append(out, Badge{b.T("badge.campaign"), "tag-grey"})
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
	if c.SeatType != "" { // 专家坐席, 营商环境专席, 学员接听席 (webadmin)
		out = append(out, Badge{b.T("seat." + string(c.SeatType)), "tag-blue"})
	}
	return out
}

// CanCreate reports whether the user records new requests, for the top
// bar's new-call button; the permission table decides.
func (b *Base) CanCreate() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpCaseCreate) != minsheng.ScopeNone
}
