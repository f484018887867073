package calendar

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// fixture is a made-up holiday week in October 2031 (Wednesday 1st to
// Tuesday 7th) with make-up working days on Sunday 28 September and
// Saturday 11 October. Saturday 4 October is listed as a holiday too,
// which changes nothing but must be accepted.
var fixture = []Day{
	{Date: "2031-09-28", Kind: Workday, Name: "测试节调休"},
	{Date: "2031-10-01", Kind: Holiday, Name: "测试节"},
	{Date: "2031-10-02", Kind: Holiday, Name: "测试节"},
	{Date: "2031-10-03", Kind: Holiday, Name: "测试节"},
	{Date: "2031-10-04", Kind: Holiday, Name: "测试节"},
	{Date: "2031-10-05", Kind: Holiday, Name: "测试节"},
	{Date: "2031-10-06", Kind: Holiday, Name: "测试节"},
	{Date: "2031-10-07", Kind: Holiday, Name: "测试节"},
	{Date: "2031-10-11", Kind: Workday, Name: "测试节调休"},
}

var cst = time.FixedZone("CST", 8*3600)

// at parses "2006-01-02 15:04" in China time.
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// lunchCal has 09:00-17:30 with a 12:00-13:30 lunch break: 7 hours a day.
func lunchCal(t testing.TB) *Calendar {
	c, err := New(cst, Hours{Start: 9 * time.Hour, End: 17*time.Hour + 30*time.Minute,
		LunchStart: 12 * time.Hour, LunchEnd: 13*time.Hour + 30*time.Minute}, fixture)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestIsWorkingDay(t *testing.T) {
	c := Default(fixture)
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"monday", at(t, "2031-09-08 10:00"), true},
		{"saturday", at(t, "2031-09-13 10:00"), false},
		{"sunday", at(t, "2031-09-14 10:00"), false},
		{"holiday on weekday", at(t, "2031-10-01 10:00"), false},
		{"holiday on saturday", at(t, "2031-10-04 10:00"), false},
		{"make-up sunday", at(t, "2031-09-28 10:00"), true},
		{"make-up saturday", at(t, "2031-10-11 10:00"), true},
		{"utc friday is saturday in china", time.Date(2031, 9, 12, 16, 30, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := c.IsWorkingDay(tt.t); got != tt.want {
			t.Errorf("%s: IsWorkingDay(%v) = %v, want %v", tt.name, tt.t, got, tt.want)
		}
	}
	if d, ok := c.Lookup(at(t, "2031-10-02 23:59")); !ok || d.Name != "测试节" || d.Kind != Holiday || d.Date != "2031-10-02" {
		t.Errorf("Lookup(2031-10-02) = %+v, %v", d, ok)
	}
	if _, ok := c.Lookup(at(t, "2031-10-08 12:00")); ok {
		t.Error("Lookup(2031-10-08) found an entry")
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := Default(fixture)
	tests := []struct {
		name, start string
		n           int
		want        string
	}{
		{"plain weekday", "2031-09-08 10:00", 1, "2031-09-09 18:00"},
		{"plain weekdays", "2031-09-08 10:00", 3, "2031-09-11 18:00"},
		{"friday evening skips weekend", "2031-09-12 20:00", 1, "2031-09-15 18:00"},
		{"friday morning skips weekend", "2031-09-12 08:00", 2, "2031-09-16 18:00"},
		{"start on saturday", "2031-09-13 10:00", 1, "2031-09-15 18:00"},
		{"15 days no holiday", "2031-09-01 10:00", 15, "2031-09-22 18:00"},
		{"make-up sunday counts", "2031-09-26 10:00", 1, "2031-09-28 18:00"},
		{"after make-up sunday", "2031-09-26 10:00", 2, "2031-09-29 18:00"},
		{"holiday week skipped", "2031-09-30 10:00", 1, "2031-10-08 18:00"},
		{"make-up saturday counts", "2031-09-30 10:00", 4, "2031-10-11 18:00"},
		{"after make-up saturday", "2031-09-30 10:00", 5, "2031-10-13 18:00"},
		{"start inside holiday", "2031-10-03 10:00", 1, "2031-10-08 18:00"},
		{"15 days across holiday", "2031-09-22 10:00", 15, "2031-10-16 18:00"},
		{"n=0 before hours", "2031-09-08 08:00", 0, "2031-09-08 18:00"},
		{"n=0 within hours", "2031-09-08 17:59", 0, "2031-09-08 18:00"},
		{"n=0 at closing", "2031-09-08 18:00", 0, "2031-09-09 18:00"},
		{"n=0 after hours", "2031-09-12 20:00", 0, "2031-09-15 18:00"},
		{"n=0 weekend", "2031-09-13 10:00", 0, "2031-09-15 18:00"},
		{"n=0 holiday", "2031-10-03 10:00", 0, "2031-10-08 18:00"},
		{"n=0 make-up saturday", "2031-10-11 10:00", 0, "2031-10-11 18:00"},
		{"negative n", "2031-09-08 10:00", -3, "2031-09-08 18:00"},
		{"before 1970", "1969-12-31 10:00", 1, "1970-01-01 18:00"},
		{"before 1970 weekend", "1969-12-26 20:00", 1, "1969-12-29 18:00"},
	}
	for _, tt := range tests {
		got := c.AddWorkingDays(at(t, tt.start), tt.n)
		if want := at(t, tt.want); !got.Equal(want) || got.Location() != c.Location() {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %v, want %v", tt.name, tt.start, tt.n, got, want)
		}
	}
	// Input in another zone: Friday 23:00 UTC is Saturday 07:00 in China.
	got := c.AddWorkingDays(time.Date(2031, 9, 12, 23, 0, 0, 0, time.UTC), 1)
	if want := at(t, "2031-09-15 18:00"); !got.Equal(want) || got.Location() != c.Location() {
		t.Errorf("AddWorkingDays(UTC) = %v, want %v in %v", got, want, c.Location())
	}
}

func TestAddWorkingHours(t *testing.T) {
	c, lc := Default(fixture), lunchCal(t)
	tests := []struct {
		name  string
		c     *Calendar
		start string
		h     float64
		want  string
	}{
		{"same day", c, "2031-09-08 10:00", 2, "2031-09-08 12:00"},
		{"half hour", c, "2031-09-08 09:00", 0.5, "2031-09-08 09:30"},
		{"crosses night", c, "2031-09-08 17:00", 2, "2031-09-09 10:00"},
		{"before hours", c, "2031-09-08 08:00", 2, "2031-09-08 11:00"},
		{"after hours", c, "2031-09-08 19:00", 2, "2031-09-09 11:00"},
		{"whole day ends at closing", c, "2031-09-08 09:00", 9, "2031-09-08 18:00"},
		{"three days", c, "2031-09-08 10:00", 27, "2031-09-11 10:00"},
		{"crosses weekend", c, "2031-09-12 17:30", 2, "2031-09-15 10:30"},
		{"starts on weekend", c, "2031-09-13 12:00", 2, "2031-09-15 11:00"},
		{"crosses holiday week", c, "2031-09-30 17:00", 2, "2031-10-08 10:00"},
		{"into make-up saturday", c, "2031-10-10 17:00", 2, "2031-10-11 10:00"},
		{"from make-up saturday", c, "2031-10-11 17:00", 9, "2031-10-13 17:00"},
		{"into make-up sunday", c, "2031-09-26 17:00", 2, "2031-09-28 10:00"},
		{"zero", c, "2031-09-13 12:00", 0, "2031-09-13 12:00"},
		{"lunch skipped", lc, "2031-09-08 11:00", 2, "2031-09-08 14:30"},
		{"ends at lunch", lc, "2031-09-08 11:00", 1, "2031-09-08 12:00"},
		{"starts in lunch", lc, "2031-09-08 12:30", 1, "2031-09-08 14:30"},
		{"lunch day length", lc, "2031-09-08 17:00", 7, "2031-09-09 17:00"},
	}
	for _, tt := range tests {
		got := tt.c.AddWorkingHours(at(t, tt.start), tt.h)
		if want := at(t, tt.want); !got.Equal(want) || got.Location() != tt.c.Location() {
			t.Errorf("%s: AddWorkingHours(%s, %v) = %v, want %v", tt.name, tt.start, tt.h, got, want)
		}
	}
	// Absurd limits are capped at the largest Duration instead of looping
	// or overflowing.
	start := at(t, "2031-09-08 10:00")
	if got := c.AddWorkingHours(start, 1e300); !got.After(start.AddDate(200, 0, 0)) {
		t.Errorf("AddWorkingHours(1e300) = %v", got)
	}
}

func TestWorkingDuration(t *testing.T) {
	c, lc := Default(fixture), lunchCal(t)
	tests := []struct {
		name     string
		c        *Calendar
		from, to string
		want     time.Duration
	}{
		{"same day", c, "2031-09-08 10:00", "2031-09-08 12:30", 150 * time.Minute},
		{"outside hours both ends", c, "2031-09-08 07:00", "2031-09-08 20:00", 9 * time.Hour},
		{"overnight", c, "2031-09-08 17:00", "2031-09-09 10:00", 2 * time.Hour},
		{"across weekend", c, "2031-09-12 17:00", "2031-09-15 10:00", 2 * time.Hour},
		{"weekend only", c, "2031-09-13 10:00", "2031-09-14 20:00", 0},
		{"one week", c, "2031-09-08 09:00", "2031-09-15 09:00", 45 * time.Hour},
		{"across holiday week", c, "2031-09-30 17:00", "2031-10-08 10:00", 2 * time.Hour},
		{"inside holidays", c, "2031-10-02 10:00", "2031-10-05 10:00", 0},
		{"make-up saturday", c, "2031-10-10 17:00", "2031-10-13 10:00", 11 * time.Hour},
		{"make-up sunday", c, "2031-09-27 12:00", "2031-09-29 12:00", 12 * time.Hour},
		{"reversed", c, "2031-09-09 10:00", "2031-09-08 10:00", 0},
		{"equal", c, "2031-09-08 10:00", "2031-09-08 10:00", 0},
		{"lunch excluded", lc, "2031-09-08 11:00", "2031-09-08 14:00", 90 * time.Minute},
		{"lunch days", lc, "2031-09-08 08:00", "2031-09-10 08:00", 14 * time.Hour},
	}
	for _, tt := range tests {
		if got := tt.c.WorkingDuration(at(t, tt.from), at(t, tt.to)); got != tt.want {
			t.Errorf("%s: WorkingDuration(%s, %s) = %v, want %v", tt.name, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := Default(fixture)
	tests := []struct {
		from, to string
		want     int
	}{
		{"2031-09-08 09:00", "2031-09-08 20:00", 0},
		{"2031-09-08 18:00", "2031-09-09 08:00", 1},
		{"2031-09-12 18:00", "2031-09-14 10:00", 0},
		{"2031-09-12 18:00", "2031-09-15 10:00", 1},
		{"2031-09-30 18:00", "2031-10-08 10:00", 1},
		{"2031-09-26 18:00", "2031-10-13 10:00", 8},
		{"2031-09-15 18:00", "2031-09-08 10:00", 0},
	}
	for _, tt := range tests {
		if got := c.WorkingDaysBetween(at(t, tt.from), at(t, tt.to)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestAgainstWalk checks the week-skipping shortcuts against a plain walk
// over dates with time.AddDate.
func TestAgainstWalk(t *testing.T) {
	c := Default(fixture)
	r := rand.New(rand.NewPCG(7, 11))
	base := at(t, "2031-06-01 10:00")
	for range 500 {
		start := base.AddDate(0, 0, r.IntN(200))
		n := 1 + r.IntN(300)
		want, count := start, 0
		for count < n {
			want = want.AddDate(0, 0, 1)
			if c.IsWorkingDay(want) {
				count++
			}
		}
		want = time.Date(want.Year(), want.Month(), want.Day(), 18, 0, 0, 0, cst)
		if got := c.AddWorkingDays(start, n); !got.Equal(want) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v, want %v", start, n, got, want)
		}
		if got := c.WorkingDaysBetween(start, want); got != n {
			t.Fatalf("WorkingDaysBetween(%v, %v) = %d, want %d", start, want, got, n)
		}
	}
}

// TestRoundTrip checks that pushing a deadline by d and measuring the
// working time back gives d again, for starts inside working hours.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []*Calendar{Default(fixture), lunchCal(t)} {
		h := c.Hours()
		dayLen := int64(h.End - h.Start - (h.LunchEnd - h.LunchStart))
		for i := 0; i < 1000; {
			day := at(t, "2031-09-01 00:00").AddDate(0, 0, r.IntN(60))
			s := day.Add(h.Start + time.Duration(r.Int64N(int64(h.End-h.Start))))
			if !c.IsWorkingDay(s) {
				continue
			}
			i++
			d := time.Duration(r.Int64N(30 * dayLen))
			if i%2 == 0 {
				s = s.UTC() // results must not depend on the input's zone
			}
			end := c.AddWorkingDuration(s, d)
			if end.Before(s) || end.Location() != c.Location() {
				t.Fatalf("AddWorkingDuration(%v, %v) = %v", s, d, end)
			}
			if got := c.WorkingDuration(s, end); got != d {
				t.Fatalf("WorkingDuration(%v, AddWorkingDuration(.., %v) = %v) = %v", s, d, end, got)
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	ok := Hours{Start: 9 * time.Hour, End: 18 * time.Hour}
	tests := []struct {
		name  string
		loc   *time.Location
		hours Hours
		days  []Day
		bad   string // date expected in a *DateError, if any
	}{
		{"impossible date", cst, ok, []Day{fixture[0], {Date: "2031-02-30", Kind: Holiday}}, "2031-02-30"},
		{"wrong format", cst, ok, []Day{{Date: "2031/10/01", Kind: Holiday}}, "2031/10/01"},
		{"no leading zero", cst, ok, []Day{{Date: "2031-1-05", Kind: Holiday}}, "2031-1-05"},
		{"empty date", cst, ok, []Day{{Kind: Holiday}}, ""},
		{"unknown kind", cst, ok, []Day{{Date: "2031-10-01", Kind: "vacation"}}, "2031-10-01"},
		{"conflicting duplicate", cst, ok, []Day{{Date: "2031-10-01", Kind: Holiday}, {Date: "2031-10-01", Kind: Workday}}, "2031-10-01"},
		{"nil location", nil, ok, nil, ""},
		{"start after end", cst, Hours{Start: 18 * time.Hour, End: 9 * time.Hour}, nil, ""},
		{"end past midnight", cst, Hours{Start: 9 * time.Hour, End: 25 * time.Hour}, nil, ""},
		{"lunch outside hours", cst, Hours{Start: 9 * time.Hour, End: 18 * time.Hour, LunchStart: 8 * time.Hour, LunchEnd: 10 * time.Hour}, nil, ""},
		{"lunch all day", cst, Hours{Start: 9 * time.Hour, End: 18 * time.Hour, LunchStart: 9 * time.Hour, LunchEnd: 18 * time.Hour}, nil, ""},
	}
	for _, tt := range tests {
		c, err := New(tt.loc, tt.hours, tt.days)
		if err == nil {
			t.Errorf("%s: New returned %v, want error", tt.name, c)
			continue
		}
		var de *DateError
		if tt.bad != "" && (!errors.As(err, &de) || de.Date != tt.bad || !strings.Contains(err.Error(), tt.bad)) {
			t.Errorf("%s: error %q does not name date %q", tt.name, err, tt.bad)
		}
	}
	if _, err := New(cst, Hours{}, append(fixture, fixture[1])); err != nil {
		t.Errorf("zero hours and a repeated entry: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("Default with a bad date did not panic")
		}
	}()
	Default([]Day{{Date: "2031-13-01", Kind: Holiday}})
}

func BenchmarkAddWorkingDays(b *testing.B) {
	c := Default(fixture)
	start := time.Date(2031, 9, 22, 10, 0, 0, 0, cst)
	for b.Loop() {
		c.AddWorkingDays(start, 15)
	}
}
