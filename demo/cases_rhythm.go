package demo

import (
	"time"
)

// The rhythm of a hotline: calls peak in the late morning and the afternoon,
// dip at lunch, almost stop at night; weekends bring half a weekday's load;
// winter (heating) and high summer (water, noise) are the busiest months.

// cst is China Standard Time, the clock citizens call by.
var cst = time.FixedZone("CST", 8*3600)

var (
	hourly = [24]float64{0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 1.2, 3.6, 6.5, 7, 5.8,
		3.2, 3.0, 5.6, 6.2, 5.8, 4.4, 2.6, 2.2, 1.9, 1.5, 0.9, 0.5}
	monthly = [12]float64{1.2, 1.0, 1.0, 0.9, 0.95, 1.0, 1.15, 1.15, 1.0, 0.95, 1.1, 1.2}
)

// intensity is the relative arrival rate at t.
func intensity(t time.Time) float64 {
	lt := t.In(cst)
	w := hourly[lt.Hour()] * monthly[lt.Month()-1]
	if wd := lt.Weekday(); wd == time.Saturday || wd == time.Sunday {
		w *= 0.5
	}
	return w
}

// clock turns shares of the span's total intensity into instants. Buckets
// follow the clock hours; within a bucket the rate is constant.
type clock struct {
	start, end time.Time
	off        []time.Duration // bucket edges from start; the last is the span
	cum        []float64       // intensity up to each edge, 1 at the end
	k          int             // current bucket: targets only move forward
}

func newClock(start, end time.Time) clock {
	c := clock{start: start.In(cst), end: end.In(cst)}
	span := end.Sub(start)
	if span <= 0 {
		return c
	}
	n := int(span/time.Hour) + 2
	c.off = make([]time.Duration, 0, n+1)
	c.cum = make([]float64, 0, n+1)
	c.off = append(c.off, 0)
	c.cum = append(c.cum, 0)
	total := 0.0
	for t := start; t.Before(end); {
		next := t.Truncate(time.Hour).Add(time.Hour)
		if next.After(end) {
			next = end
		}
		total += intensity(t) * float64(next.Sub(t)) / float64(time.Hour)
		c.off = append(c.off, next.Sub(start))
		c.cum = append(c.cum, total)
		t = next
	}
	for i := range c.cum {
		c.cum[i] /= total
	}
	return c
}

// days is the length of the span in days.
func (c *clock) days() float64 { return c.end.Sub(c.start).Hours() / 24 }

// at returns the instant where the cumulative intensity reaches target
// (0..1), to the second, never before the previous answer.
func (c *clock) at(target float64) time.Time {
	if len(c.off) < 2 || target >= 1 {
		return c.end
	}
	last := len(c.cum) - 2
	for c.k < last && c.cum[c.k+1] < target {
		c.k++
	}
	lo, hi := c.cum[c.k], c.cum[c.k+1]
	frac := 0.0
	if hi > lo {
		frac = min(max((target-lo)/(hi-lo), 0), 1)
	}
	d := c.off[c.k] + time.Duration(frac*float64(c.off[c.k+1]-c.off[c.k]))
	t := c.start.Add(d).Truncate(time.Second)
	if t.Before(c.start) {
		t = c.start
	}
	return t
}

// DayRhythm is the relative volume of a whole day (Asia/Shanghai): the
// weekday and the month, averaging about 1 over a year. Analyses that work
// on daily counts (surge detection and its benchmark) generate histories
// with it, so they see the demo's rhythm.
func DayRhythm(day time.Time) float64 {
	lt := day.In(cst)
	w := monthly[lt.Month()-1] / 1.05 // the monthly factors' mean
	if wd := lt.Weekday(); wd == time.Saturday || wd == time.Sunday {
		w *= 0.5 / (5.0/7 + 1.0/7) // weekdays 1, weekend days ½: mean 6/7
	} else {
		w /= 5.0/7 + 1.0/7
	}
	return w
}
