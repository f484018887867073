package web

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"minsheng"
)

// verbRE finds formatting verbs (not %%).
var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*[a-zA-Z]`)

// TestErrorVocabulary: every Chinese message takes the same arguments as
// its English format, so no page shows "%!d(MISSING)"; and real refusals
// of the rules reach a Chinese page in Chinese, under their field.
func TestErrorVocabulary(t *testing.T) {
	for en, zh := range errorsZH {
		if a, b := len(verbRE.FindAllString(en, -1)), len(verbRE.FindAllString(zh, -1)); a != b {
			t.Errorf("%q has %d arguments, its Chinese %q has %d", en, a, zh, b)
		}
	}
	cases := []struct {
		err  error
		want string
	}{
		{minsheng.Invalid("reason", "at least %d characters, please say more", 10), "至少 10 个字"},
		{minsheng.Invalid("org_id", "a %s case goes to a %s body", minsheng.TrackPetition, minsheng.TrackPetition), "信访事项类工单"},
		{minsheng.Invalid("status", "unknown status %q", "bogus"), `"bogus"`},
		{minsheng.Invalid("days", "1 to 30 working days"), "1 到 30 个工作日"},
	}
	for _, c := range cases {
		got := fieldMessage(langZH, fmt.Errorf("wrapped: %w", c.err))
		if !strings.Contains(got, c.want) || strings.Contains(got, "%!") {
			t.Errorf("%v → %q, want it to say %q", c.err, got, c.want)
		}
	}
	if got := fieldMessage(langZH, minsheng.Invalid("x", "a sentence nobody translated")); !strings.HasPrefix(got, "填写有误") {
		t.Errorf("an untranslated message on a Chinese page: %q", got)
	}
	if got := fieldMessage(langEN, minsheng.Invalid("days", "1 to 30 working days")); got != "1 to 30 working days" {
		t.Errorf("English page: %q", got)
	}
}
