package demo

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"minsheng"
)

// Surge makes one kind of request rise in one district for a while, so
// that surge detection has something real to find in a demo database:
// every request of the category (a code prefix, 0101 for all of 010100…)
// at a place in the district that arrives in the window brings
// Multiplier−1 more like it on average, from other callers at other places
// of the same district.
type Surge struct {
	CategoryCode string
	DistrictKey  string // donggang or xihu
	Start        time.Time
	Days         int
	Multiplier   float64
}

// ParseSurge reads a surge written CODE:DISTRICT:YYYY-MM-DD:DAYS:MULTIPLIER
// (0401:donggang:2026-11-20:14:3), the form the demo command takes.
func ParseSurge(s string) (Surge, error) {
	p := strings.Split(s, ":")
	if len(p) != 5 {
		return Surge{}, fmt.Errorf("surge %q: want CODE:DISTRICT:YYYY-MM-DD:DAYS:MULTIPLIER", s)
	}
	start, err := time.ParseInLocation(time.DateOnly, p[2], cst)
	if err != nil {
		return Surge{}, fmt.Errorf("surge %q: start day: %w", s, err)
	}
	days, err := strconv.Atoi(p[3])
	if err != nil || days <= 0 {
		return Surge{}, fmt.Errorf("surge %q: days must be a positive number", s)
	}
	mult, err := strconv.ParseFloat(p[4], 64)
	if err != nil || mult <= 1 || mult > 20 {
		return Surge{}, fmt.Errorf("surge %q: multiplier must be above 1 and at most 20", s)
	}
	known := false
	for _, d := range districts {
		known = known || d.key == p[1]
	}
	if !known || p[0] == "" {
		return Surge{}, fmt.Errorf("surge %q: unknown district %q or empty category code", s, p[1])
	}
	return Surge{CategoryCode: p[0], DistrictKey: p[1], Start: start, Days: days, Multiplier: mult}, nil
}

// matches reports whether a fresh request falls in the surge.
func (s *Surge) matches(at time.Time, m *memo) bool {
	return m.prob != nil && m.pl.kind != placeNone && m.track == minsheng.TrackService &&
		strings.HasPrefix(m.code, s.CategoryCode) && m.pl.districtKey() == s.DistrictKey &&
		!at.Before(s.Start) && at.Before(s.Start.AddDate(0, 0, s.Days))
}

// owe notes the extra requests a fresh one brings when it falls in a
// surge: Multiplier−1 on average, rounded at random.
func (g *Generator) owe(at time.Time, m *memo) {
	for i := range g.surges {
		s := &g.surges[i]
		if !s.matches(at, m) {
			continue
		}
		extra := s.Multiplier - 1
		n := int(extra)
		if chance(g.r, extra-float64(n)) {
			n++
		}
		for range n {
			g.owed = append(g.owed, *m)
		}
	}
}

// surgeSeed fills a seed for an extra request of a surge: the same
// problem, told afresh by another caller at another place of the district.
func (g *Generator) surgeSeed(at time.Time, base memo, s *CaseSeed, m *memo) {
	*m = memo{kb: -1, track: minsheng.TrackService, prob: base.prob, code: base.code}
	m.channel = g.serviceChannel()
	for range 16 {
		if m.pl = newPlace(g.r, m.prob.where); m.pl.districtKey() == base.pl.districtKey() {
			break
		}
	}
	m.say = g.r.IntN(len(m.prob.says))
	m.citizen = g.citizen(m.channel)
	m.org = g.orgFor(minsheng.TrackService, m.prob, m.code, &m.pl)
	m.urgency = g.urgency(m.prob)
	*s = CaseSeed{DuplicateOf: -1, RepeatOf: -1}
	s.Plan.Track, s.Plan.ArticleIndex = minsheng.TrackService, -1
	g.fill(at, s, m, linkNone, time.Time{})
}

// SetSurges makes the generator inject surges; call it before the first Next.
func (g *Generator) SetSurges(s []Surge) { g.surges = append([]Surge(nil), s...) }
