// Package calendar computes working-day deadlines on the Chinese calendar.
//
// Hotline rules give time limits in working days ("办结时限 15 个工作日") or
// working hours ("即时类 2 个工作小时"), and a case that is paused (挂起)
// must have its deadline moved by exactly the working time it spent paused.
// Which dates are public holidays and which weekend dates are make-up
// working days (调休) changes every year by State Council notice, so this
// package takes them as data: the admin loads them from the database and
// passes them to New. The package itself does no I/O and keeps no global
// state; a Calendar is immutable and safe for concurrent use.
package calendar

import (
	"fmt"
	"slices"
	"time"
)

// DayKind says whether a date is an extra holiday or a make-up working day,
// so a Day entry can override the ordinary Monday-to-Friday rule either way.
type DayKind string

const (
	// Holiday marks a date on which offices are closed even if it falls on
	// a weekday, such as 国庆节.
	Holiday DayKind = "holiday"
	// Workday marks a Saturday or Sunday that is officially a working day
	// (调休补班), so deadlines count it like any weekday.
	Workday DayKind = "workday"
)

// Day is one calendar exception as stored by the admin, kept as plain
// strings so it maps directly onto a database row.
type Day struct {
	Date string  // calendar date in the form "2026-10-01"
	Kind DayKind // Holiday or Workday
	Name string  // display name such as "国庆节"; optional
}

// Hours is the working time of a working day, given as offsets from
// midnight in the calendar's location, so that deadlines land on the hour
// offices actually close. LunchStart and LunchEnd optionally describe a
// break that does not count as working time; leave both zero for none.
type Hours struct {
	Start, End           time.Duration
	LunchStart, LunchEnd time.Duration
}

// DefaultHours returns the usual office hours of 09:00 to 18:00 without a
// lunch break, which New uses when it is given a zero Hours.
func DefaultHours() Hours {
	return Hours{Start: 9 * time.Hour, End: 18 * time.Hour}
}

// length returns the working time in one full working day.
func (h Hours) length() time.Duration {
	return h.End - h.Start - (h.LunchEnd - h.LunchStart)
}

// validate reports why h cannot describe a working day, or nil.
func (h Hours) validate() error {
	switch {
	case h.Start < 0 || h.End > 24*time.Hour:
		return fmt.Errorf("calendar: working hours %v-%v must lie within one day", h.Start, h.End)
	case h.Start >= h.End:
		return fmt.Errorf("calendar: working hours start %v is not before end %v", h.Start, h.End)
	case h.LunchStart > h.LunchEnd:
		return fmt.Errorf("calendar: lunch start %v is after lunch end %v", h.LunchStart, h.LunchEnd)
	case h.LunchStart < h.LunchEnd && (h.LunchStart < h.Start || h.LunchEnd > h.End):
		return fmt.Errorf("calendar: lunch %v-%v is outside working hours %v-%v", h.LunchStart, h.LunchEnd, h.Start, h.End)
	case h.length() <= 0:
		return fmt.Errorf("calendar: lunch %v-%v leaves no working time", h.LunchStart, h.LunchEnd)
	}
	return nil
}

// DateError describes an entry of the days passed to New that cannot be
// used, so the admin can point at the offending database row.
type DateError struct {
	Index int    // position of the entry in the slice given to New
	Date  string // the entry's Date as given
	Err   error  // what is wrong with it
}

// Error formats the problem together with the entry's position and date.
func (e *DateError) Error() string {
	return fmt.Sprintf("calendar: day %d (%q): %v", e.Index, e.Date, e.Err)
}

// Unwrap returns the underlying cause so errors.Is and errors.As see it.
func (e *DateError) Unwrap() error { return e.Err }

// entry is a stored exception.
type entry struct {
	kind DayKind
	name string
}

// Calendar answers working-time questions for one location, one set of
// working hours and one list of holidays and make-up working days. Build
// it with New or Default; the zero value is not usable.
type Calendar struct {
	loc   *time.Location
	hours Hours
	// days holds every exception keyed by its day number (days since
	// 1970-01-01), for constant-time lookups while walking dates.
	days map[int]entry
	// shiftDays lists, in ascending order, the day numbers whose status
	// differs from the Monday-to-Friday rule, and shiftSum[i] is the sum of
	// their corrections (+1 for a weekend Workday, -1 for a weekday
	// Holiday) over shiftDays[:i]. Together they let working days in any
	// range be counted without visiting each date.
	shiftDays []int
	shiftSum  []int
}

// New builds a Calendar for loc with the given working hours and
// exceptions, checking the data so that a typo in the admin's table is
// reported instead of silently shifting deadlines. A zero Hours means
// DefaultHours. Each Day must have a valid "YYYY-MM-DD" date and a known
// Kind; listing a date twice is allowed only with the same Kind. Errors
// about a Day are *DateError values.
func New(loc *time.Location, hours Hours, days []Day) (*Calendar, error) {
	if loc == nil {
		return nil, fmt.Errorf("calendar: nil location")
	}
	if hours == (Hours{}) {
		hours = DefaultHours()
	}
	if err := hours.validate(); err != nil {
		return nil, err
	}
	c := &Calendar{loc: loc, hours: hours, days: make(map[int]entry, len(days))}
	for i, d := range days {
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			return nil, &DateError{Index: i, Date: d.Date, Err: err}
		}
		if d.Kind != Holiday && d.Kind != Workday {
			return nil, &DateError{Index: i, Date: d.Date, Err: fmt.Errorf("unknown kind %q", d.Kind)}
		}
		n := int(t.Unix() / secondsPerDay)
		if old, ok := c.days[n]; ok {
			if old.kind != d.Kind {
				return nil, &DateError{Index: i, Date: d.Date, Err: fmt.Errorf("listed as both %s and %s", old.kind, d.Kind)}
			}
			continue
		}
		c.days[n] = entry{kind: d.Kind, name: d.Name}
	}
	for n, e := range c.days {
		if isWeekend(n) == (e.kind == Workday) {
			c.shiftDays = append(c.shiftDays, n)
		}
	}
	slices.Sort(c.shiftDays)
	c.shiftSum = make([]int, len(c.shiftDays)+1)
	for i, n := range c.shiftDays {
		delta := -1
		if isWeekend(n) {
			delta = 1
		}
		c.shiftSum[i+1] = c.shiftSum[i] + delta
	}
	return c, nil
}

// Default builds a Calendar for mainland China with office hours 09:00 to
// 18:00, the configuration every hotline uses unless told otherwise. The
// location is a fixed UTC+8 zone named CST rather than Asia/Shanghai, since
// China has no daylight saving time and this way no tzdata is needed.
// Default panics if days is invalid, like regexp.MustCompile; use New when
// the data has not been checked yet.
func Default(days []Day) *Calendar {
	c, err := New(time.FixedZone("CST", 8*3600), DefaultHours(), days)
	if err != nil {
		panic(err)
	}
	return c
}

// Location returns the time zone in which the calendar's dates and hours
// are read and in which all its results are expressed.
func (c *Calendar) Location() *time.Location { return c.loc }

// Hours returns the working hours the calendar was built with, so callers
// can show them next to a deadline.
func (c *Calendar) Hours() Hours { return c.hours }

// Lookup returns the exception recorded for the date of t, if any, so a
// user interface can explain why a day is off or on (for example "国庆节").
func (c *Calendar) Lookup(t time.Time) (Day, bool) {
	day, _ := c.split(t)
	e, ok := c.days[day]
	if !ok {
		return Day{}, false
	}
	return Day{Date: t.In(c.loc).Format(time.DateOnly), Kind: e.kind, Name: e.name}, true
}

// IsWorkingDay reports whether the date of t, read in the calendar's
// location, is a working day: weekends are off unless listed as Workday,
// and weekdays are on unless listed as Holiday.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	day, _ := c.split(t)
	return c.working(day)
}
