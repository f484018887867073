package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"minsheng"
)

// reason says why a row is refused, as a format and its arguments, so that a
// page in another language can say it with the same arguments (see
// Rejection.Format).
type reason struct {
	format string
	args   []any
}

func reasonf(format string, args ...any) reason { return reason{format, args} }

func (r reason) String() string { return fmt.Sprintf(r.format, r.args...) }

// fieldError is a row refused because of one field.
type fieldError struct {
	field minsheng.ImportField
	why   reason
}

func (e *fieldError) Error() string { return e.why.String() }

// formulaCall is a + - or @ cell that goes on to call a spreadsheet function.
var formulaCall = regexp.MustCompile(`^[-+@][-+*/0-9.\s()]*[A-Za-z_][A-Za-z0-9_.]*\s*\(`)

// looksLikeFormula reports whether a cell would run as a formula when a
// spreadsheet opens it again (=cmd|' /C calc'!A0, @SUM(…), +cmd|…): such
// cells are refused, so that no ledger or re-export carries them on.
func looksLikeFormula(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch s[0] {
	case '=':
		return true
	case '+', '-', '@':
		return strings.ContainsRune(s, '|') || formulaCall.MatchString(s)
	}
	return false
}

// timeLayouts are the ways exports write a time, tried in order.
var timeLayouts = []string{time.DateTime, "2006-01-02 15:04", "2006/1/2 15:04:05", "2006/1/2 15:04", time.RFC3339,
	"2006-01-02T15:04:05", time.DateOnly, "2006/1/2", "2006.1.2 15:04:05", "2006.1.2", "2006年1月2日 15:04:05",
	"2006年1月2日 15:04", "2006年1月2日", "1/2/06 15:04", "1/2/06", "01-02-06 15:04", "01-02-06"}

// parseTime reads a time in China Standard Time; a number is an Excel serial
// date (days since 1899-12-30).
func parseTime(s string, zone *time.Location) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, zone); err == nil {
			return t, nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 1 && f < 2958466 {
		base := time.Date(1899, 12, 30, 0, 0, 0, 0, zone)
		return base.Add(time.Duration(f * 24 * float64(time.Hour))).Round(time.Second), nil
	}
	return time.Time{}, &fieldError{minsheng.ImportTime, reasonf("not a time like 2019-04-25 09:32:09: %q", minsheng.Abbrev(s, 40))}
}

// rowRef is the row's own number, or, for a file without one, a digest of
// its content: the same row imported twice gets the same reference.
func rowRef(num string, get func(minsheng.ImportField) string) string {
	if num != "" {
		return num
	}
	h := sha256.New()
	for _, f := range []minsheng.ImportField{minsheng.ImportTime, minsheng.ImportPhone, minsheng.ImportName,
		minsheng.ImportTitle, minsheng.ImportContent} {
		h.Write([]byte(get(f)))
		h.Write([]byte{0})
	}
	return "sha256-" + hex.EncodeToString(h.Sum(nil))[:24]
}

// fieldOf maps the intake fields that validation names back to import fields.
var fieldOf = map[string]minsheng.ImportField{
	"channel_ref": minsheng.ImportRef, "title": minsheng.ImportTitle, "content": minsheng.ImportContent,
	"citizen.name": minsheng.ImportName, "citizen.phone": minsheng.ImportPhone, "address": minsheng.ImportAddress,
	"time": minsheng.ImportTime, "category_id": minsheng.ImportCategory,
}

// serviceReason is a row refused by the intake rules: the rule's own format
// and arguments, without the field name Invalid puts before its message.
func serviceReason(err error) reason {
	var e *minsheng.Error
	if errors.As(err, &e) && e.Format != "" {
		return reason{e.Format, e.Args}
	}
	return reasonf("%s", minsheng.ErrorMessage(err))
}
