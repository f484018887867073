package web

import (
	"testing"
	"time"

	"minsheng"
	"minsheng/calendar"
)

// TestCountdown checks the deadline words and colours of UI.md, counted in
// working days: a weekend does not count against the unit.
func TestCountdown(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	b := &Base{Lang: langZH, now: at("2026-11-30 10:00"), cal: calendar.Default(nil)} // a Monday
	for _, c := range []struct {
		due       string
		st        minsheng.Status
		text, cls string
	}{
		{"2026-11-30 17:00", minsheng.StatusHandling, "今日到期", "due-soon"},
		{"2026-12-01 17:00", minsheng.StatusHandling, "剩 1 个工作日", "due-soon"},
		{"2026-12-04 17:00", minsheng.StatusHandling, "剩 4 个工作日", "due-ok"},
		{"2026-11-27 17:00", minsheng.StatusHandling, "超期 1 个工作日", "due-over"}, // last Friday
		{"2026-11-24 17:00", minsheng.StatusDispatched, "超期 4 个工作日", "due-over"},
		{"2026-11-24 17:00", minsheng.StatusPaused, "", ""},
		{"2026-11-24 17:00", minsheng.StatusClosed, "", ""},
	} {
		got := b.Countdown(at(c.due), c.st)
		if got.Text != c.text || got.Class != c.cls {
			t.Errorf("due %s, %s: %+v, want %q %q", c.due, c.st, got, c.text, c.cls)
		}
	}
}
