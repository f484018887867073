package quality

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// promiseMarks, right before an action verb, turn it into a promise:
// 将责令 is not 责令.
var promiseMarks = []string{"将", "拟", "会", "要", "需", "应", "请", "未", "没有", "尚未", "不", "继续", "进一步", "计划", "准备", "争取", "力争"}

// actions returns the distinct actions the reply reports as done, in order
// of first appearance, leaving out promises and negations.
func actions(s string) []string {
	var out []string
	for _, loc := range action.FindAllStringSubmatchIndex(s, -1) {
		if isPromise(s[:loc[0]]) {
			continue
		}
		m := display(s, loc)
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// display keeps a long action match readable in a reason: a match that
// spans a date or a place and the verb after it shows as its head (the
// date, or its first runes), an ellipsis and the verb, the last group
// that matched.
func display(s string, loc []int) string {
	m := s[loc[0]:loc[1]]
	r := []rune(m)
	if len(r) <= 8 {
		return m
	}
	verb := string(r[len(r)-4:])
	for g := len(loc)/2 - 1; g > 0; g-- {
		if loc[2*g] >= 0 && loc[2*g+1] == loc[1] {
			verb = s[loc[2*g]:loc[2*g+1]]
			break
		}
	}
	head := string(r[:4])
	if i := strings.IndexAny(m, "日号"); i >= 0 && utf8.RuneCountInString(m[:i]) < 10 {
		head = m[:i+len("日")]
	}
	return head + "…" + verb
}

// isPromise reports whether the text before an action ends in a word that
// makes it future or negated.
func isPromise(before string) bool {
	before = strings.TrimRight(before, " ")
	for _, p := range promiseMarks {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	return false
}

// findDates returns the concrete dates and times in the reply and, apart,
// those that are deadlines. Dates that only say when the citizen wrote
// are skipped; the trailing signature date is already gone (the caller
// passes the reply through stripSignature).
func findDates(s string) (dates, deadlines []string) {
	for _, loc := range datePatterns.FindAllStringIndex(s, -1) {
		m, after := s[loc[0]:loc[1]], s[loc[1]:]
		if requestDate.MatchString(after) {
			continue
		}
		if relativeDeadline.MatchString(m) || deadlineSuffix.MatchString(after) {
			if suf := deadlineSuffix.FindString(after); suf != "" {
				m += strings.TrimSpace(suf)
			}
			if !slices.Contains(deadlines, m) {
				deadlines = append(deadlines, m)
			}
			continue
		}
		if !slices.Contains(dates, m) {
			dates = append(dates, m)
		}
	}
	return dates, deadlines
}
