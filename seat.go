package minsheng

import "time"

// SeatType is a special seat of the call centre. An agent's account carries
// it, and each case taken there records it, so the case page shows that an
// expert or a visiting official took the call.
type SeatType string

// The special seats of DOMAIN.md; the ordinary seat is "".
const (
	SeatExpert   SeatType = "expert"   // 专家坐席 / 专家专号
	SeatBusiness SeatType = "business" // 营商环境专席
	SeatGuest    SeatType = "guest"    // 学员接听席 / 干部接线员
)

// SeatTypes lists the special seats, in the order forms offer them.
var SeatTypes = []SeatType{SeatExpert, SeatBusiness, SeatGuest}

// Valid reports whether s is the ordinary seat or a known special one.
func (s SeatType) Valid() bool {
	switch s {
	case "", SeatExpert, SeatBusiness, SeatGuest:
		return true
	}
	return false
}

// SeatLog is one entry of the operator's log (接线民情日志): a notable call
// an agent writes down for the shift report and the leaders' reading.
type SeatLog struct {
	ID        int64       `json:"id"`
	UserID    int64       `json:"user_id"`
	UserName  string      `json:"user_name"`
	SeatType  SeatType    `json:"seat_type,omitempty"`
	CaseID    int64       `json:"case_id,omitempty"`
	Kind      SeatLogKind `json:"kind"`
	Text      string      `json:"text"`
	CreatedAt time.Time   `json:"created_at"`
}

// SeatLogKind says why a call was worth writing down.
type SeatLogKind string

// The kinds of log entries.
const (
	LogPublicOpinion SeatLogKind = "opinion"   // 民情民意: what callers keep raising
	LogEmergency     SeatLogKind = "emergency" // 突发事件: a call about something happening now
	LogDifficult     SeatLogKind = "difficult" // 疑难来电: abusive, repeated or hard calls
	LogPraise        SeatLogKind = "praise"    // 表扬建议: thanks and suggestions
)

// SeatLogKinds lists the kinds in the order the form offers them.
var SeatLogKinds = []SeatLogKind{LogPublicOpinion, LogEmergency, LogDifficult, LogPraise}

// Validate checks an entry an agent writes.
func (l *SeatLog) Validate() error {
	ok := false
	for _, k := range SeatLogKinds {
		ok = ok || l.Kind == k
	}
	if !ok {
		return Invalid("kind", "one of opinion, emergency, difficult, praise")
	}
	if err := checkText("text", l.Text); err != nil {
		return err
	}
	if n := len([]rune(l.Text)); n < 5 || n > 2000 {
		return Invalid("text", "5 to 2000 characters")
	}
	if l.CaseID < 0 {
		return Invalid("case_id", "no such case")
	}
	return nil
}

// SeatLogFilter picks log entries: by author (0 for all) in a time window,
// newest first.
type SeatLogFilter struct {
	UserID        int64
	After, Before time.Time
	Limit         int
}
