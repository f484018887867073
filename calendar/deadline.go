package calendar

import (
	"math"
	"sort"
	"time"
)

const secondsPerDay = 24 * 60 * 60

// Day numbers count days since 1970-01-01 (a Thursday) on the local
// calendar; plain integers keep the hot loops free of time.Date calls.

// split returns the day number of t in the calendar's location and the
// wall-clock offset of t from that day's midnight.
func (c *Calendar) split(t time.Time) (int, time.Duration) {
	t = t.In(c.loc)
	_, zone := t.Zone()
	secs := t.Unix() + int64(zone)
	day := floorDiv(secs, secondsPerDay)
	off := time.Duration(secs-int64(day)*secondsPerDay)*time.Second + time.Duration(t.Nanosecond())
	return day, off
}

// at returns the instant at wall-clock offset off on the given day.
func (c *Calendar) at(day int, off time.Duration) time.Time {
	return time.Date(1970, time.January, 1+day, 0, 0, 0, int(off), c.loc)
}

func floorDiv(a, b int64) int {
	q := a / b
	if a%b < 0 {
		q--
	}
	return int(q)
}

// isWeekend reports whether the day number falls on Saturday or Sunday.
func isWeekend(day int) bool {
	wd := (day + 4) % 7 // 0 is Sunday, as in time.Weekday
	if wd < 0 {
		wd += 7
	}
	return wd == int(time.Saturday) || wd == int(time.Sunday)
}

// working reports whether the day number is a working day.
func (c *Calendar) working(day int) bool {
	if e, ok := c.days[day]; ok {
		return e.kind == Workday
	}
	return !isWeekend(day)
}

// weekdaysBefore returns the number of Mondays to Fridays before day,
// counted from an arbitrary fixed origin; only differences are meaningful.
func weekdaysBefore(day int) int {
	m := int64(day) + 3 // shift so that multiples of 7 are Mondays
	weeks := floorDiv(m, 7)
	rest := int(m - int64(weeks)*7)
	return 5*weeks + min(rest, 5)
}

// countWorking returns the number of working days in the inclusive range
// first..last, in time independent of the range's length.
func (c *Calendar) countWorking(first, last int) int {
	if last < first {
		return 0
	}
	lo := sort.SearchInts(c.shiftDays, first)
	hi := sort.SearchInts(c.shiftDays, last+1)
	return weekdaysBefore(last+1) - weekdaysBefore(first) + c.shiftSum[hi] - c.shiftSum[lo]
}

// nthWorkingDay returns the n-th working day after day, for n >= 1. It
// jumps over whole weeks while many days remain and then walks day by day.
func (c *Calendar) nthWorkingDay(day, n int) int {
	for n > 7 {
		// A span of w weeks holds at most 7w <= n-1 working days, so the
		// jump never passes the answer.
		span := 7 * ((n - 1) / 7)
		n -= c.countWorking(day+1, day+span)
		day += span
	}
	for {
		day++
		if c.working(day) {
			n--
			if n == 0 {
				return day
			}
		}
	}
}

// workedBy returns the working time from the start of working hours up to
// wall-clock offset off on a working day.
func (c *Calendar) workedBy(off time.Duration) time.Duration {
	h := c.hours
	return clamp(off, h.Start, h.End) - h.Start - (clamp(off, h.LunchStart, h.LunchEnd) - h.LunchStart)
}

// offsetAfter returns the wall-clock offset at which w of working time has
// passed since the start of working hours, for 0 <= w <= one day's length.
// Reaching exactly the start of lunch stops there rather than after it.
func (c *Calendar) offsetAfter(w time.Duration) time.Duration {
	h := c.hours
	off := h.Start + w
	if off > h.LunchStart {
		off += h.LunchEnd - h.LunchStart
	}
	return off
}

func clamp(x, lo, hi time.Duration) time.Duration {
	return max(lo, min(x, hi))
}

// AddWorkingDays returns the deadline for a limit of n working days: the
// end of working hours on the n-th working day after the date of start,
// because a request counts from the day after it is received. A request
// received on Friday evening with n = 1 is due on Monday at Hours.End if
// Monday is a working day. For n <= 0 the deadline is the end of the
// current working day when start is on a working day before Hours.End, and
// otherwise the end of the next working day.
func (c *Calendar) AddWorkingDays(start time.Time, n int) time.Time {
	day, off := c.split(start)
	if n <= 0 {
		if c.working(day) && off < c.hours.End {
			return c.at(day, c.hours.End)
		}
		n = 1
	}
	return c.at(c.nthWorkingDay(day, n), c.hours.End)
}

// AddWorkingHours returns the instant at which h working hours have passed
// since start, for urgent rules such as "2 working hours". It behaves like
// AddWorkingDuration; h <= 0 or NaN returns start.
func (c *Calendar) AddWorkingHours(start time.Time, h float64) time.Time {
	if !(h > 0) {
		return start.In(c.loc)
	}
	ns := math.Round(h * float64(time.Hour))
	if ns >= math.MaxInt64 {
		return c.AddWorkingDuration(start, math.MaxInt64)
	}
	return c.AddWorkingDuration(start, time.Duration(ns))
}

// AddWorkingDuration returns the instant at which d of working time has
// passed since start, counting only working hours on working days. It is
// used to move a deadline forward when a paused case resumes. If start is
// outside working hours, counting begins at the next start of working
// hours; a result that uses up a day exactly is that day's Hours.End, not
// the next morning. d <= 0 returns start unchanged.
func (c *Calendar) AddWorkingDuration(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start.In(c.loc)
	}
	day, off := c.split(start)
	var used time.Duration
	if c.working(day) && off < c.hours.End {
		used = c.workedBy(off)
	} else {
		day = c.nthWorkingDay(day, 1)
	}
	dayLen := c.hours.length()
	left := dayLen - used
	if d <= left {
		return c.at(day, c.offsetAfter(used+d))
	}
	d -= left
	// d > 0 remains: it ends within the k-th following working day.
	k := (d-1)/dayLen + 1
	rest := d - (k-1)*dayLen
	return c.at(c.nthWorkingDay(day, int(k)), c.offsetAfter(rest))
}

// WorkingDuration returns the working time between from and to, or 0 if
// to is not after from. It measures how long a case was paused so that its
// deadline can be moved by exactly that much working time; for any start
// inside working hours, WorkingDuration(s, AddWorkingDuration(s, d)) == d.
func (c *Calendar) WorkingDuration(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	fromDay, fromOff := c.split(from)
	toDay, toOff := c.split(to)
	if fromDay == toDay {
		if !c.working(fromDay) {
			return 0
		}
		return max(0, c.workedBy(toOff)-c.workedBy(fromOff))
	}
	var total time.Duration
	if c.working(fromDay) {
		total += c.hours.length() - c.workedBy(fromOff)
	}
	if c.working(toDay) {
		total += c.workedBy(toOff)
	}
	total += time.Duration(c.countWorking(fromDay+1, toDay-1)) * c.hours.length()
	return max(0, total)
}

// WorkingDaysBetween returns the number of working days strictly after the
// date of from up to and including the date of to, which is how far a case
// is overdue when from is its deadline. It returns 0 when to's date is not
// after from's date.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	fromDay, _ := c.split(from)
	toDay, _ := c.split(to)
	return c.countWorking(fromDay+1, toDay)
}
