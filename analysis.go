package minsheng

import "time"

// RankBy is the counter a case ranking orders by: the lists of the
// dashboards and the monthly report that name the cases pushed back and
// forth the most.
type RankBy string

// The rankings. Returns are orders a unit gave back (退单), reopens are
// citizens coming back after closure (重复诉求 on the same case), send-backs
// are replies the reviewer refused (退回重办).
const (
	RankReturns   RankBy = "returns"
	RankReopens   RankBy = "reopens"
	RankSendBacks RankBy = "send_backs"
)

// Valid reports whether b is a known ranking.
func (b RankBy) Valid() bool { return b == RankReturns || b == RankReopens || b == RankSendBacks }

// CaseRanking asks for the cases received in [From, To) with the highest
// counter By (only those where it is above zero), highest first, newest
// first among equals.
type CaseRanking struct {
	By       RankBy
	From, To time.Time
	Limit    int
}

// Validate checks the question; the errors name the field at fault.
func (q CaseRanking) Validate() error {
	if !q.By.Valid() {
		return Invalid("by", "one of returns, reopens, send_backs")
	}
	if q.From.IsZero() || q.To.IsZero() || !q.To.After(q.From) {
		return Invalid("to", "must be after from")
	}
	if q.Limit < 1 || q.Limit > MaxPage {
		return Invalid("limit", "between 1 and %d", MaxPage)
	}
	return nil
}
