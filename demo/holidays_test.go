package demo

import (
	"testing"
	"time"

	"minsheng"
)

// TestHolidayNoticesReadAsPublished checks the notices against what they
// say of each day: days off and make-up working days fall where the notice
// puts them, each make-up day is a Saturday or Sunday, and no date is
// listed twice.
func TestHolidayNoticesReadAsPublished(t *testing.T) {
	for _, n := range holidayNotices {
		days, err := n.days()
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, d := range days {
			if err := d.Validate(); err != nil {
				t.Errorf("%d: %v", n.year, err)
			}
			if seen[d.Date] {
				t.Errorf("%s listed twice", d.Date)
			}
			seen[d.Date] = true
			at, _ := time.Parse(time.DateOnly, d.Date)
			if wd := at.Weekday(); d.Kind == minsheng.DayWorkday && wd != time.Saturday && wd != time.Sunday {
				t.Errorf("make-up working day %s is a %s", d.Date, wd)
			}
		}
	}
	// Spot checks against the notices' own words.
	want := map[string]string{
		"2025-01-28": minsheng.DayHoliday, "2025-02-04": minsheng.DayHoliday, "2025-02-08": minsheng.DayWorkday,
		"2025-10-08": minsheng.DayHoliday, "2025-10-11": minsheng.DayWorkday,
		"2026-02-15": minsheng.DayHoliday, "2026-02-23": minsheng.DayHoliday, "2026-02-28": minsheng.DayWorkday,
		"2026-09-20": minsheng.DayWorkday, "2026-10-07": minsheng.DayHoliday, "2024-02-18": minsheng.DayWorkday,
	}
	got := map[string]string{}
	for _, n := range holidayNotices {
		days, _ := n.days()
		for _, d := range days {
			got[d.Date] = d.Kind
		}
	}
	for date, kind := range want {
		if got[date] != kind {
			t.Errorf("%s is %q, want %q", date, got[date], kind)
		}
	}
}
