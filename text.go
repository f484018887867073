package minsheng

import (
	"strings"
	"unicode/utf8"
)

// StorableText reports whether both databases store s faithfully: PostgreSQL
// refuses invalid UTF-8 and U+0000 in text (a 500 if they reach it), and
// SQLite would keep the NUL byte raw, where C-string consumers cut the text.
// Store lookups use it to answer "not found" for input no record can match.
func StorableText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// checkText rejects text that is not storable, naming the field.
func checkText(field, v string) error {
	if !utf8.ValidString(v) {
		return Invalid(field, "is not valid UTF-8")
	}
	if strings.ContainsRune(v, 0) {
		return Invalid(field, "must not contain NUL (U+0000)")
	}
	return nil
}

// checkTexts is checkText over several fields, in order, so the first bad one is named.
func checkTexts(fields ...[2]string) error {
	for _, f := range fields {
		if err := checkText(f[0], f[1]); err != nil {
			return err
		}
	}
	return nil
}
