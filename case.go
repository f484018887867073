package minsheng

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Status is a state of the case lifecycle (DOMAIN.md); its values are the ids
// the API shows.
type Status string

// The lifecycle states.
const (
	StatusPendingDispatch Status = "pending_dispatch"
	StatusDispatched      Status = "dispatched"
	StatusHandling        Status = "handling"
	StatusPendingLead     Status = "pending_lead"
	StatusPendingReview   Status = "pending_review"
	StatusPendingVisit    Status = "pending_visit"
	StatusClosed          Status = "closed"
	StatusMerged          Status = "merged"
	StatusReferred        Status = "referred"
	StatusPaused          Status = "paused"
)

// StatusNames are the states in the words of DOMAIN.md, for what leaves the
// system in Chinese only (the ledger, the monthly report); the pages take
// theirs from the message catalogue, which says the same.
var StatusNames = map[Status]string{StatusPendingDispatch: "待派单", StatusDispatched: "待签收", StatusHandling: "办理中",
	StatusPendingLead: "待单位审批", StatusPendingReview: "待审核", StatusPendingVisit: "待回访", StatusClosed: "已办结",
	StatusMerged: "已合并", StatusReferred: "已移交", StatusPaused: "已挂起"}

// Statuses lists every state.
var Statuses = []Status{StatusPendingDispatch, StatusDispatched, StatusHandling, StatusPendingLead,
	StatusPendingReview, StatusPendingVisit, StatusClosed, StatusMerged, StatusReferred, StatusPaused}

// Valid reports whether s is a known state.
func (s Status) Valid() bool {
	for _, k := range Statuses {
		if k == s {
			return true
		}
	}
	return false
}

// Open reports whether the case still needs work (its deadline still runs).
func (s Status) Open() bool {
	return s != StatusClosed && s != StatusMerged && s != StatusReferred
}

// Track is the first-screening track (初筛分流).
type Track string

// The four tracks.
const (
	TrackService    Track = "service"
	TrackMedia      Track = "media"
	TrackPetition   Track = "petition"
	TrackDiscipline Track = "discipline"
)

// TrackNames are the tracks in Chinese, as StatusNames are the states.
var TrackNames = map[Track]string{TrackService: "政务服务", TrackMedia: "舆论监督", TrackPetition: "信访事项", TrackDiscipline: "纪检监察"}

// Valid reports whether t is a known track.
func (t Track) Valid() bool {
	return t == TrackService || t == TrackMedia || t == TrackPetition || t == TrackDiscipline
}

// Channel is where a request came in; a reply goes back the same way.
type Channel string

// Channels lists the intake channels ("6 + N + 1").
var Channels = []Channel{"phone", "web", "mobile", "mailbox", "message_board", "media", "petition",
	"department", "field", "open311", "import"}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, k := range Channels {
		if k == c {
			return true
		}
	}
	return false
}

// Urgency picks the deadline rule together with the category.
type Urgency string

// Urgency levels.
const (
	UrgencyNormal    Urgency = "normal"
	UrgencyUrgent    Urgency = "urgent"
	UrgencyImmediate Urgency = "immediate"
)

// Valid reports whether u is a known urgency.
func (u Urgency) Valid() bool {
	return u == UrgencyNormal || u == UrgencyUrgent || u == UrgencyImmediate
}

// Citizen is the person behind a request: personal data, masked for most roles.
type Citizen struct {
	Name      string `json:"name"`
	Phone     string `json:"phone"`
	Anonymous bool   `json:"anonymous"`
}

// Case is one citizen request (工单) and its current state. The timeline of
// events is the record; the fields here are its latest projection.
type Case struct {
	ID           int64      `json:"id"`
	Number       string     `json:"number"`
	TrackingCode string     `json:"tracking_code,omitempty"`
	Channel      Channel    `json:"channel"`
	ChannelRef   string     `json:"channel_ref,omitempty"`
	Citizen      Citizen    `json:"citizen"`
	Title        string     `json:"title"`
	Content      string     `json:"content"`
	CategoryID   int64      `json:"category_id,omitempty"`
	Address      string     `json:"address,omitempty"`
	Lat          *float64   `json:"lat,omitempty"`
	Lng          *float64   `json:"lng,omitempty"`
	Urgency      Urgency    `json:"urgency"`
	WantsReply   bool       `json:"wants_reply"`
	Status       Status     `json:"status"`
	Track        Track      `json:"track"`
	OrgID        int64      `json:"org_id,omitempty"`
	OrgPath      string     `json:"-"`
	CoOrgIDs     []int64    `json:"co_org_ids,omitempty"`
	OrgChain     []int64    `json:"-"` // dispatch chain: the hotline's target first, sub-units after
	DueAt        time.Time  `json:"due_at"`
	PausedAt     *time.Time `json:"paused_at,omitempty"`
	PausedFrom   Status     `json:"-"`
	Supervision  int        `json:"supervision_level"`
	// LeaderAssigned marks a case a leader handed down personally (领导交办).
	LeaderAssigned bool `json:"leader_assigned"`
	// CampaignID is the topic campaign (专题) the case is handled in, if any.
	CampaignID int64 `json:"campaign_id,omitempty"`
	// DisputeOrgID is the department that returned the case as not its
	// responsibility (职责争议); set until the dispatcher arbitrates.
	DisputeOrgID int64 `json:"dispute_org_id,omitempty"`
	// ClueOrgID is the discipline body (纪检监察) the case was referred to as
	// a clue of misconduct (问题线索); its inspectors read the case. Units
	// under scrutiny never see it.
	ClueOrgID   int64 `json:"clue_org_id,omitempty"`
	ReturnCount int   `json:"return_count"`
	SendBacks   int   `json:"send_back_count"`
	ReopenCount int   `json:"reopen_count"`
	VisitTries  int   `json:"visit_attempts"`
	MergedInto  int64 `json:"merged_into,omitempty"`
	ExtDays     int   `json:"extension_days_pending,omitempty"`
	// PauseRequested is set while the lead unit's request for a pause (挂起)
	// waits for the hotline's decision.
	PauseRequested bool         `json:"pause_requested,omitempty"`
	Reply          string       `json:"reply,omitempty"`
	Outcome        Outcome      `json:"reply_outcome,omitempty"`
	RepliedAt      *time.Time   `json:"replied_at,omitempty"`
	Solved         *bool        `json:"solved,omitempty"`
	Satisfaction   Satisfaction `json:"satisfaction,omitempty"`
	CreatedBy      int64        `json:"created_by,omitempty"`
	CreatedAt      time.Time    `json:"created_at"`
	UpdatedAt      time.Time    `json:"updated_at"`
	ClosedAt       *time.Time   `json:"closed_at,omitempty"`
	Version        int          `json:"version"`
	// PublishConsent: the citizen lets the hotline publish the reply (公开答复).
	PublishConsent bool `json:"publish_consent"`
	// SeatType is the special seat that took the call ("" for an ordinary one).
	SeatType SeatType `json:"seat_type,omitempty"`
	// The citizen's own rating on the portal after closure (issue 8), kept
	// apart from the return visit's Solved and Satisfaction: RatedAt is set
	// once, and a case is rated at most once.
	CitizenSolved       *bool        `json:"citizen_solved,omitempty"`
	CitizenSatisfaction Satisfaction `json:"citizen_satisfaction,omitempty"`
	RatedAt             *time.Time   `json:"rated_at,omitempty"`
}

// Outcome is what the handling unit says it achieved.
type Outcome string

// Reply outcomes.
const (
	OutcomeSolved      Outcome = "solved"
	OutcomeExplained   Outcome = "explained"
	OutcomeCannotSolve Outcome = "cannot_solve"
)

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool {
	return o == OutcomeSolved || o == OutcomeExplained || o == OutcomeCannotSolve
}

// Satisfaction is the citizen's rating at the return visit, recorded apart from
// whether the problem was solved (so "被满意" cannot hide an unsolved case).
type Satisfaction string

// Satisfaction levels.
const (
	Satisfied          Satisfaction = "satisfied"
	BasicallySatisfied Satisfaction = "basically_satisfied"
	Dissatisfied       Satisfaction = "dissatisfied"
)

// Valid reports whether s is a known level.
func (s Satisfaction) Valid() bool {
	return s == Satisfied || s == BasicallySatisfied || s == Dissatisfied
}

// CaseNumber is the human-readable number of a case: the day it was received
// and its id, so numbers sort by day and need no counter ("20261125-0004711").
func CaseNumber(id int64, created time.Time) string {
	return fmt.Sprintf("%s-%07d", created.Format("20060102"), id)
}

// DeadlineRuns reports whether the case's deadline (DueAt) counts in this
// state, so that a case in it can be overdue. Lists, queues and KPIs all use it.
//
// DueAt is the handling unit's deadline (办理时限) until the hotline approves
// the reply, which is when the unit's work is done on time or not: a reply
// waiting for the hotline's review (pending_review) is not the unit's delay,
// and a paused case does not count at all. From approval on, DueAt is the
// return visit's own deadline (the unit's is kept in the reply and review
// events), so a case waiting for its visit (pending_visit) is overdue only
// when the visit is late. A reply waiting for the unit's own lead
// (pending_lead) still counts against the unit.
func (s Status) DeadlineRuns() bool {
	return s.Open() && s != StatusPaused && s != StatusPendingReview
}

// DeadlineStatuses lists the states in which the deadline counts.
func DeadlineStatuses() []Status {
	var out []Status
	for _, s := range Statuses {
		if s.DeadlineRuns() {
			out = append(out, s)
		}
	}
	return out
}

// Overdue is derived, never stored: a case whose deadline counts and has passed.
func (c *Case) Overdue(now time.Time) bool {
	return c.Status.DeadlineRuns() && !c.DueAt.IsZero() && now.After(c.DueAt)
}

// Limits on intake fields, generous for real requests and firm against abuse.
const (
	MaxTitleRunes   = 200
	MaxContentRunes = 10000
)

// Validate checks a new request as every channel must supply it (统一数据采集规范).
// It also puts the request in canonical form: the default urgency, a title
// from the content, and the citizen's phone as NormalizePhone gives it, so
// that one caller is stored one way whatever channel typed the number.
func (c *Case) Validate() error {
	if !c.Channel.Valid() {
		return Invalid("channel", "unknown channel %q", c.Channel)
	}
	if err := checkTexts([2]string{"channel_ref", c.ChannelRef}, [2]string{"title", c.Title},
		[2]string{"content", c.Content}, [2]string{"address", c.Address},
		[2]string{"citizen.name", c.Citizen.Name}, [2]string{"citizen.phone", c.Citizen.Phone}); err != nil {
		return err
	}
	if len(c.ChannelRef) > 200 {
		return Invalid("channel_ref", "at most 200 characters")
	}
	if strings.TrimSpace(c.Content) == "" {
		return Invalid("content", "must not be empty")
	}
	if n := utf8.RuneCountInString(c.Content); n > MaxContentRunes {
		return Invalid("content", "at most %d characters, got %d", MaxContentRunes, n)
	}
	if utf8.RuneCountInString(c.Title) > MaxTitleRunes {
		return Invalid("title", "at most %d characters", MaxTitleRunes)
	}
	if utf8.RuneCountInString(c.Address) > 300 {
		return Invalid("address", "at most 300 characters")
	}
	if utf8.RuneCountInString(c.Citizen.Name) > 50 {
		return Invalid("citizen.name", "at most 50 characters")
	}
	if p := c.Citizen.Phone; p != "" {
		if !validPhone(p) {
			return Invalid("citizen.phone", "5-20 digits, optionally with a leading + and spaces, dashes, dots or parentheses")
		}
		c.Citizen.Phone = NormalizePhone(p)
	}
	if c.Urgency == "" {
		c.Urgency = UrgencyNormal
	}
	if !c.Urgency.Valid() {
		return Invalid("urgency", "one of normal, urgent, immediate")
	}
	if (c.Lat == nil) != (c.Lng == nil) {
		return Invalid("lat", "lat and lng go together")
	}
	if c.Lat != nil && (*c.Lat < -90 || *c.Lat > 90 || *c.Lng < -180 || *c.Lng > 180) {
		return Invalid("lat", "coordinates out of range")
	}
	if strings.TrimSpace(c.Title) == "" {
		c.Title = Abbrev(c.Content, 30)
	}
	return nil
}

// validPhone accepts a number written the way people write them (digits with
// spaces, dashes, dots, parentheses, a leading +, in half or full width) whose
// canonical form has 5-20 digits.
func validPhone(p string) bool {
	for i, r := range p {
		r = halfWidth(r)
		switch {
		case r >= '0' && r <= '9', phoneSeparator(r):
		case r == '+' && strings.TrimSpace(p[:i]) == "":
		default:
			return false
		}
	}
	n := len(strings.TrimPrefix(NormalizePhone(p), "+"))
	return n >= 5 && n <= 20
}

// phoneSeparator reports whether r only formats a phone number.
func phoneSeparator(r rune) bool {
	return r == ' ' || r == '-' || r == '.' || r == '(' || r == ')'
}

// halfWidth maps the full-width digits and signs of Chinese input methods
// (１３９, ＋, －, （ ）, the ideographic space) to ASCII.
func halfWidth(r rune) rune {
	switch {
	case r >= '０' && r <= '９', r == '＋', r == '－', r == '．', r == '（', r == '）':
		return r - 0xFEE0 // the full-width block mirrors ASCII
	case r == '\u3000':
		return ' '
	}
	return r
}

// NormalizePhone is the one canonical form of a phone number, so that the
// same caller matches across channels however the number was written: only
// digits, with China's country code dropped (+86, 0086, or a bare 86 before an
// 11-digit mobile) and the domestic trunk 0 restored for a landline written
// internationally (+86 532 8888 6666 → 053288886666). Other international
// numbers keep their leading +. Characters that are not digits are dropped;
// validPhone decides whether the input was a phone number at all.
func NormalizePhone(p string) string {
	var b strings.Builder
	plus := false
	for _, r := range p {
		r = halfWidth(r)
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0:
			plus = true
		}
	}
	d := b.String()
	domestic := ""
	switch {
	case plus && strings.HasPrefix(d, "86"):
		domestic = d[2:]
	case !plus && strings.HasPrefix(d, "0086"):
		domestic = d[4:]
	case !plus && len(d) == 13 && strings.HasPrefix(d, "861"):
		return d[2:]
	case plus && d != "":
		return "+" + d
	default:
		return d
	}
	if domestic == "" || (len(domestic) == 11 && domestic[0] == '1') || domestic[0] == '0' {
		return domestic
	}
	return "0" + domestic
}

// Abbrev cuts s to at most n runes on one line, for titles and lists.
func Abbrev(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// MaskPhone hides the middle of a phone number: 139****1234.
func MaskPhone(p string) string {
	r := []rune(p)
	switch {
	case len(r) == 0:
		return ""
	case len(r) <= 4:
		return strings.Repeat("*", len(r))
	case len(r) <= 7:
		return string(r[:1]) + strings.Repeat("*", len(r)-3) + string(r[len(r)-2:])
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// MaskName keeps the family name: 李** for 李四光.
func MaskName(n string) string {
	r := []rune(strings.TrimSpace(n))
	if len(r) == 0 {
		return ""
	}
	if len(r) == 1 {
		return "*"
	}
	return string(r[:1]) + strings.Repeat("*", len(r)-1)
}

// MaskFor returns a copy of the citizen as the role may see it.
func (c Citizen) MaskFor(r Role) Citizen {
	if r.SeesFullPhone() {
		return c
	}
	return Citizen{Name: MaskName(c.Name), Phone: MaskPhone(c.Phone), Anonymous: c.Anonymous}
}
