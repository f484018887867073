// Package quality scores a department's reply to a citizen request before
// the hotline's reviewer checks it (审核), so that the reviewer sees at a
// glance whether the reply is a real answer or one of the perfunctory
// replies the hotline exists to stop ("将出方案", "在研究中", a bare
// referral). The score is a heuristic over the text and the dates; it ranks
// replies for attention and explains itself, it does not decide.
package quality

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Input is one reply and what it answers. The times are optional: a zero
// time means unknown, and the signal that needs it is skipped.
type Input struct {
	Request    string    // title and content of the citizen's request; a first line is read as the title
	Reply      string    // the department's reply as it would go back to the citizen
	ReceivedAt time.Time // when the hotline received the request
	RepliedAt  time.Time // when the department replied
	DueAt      time.Time // the handling deadline (办理时限)
}

// Reason is one signal that moved the score, shown to the reviewer so the
// number is never a black box.
type Reason struct {
	Code    string `json:"code"`    // stable id for counting and filtering, e.g. "stock_phrase"
	Message string `json:"message"` // Chinese, for the reviewer
	Delta   int    `json:"delta"`   // points added (positive) or removed (negative)
}

// Score is the assessment of one reply.
type Score struct {
	Value   int      `json:"value"`   // 0..100
	Level   string   `json:"level"`   // "good" (≥ GoodAt), "fair" (≥ FairAt) or "poor"
	Reasons []Reason `json:"reasons"` // negative reasons first, then positive, each group in signal order
}

// The level thresholds.
const (
	// GoodAt is the lowest value of a "good" reply: one that says what was
	// done or answers the question, on topic, that a reviewer can approve
	// after a glance.
	GoodAt = 70
	// FairAt is the lowest value of a "fair" reply; below it a reply is
	// "poor", one the reviewer should expect to send back (退回重办).
	FairAt = 40
)

// The weights. A reply starts at base and each signal adds or removes
// points; the sum is clamped to 0..100. The sizes encode the hotline's
// priorities:
//   - What was done matters most (concrete_action, then resolved): the
//     reviewer's question is "was anything done?". One action on topic
//     (40+12+16 = 68) is just short of good; a result, a date or findings
//     on top make it good.
//   - Stock phrases with nothing concrete behind them are the failure the
//     seeds complain about, so they cost most, and together with no_action
//     and a short text they take a bare "正在研究，将出方案" to about zero.
//     Beside concrete content they cost a few points only: "高度重视"
//     opens most real answers too.
//   - Being on topic, giving dates and explaining (the answer to a
//     consultation, which has no action to report) are worth a fair amount
//     each; explanations are capped so that citing many documents does not
//     outweigh doing something.
//   - Length only punishes: a long reply is not a good one by being long.
//   - Lateness costs a little at once and more per day, capped so that a
//     late but real answer stays above a punctual non-answer.
//
// base sits on the poor/fair line: a reply with nothing good and nothing
// bad found is borderline. The numbers were tuned by reading the lowest-
// and highest-scoring of the 2,816 real replies of the 2020 TipDM Cup data
// (see `minsheng quality eval`) until both ends read right.
const (
	base = 40

	addressFull = 12  // addresses_request: key terms of the request come back in the reply
	addressPart = 6   // addresses_request, partly
	lowOverlap  = -15 // low_overlap: the reply may be about something else

	actionFirst = 16 // concrete_action: one thing done …
	actionMore  = 4  // … each further distinct one …
	actionMax   = 24 // … up to this
	resultPts   = 10 // resolved: an outcome (已解决, 已恢复正常, 表示满意)
	investPts   = 6  // investigated: findings (经查, 经核实, 实地查看)
	explainEach = 5  // explains: per kind of explanation (document, clause, policy, reasoning, guidance, facts, points) …
	explainMax  = 14 // … up to this
	datePts     = 6  // has_date: a concrete date or time of what was or will be done …
	deadlinePts = 4  // … plus this when a date is a deadline (3月5日前, 三个工作日内)

	noAction       = -12 // no_action: nothing done, found or explained …
	noActionSoft   = -5  // … but the reply is on topic and substantial: likely an answer in plain words
	stockHeavy     = -22 // stock_phrase with nothing concrete: first phrase …
	stockMore      = -5  // … each further one …
	stockMax       = -35 // … down to this
	stockLight     = -4  // stock_phrase beside concrete content: a blemish, not a non-answer
	noTimeHeavy    = -8  // no_time: promises work, names no date, and did nothing yet
	noTimeLight    = -3  // no_time beside concrete action
	shortTiny      = -20 // too_short: under shortTinyAt characters of substance
	shortSome      = -10 // too_short: under shortSomeAt
	shortTinyAt    = 25
	shortSomeAt    = 60
	softNoActionAt = 100 // substance from which an on-topic reply earns the soft no_action
	lateBase       = -5  // late: any lateness …
	latePerDay     = -2  // … and per started day past the deadline …
	lateMax        = -25 // … down to this
	lowOverlapAt   = 0.15
	partOverlap    = 0.25
	fullOverlap    = 0.5
	minTermsAt     = 4 // requests with less key-term weight are too short to judge overlap
)

// Assess scores one reply. It never fails: empty or odd input gives a low
// score with reasons, not an error, and the same input always gives the
// same score.
func Assess(in Input) Score {
	req, reply := normalize(in.Request), normalize(in.Reply)
	body := stripSignature(reply)
	var rs []Reason
	add := func(code string, delta int, msg string, args ...any) {
		rs = append(rs, Reason{Code: code, Delta: delta, Message: fmt.Sprintf(msg, args...)})
	}

	share, total := overlap(req, body)
	if total >= minTermsAt {
		switch {
		case share >= fullOverlap:
			add("addresses_request", addressFull, "答复针对诉求本身（关键词覆盖约%d%%）", pct(share))
		case share >= partOverlap:
			add("addresses_request", addressPart, "答复部分涉及诉求内容（关键词覆盖约%d%%）", pct(share))
		case share < lowOverlapAt:
			add("low_overlap", lowOverlap, "答复与诉求的关键词几乎不重合（约%d%%），可能答非所问", pct(share))
		}
	}

	acts := actions(body)
	if len(acts) > 0 {
		add("concrete_action", min(actionMax, actionFirst+actionMore*(len(acts)-1)),
			"答复说明了已采取的措施：%s", quoteList(acts))
	}
	res := containsAny(body, results)
	if len(res) > 0 {
		add("resolved", resultPts, "答复说明了办理结果：%s", quoteList(res))
	}
	inv := investigated.FindString(body)
	if inv != "" {
		add("investigated", investPts, "答复说明了调查核实的情况（“%s”）", inv)
	}
	var kinds []string
	for _, k := range explainKinds {
		if k.re.MatchString(body) {
			kinds = append(kinds, explainNames[k.code])
		}
	}
	if len(kinds) > 0 {
		add("explains", min(explainMax, explainEach*len(kinds)), "答复有具体说明：%s", strings.Join(kinds, "、"))
	}
	dates, deadlines := findDates(body)
	switch {
	case len(deadlines) > 0:
		add("has_date", datePts+deadlinePts, "答复给出了时间和办结期限：%s", quoteList(deadlines))
	case len(dates) > 0:
		add("has_date", datePts, "答复给出了具体时间：%s", quoteList(dates))
	}

	concrete := len(acts) > 0 || len(res) > 0 || inv != "" || len(kinds) > 0 || len(deadlines) > 0
	size := substance(reply)
	switch {
	case concrete:
	case share >= fullOverlap && size >= softNoActionAt:
		add("no_action", noActionSoft, "答复未明确说明做了什么或依据什么，请核对是否已答复诉求")
	default:
		add("no_action", noAction, "答复未说明做了什么、查明了什么或政策依据")
	}
	stock := containsAny(body, stockPhrases)
	for _, m := range stockPatterns.FindAllString(body, -1) {
		if !slices.Contains(stock, m) {
			stock = append(stock, m)
		}
	}
	switch {
	case len(stock) > 0 && !concrete:
		add("stock_phrase", max(stockMax, stockHeavy+stockMore*(len(stock)-1)),
			"答复仅有%s等套话，未说明办理结果", quoteList(stock))
	case len(stock) > 0:
		add("stock_phrase", stockLight, "答复含%s等套话", quoteList(stock))
	}
	if p := containsAny(body, promises); len(p) > 0 && len(dates) == 0 && len(deadlines) == 0 {
		if len(acts) == 0 && len(res) == 0 {
			add("no_time", noTimeHeavy, "答复承诺%s，但未给出任何时间或期限", quoteList(p))
		} else {
			add("no_time", noTimeLight, "答复对后续工作（%s）未给出期限", quoteList(p))
		}
	}

	switch n := size; {
	case n < shortTinyAt:
		add("too_short", shortTiny, "答复过短（实际内容约%d字）", n)
	case n < shortSomeAt:
		add("too_short", shortSome, "答复较短（实际内容约%d字），难以说明办理情况", n)
	}

	if !in.DueAt.IsZero() && !in.RepliedAt.IsZero() && in.RepliedAt.After(in.DueAt) {
		over := in.RepliedAt.Sub(in.DueAt)
		days := int(math.Ceil(over.Hours() / 24))
		add("late", max(lateMax, lateBase+latePerDay*days), "超过办理时限%d天答复", days)
	}

	return finish(rs)
}

// explainNames are the reviewer's words for the explanation kinds.
var explainNames = map[string]string{
	"document":  "引用文件",
	"clause":    "具体条款",
	"guidance":  "办理指引",
	"facts":     "具体数据",
	"policy":    "政策答复",
	"reasoning": "原因说明",
	"points":    "逐条答复",
}

// finish adds up the reasons, clamps the value, picks the level and puts
// the reasons in their display order.
func finish(rs []Reason) Score {
	v := base
	for _, r := range rs {
		v += r.Delta
	}
	v = max(0, min(100, v))
	level := "poor"
	switch {
	case v >= GoodAt:
		level = "good"
	case v >= FairAt:
		level = "fair"
	}
	slices.SortStableFunc(rs, func(a, b Reason) int {
		return boolInt(a.Delta >= 0) - boolInt(b.Delta >= 0)
	})
	return Score{Value: v, Level: level, Reasons: rs}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pct renders a share as a whole percentage.
func pct(f float64) int { return int(math.Round(f * 100)) }
