package httpx

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"minsheng"
)

// Query reads query-string parameters strictly, keeping the first error so
// that a handler can read every parameter and check once.
type Query struct {
	v   url.Values
	err error
}

// NewQuery wraps the request's query string.
func NewQuery(r *http.Request) *Query { return &Query{v: r.URL.Query()} }

// Err is the first problem met, an EINVALID naming the parameter.
func (q *Query) Err() error { return q.err }

func (q *Query) fail(name, format string, args ...any) {
	if q.err == nil {
		q.err = minsheng.Invalid(name, format, args...)
	}
}

// String returns a trimmed parameter of at most max characters.
func (q *Query) String(name string, max int) string {
	v := strings.TrimSpace(q.v.Get(name))
	switch {
	case strings.ContainsRune(v, 0):
		q.fail(name, "must not contain the NUL character (U+0000)")
		return ""
	case !utf8.ValidString(v):
		q.fail(name, "is not valid UTF-8")
		return ""
	case utf8.RuneCountInString(v) > max:
		q.fail(name, "at most %d characters", max)
		return ""
	}
	return v
}

// List returns a comma-separated parameter as its items, empty ones dropped.
func (q *Query) List(name string) []string {
	var out []string
	for _, s := range strings.Split(q.String(name, 1000), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Bool accepts true/false/1/0 and refuses anything else, so that a filter
// spelt differently is never silently ignored.
func (q *Query) Bool(name string) bool {
	switch v := strings.ToLower(q.String(name, 10)); v {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	default:
		q.fail(name, "use true or false (or 1 or 0), not %q", v)
		return false
	}
}

// ID returns a positive integer parameter, 0 when absent.
func (q *Query) ID(name string) int64 {
	v := q.String(name, 20)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		q.fail(name, "must be a positive whole number")
		return 0
	}
	return n
}

// Int returns an integer parameter within [lo, hi], def when absent.
func (q *Query) Int(name string, lo, hi, def int) int {
	v := q.String(name, 20)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		q.fail(name, "a whole number from %d to %d", lo, hi)
		return def
	}
	return n
}

// CST is the hotline's zone: dates without a time are Beijing days.
var CST = time.FixedZone("CST", 8*3600)

// Time accepts a date (YYYY-MM-DD, the start of that Beijing day) or an RFC
// 3339 date-time.
func (q *Query) Time(name string) time.Time {
	v := q.String(name, 40)
	if v == "" {
		return time.Time{}
	}
	if t, err := time.ParseInLocation(time.DateOnly, v, CST); err == nil {
		return t
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		q.fail(name, "use YYYY-MM-DD or RFC 3339 (2026-11-30T17:00:00+08:00)")
	}
	return t
}

// PathID reads a positive integer path value; anything else is not found,
// with the same message as a missing record of that kind.
func PathID(r *http.Request, name, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, NotFound(what)
	}
	return id, nil
}

// NotFound is the one message for a missing record of a kind ("case").
func NotFound(what string) error {
	return minsheng.Errorf(minsheng.ENOTFOUND, "no such %s", what)
}
