package minsheng

import (
	"encoding/json"
	"time"
)

// Shanghai is the time zone of KPI days: a case received at 23:30 Beijing
// time counts for that day, whatever the server's zone. China keeps no
// daylight saving time, so a fixed offset is exact.
var Shanghai = time.FixedZone("CST", 8*3600)

// KPIDay is the Shanghai day of t as the rollups key it ("2026-11-03").
func KPIDay(t time.Time) string { return t.In(Shanghai).Format(time.DateOnly) }

// RepeatWindow is how far back an earlier case of the same caller makes a new
// one a repeat (重复诉求), the rule behind the repeat rate.
const RepeatWindow = 30 * 24 * time.Hour

// RepeatSimilarity is how alike (Jaccard similarity of the texts' shingles)
// two requests of one caller must be to count as the same problem.
const RepeatSimilarity = 0.25

// RepeatLookback bounds how many of a caller's earlier cases intake compares
// with, so that a number calling every day cannot slow the single writer.
const RepeatLookback = 20

// KPICounts are the additive KPI counters (DOMAIN.md, "KPIs"). Each counts
// events on the Shanghai day they happened, so that a day's figures never
// change afterwards and rollups can be kept by adding:
//   - Received: intake (受理); Repeat: intakes that repeat an earlier case of
//     the same caller (RepeatWindow, RepeatSimilarity).
//   - Dispatched: dispatches by the hotline (派单), not re-routes or a unit's
//     second-level dispatch.
//   - Returned: orders a unit gave back to the hotline (退单); a sub-unit
//     giving an order back to its parent is the unit's own business.
//   - Replied: units' replies; SentBack: replies the reviewer sent back (退回重办).
//   - Closed: a case entering closed; ClosedOnTime: of those, the ones whose
//     unit replied by its deadline (ReplyPayload.DueAt) or, without a unit
//     reply (a direct answer), closed by the case's deadline.
//   - Visited: return visits that reached the citizen; Solved and Satisfied
//     (satisfied or basically satisfied) are their answers, counted apart.
type KPICounts struct {
	Received     int64 `json:"received"`
	Dispatched   int64 `json:"dispatched"`
	Closed       int64 `json:"closed"`
	ClosedOnTime int64 `json:"closed_on_time"`
	Visited      int64 `json:"visited"`
	Solved       int64 `json:"solved"`
	Satisfied    int64 `json:"satisfied"`
	Returned     int64 `json:"returned"`
	Replied      int64 `json:"replied"`
	SentBack     int64 `json:"sent_back"`
	Repeat       int64 `json:"repeat"`
}

// Fields lists the counters in a fixed order, for storage that keeps one
// column per counter.
func (k *KPICounts) Fields() []*int64 {
	return []*int64{&k.Received, &k.Dispatched, &k.Closed, &k.ClosedOnTime, &k.Visited, &k.Solved,
		&k.Satisfied, &k.Returned, &k.Replied, &k.SentBack, &k.Repeat}
}

// Add adds o to k.
func (k *KPICounts) Add(o KPICounts) {
	f, g := k.Fields(), o.Fields()
	for i := range f {
		*f[i] += *g[i]
	}
}

// Zero reports whether nothing was counted.
func (k KPICounts) Zero() bool { return k == KPICounts{} }

// KPIRates are the DOMAIN.md rates of a set of counts: numbers from 0 to 1,
// nil (JSON null) when the denominator is 0.
type KPIRates struct {
	CloseRate        *float64 `json:"close_rate"`
	OnTimeRate       *float64 `json:"on_time_rate"`
	VisitRate        *float64 `json:"visit_rate"`
	SolveRate        *float64 `json:"solve_rate"`
	SatisfactionRate *float64 `json:"satisfaction_rate"`
	ReturnRate       *float64 `json:"return_rate"`
	SendBackRate     *float64 `json:"send_back_rate"`
	RepeatRate       *float64 `json:"repeat_rate"`
}

// Rates computes the rates of k. The counters are flows over a period, so a
// numerator may include cases whose denominator event fell before it (a case
// received last month and closed this month); such a rate is capped at 1
// rather than shown as an impossible 103%.
func (k KPICounts) Rates() KPIRates {
	return KPIRates{
		CloseRate: rate(k.Closed, k.Received), OnTimeRate: rate(k.ClosedOnTime, k.Closed),
		VisitRate: rate(k.Visited, k.Closed), SolveRate: rate(k.Solved, k.Visited),
		SatisfactionRate: rate(k.Satisfied, k.Visited), ReturnRate: rate(k.Returned, k.Dispatched),
		SendBackRate: rate(k.SentBack, k.Replied), RepeatRate: rate(k.Repeat, k.Received),
	}
}

func rate(n, d int64) *float64 {
	if d == 0 {
		return nil
	}
	r := min(float64(n)/float64(d), 1)
	return &r
}

// KPIStep is one lifecycle event with what counting it needs.
type KPIStep struct {
	Event Event
	// OrgBefore is the handling organisation before the event (0: the hotline).
	OrgBefore int64
	// After is the case after the event.
	After *Case
	// DueBefore is the case's deadline before the event.
	DueBefore time.Time
	// LastReply is the latest earlier reply event of the case; the store
	// loads it only when the event closes the case (ClosesCase).
	LastReply *Event
}

// ClosesCase reports whether the event moves a case into closed.
func ClosesCase(ev Event) bool { return ev.To == StatusClosed && ev.From != StatusClosed }

// Counts returns what the step adds to the KPI counters and the organisation
// it counts for: the unit that returned an order, otherwise the handling
// organisation after the event (the dispatch's target; 0, the hotline,
// before dispatch). The category and channel are the case's after the event.
func (s KPIStep) Counts() (org int64, k KPICounts, err error) {
	ev := s.Event
	org = s.After.OrgID
	switch ev.Action {
	case "dispatch":
		k.Dispatched = 1
	case "return":
		p, err := Decode[ReturnPayload](ev)
		if err != nil {
			return 0, k, err
		}
		org = s.OrgBefore
		if p.ToOrgID == 0 {
			k.Returned = 1
		}
	case "reply":
		k.Replied = 1
	case "review":
		p, err := Decode[ReviewPayload](ev)
		if err != nil {
			return 0, k, err
		}
		if !p.Approve {
			k.SentBack = 1
		}
	case "visit":
		p, err := Decode[VisitPayload](ev)
		if err != nil {
			return 0, k, err
		}
		if p.Reached {
			k.Visited = 1
			if p.Solved != nil && *p.Solved {
				k.Solved = 1
			}
			if p.Satisfaction == Satisfied || p.Satisfaction == BasicallySatisfied {
				k.Satisfied = 1
			}
		}
	}
	if ClosesCase(ev) {
		k.Closed = 1
		onTime, err := s.onTime()
		if err != nil {
			return 0, k, err
		}
		if onTime {
			k.ClosedOnTime = 1
		}
	}
	return org, k, nil
}

// onTime decides whether a closing event closes the case on time: the unit's
// work counts, measured when it replied, since the hotline's review and the
// return visit are not the unit's delay (see Status.DeadlineRuns).
func (s KPIStep) onTime() (bool, error) {
	reply := s.LastReply
	if s.Event.Action == "reply" {
		reply = &s.Event
	}
	if s.Event.Action == "answer" || reply == nil {
		return s.DueBefore.IsZero() || !s.Event.At.After(s.DueBefore), nil
	}
	p, err := Decode[ReplyPayload](*reply)
	if err != nil {
		return false, err
	}
	return p.DueAt == nil || !reply.At.After(*p.DueAt), nil
}

// KPIGroupBy is how a KPI answer is broken down.
type KPIGroupBy string

// The breakdowns; "" gives one item with the totals.
const (
	KPITotal   KPIGroupBy = ""
	KPIByOrg   KPIGroupBy = "org"
	KPIByCat   KPIGroupBy = "category"
	KPIByChan  KPIGroupBy = "channel"
	KPIByDay   KPIGroupBy = "day"
	KPIByWeek  KPIGroupBy = "week"
	KPIByMonth KPIGroupBy = "month"
)

// maxKPISpan is how many days one question may cover: three years, enough
// for a comparison with the same period of the years before.
const maxKPISpan = 3 * 366

// kpiDayShape is how days are written in questions and answers.
const kpiDayShape = time.DateOnly

// Valid reports whether g is a known breakdown.
func (g KPIGroupBy) Valid() bool {
	switch g {
	case KPITotal, KPIByOrg, KPIByCat, KPIByChan, KPIByDay, KPIByWeek, KPIByMonth:
		return true
	}
	return false
}

// Timely reports whether g breaks the period down by time.
func (g KPIGroupBy) Timely() bool { return g == KPIByDay || g == KPIByWeek || g == KPIByMonth }

// KPIQuery asks for KPIs over the Shanghai days From to To, both included,
// in an organisation's subtree (0: all), a category with its descendants
// (0: all) and a channel ("": all).
type KPIQuery struct {
	From, To   string
	OrgID      int64
	CategoryID int64
	Channel    Channel
	GroupBy    KPIGroupBy
}

// Validate checks the question; the errors name the field at fault.
func (q *KPIQuery) Validate() error {
	from, err := time.ParseInLocation(kpiDayShape, q.From, Shanghai)
	if err != nil {
		return Invalid("from", "a date YYYY-MM-DD is required")
	}
	to, err := time.ParseInLocation(kpiDayShape, q.To, Shanghai)
	if err != nil {
		return Invalid("to", "a date YYYY-MM-DD is required")
	}
	if to.Before(from) {
		return Invalid("to", "must not be before from")
	}
	if to.Sub(from) > maxKPISpan*24*time.Hour {
		return Invalid("to", "at most %d days after from", maxKPISpan)
	}
	if q.Channel != "" && !q.Channel.Valid() {
		return Invalid("channel", "unknown channel %q", q.Channel)
	}
	if !q.GroupBy.Valid() {
		return Invalid("group_by", "one of org, category, channel, day, week, month")
	}
	return nil
}

// KPIItem is one group of a KPI answer: its key, its counts and rates.
// OverdueOpen is the number of open cases past their deadline now, a point
// in time rather than a flow, so it is null for breakdowns by time.
type KPIItem struct {
	OrgID        *int64  `json:"org_id,omitempty"`
	OrgName      string  `json:"org_name,omitempty"`
	CategoryID   *int64  `json:"category_id,omitempty"`
	CategoryName string  `json:"category_name,omitempty"`
	Channel      Channel `json:"channel,omitempty"`
	Day          string  `json:"day,omitempty"`
	Week         string  `json:"week,omitempty"`
	Month        string  `json:"month,omitempty"`
	KPICounts
	OverdueOpen *int64 `json:"overdue_open"`
	KPIRates
}

// MarshalJSON computes the rates from the counts, so that they always agree.
func (it KPIItem) MarshalJSON() ([]byte, error) {
	type plain KPIItem
	p := plain(it)
	p.KPIRates = it.KPICounts.Rates()
	return json.Marshal(p)
}

// WeekOf is the Monday that starts the week of a day ("2026-11-05" → "2026-11-02").
func WeekOf(day string) string {
	t, err := time.ParseInLocation(kpiDayShape, day, Shanghai)
	if err != nil {
		return day
	}
	back := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -back).Format(kpiDayShape)
}

// MonthOf is the first day of the month of a day ("2026-11-05" → "2026-11-01").
func MonthOf(day string) string {
	if len(day) < 8 {
		return day
	}
	return day[:8] + "01"
}
