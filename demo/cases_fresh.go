package demo

import (
	"time"

	"minsheng"
)

// How a seed relates to earlier ones.
const (
	linkNone = iota
	linkRepeat
	linkDuplicate
)

// drawTrack picks the first-screening track: nearly everything is a service
// request; a few are for the newspaper, the petition bureau or the
// discipline commission.
func (g *Generator) drawTrack() minsheng.Track {
	switch x := g.r.Float64(); {
	case x < 0.005:
		return minsheng.TrackDiscipline
	case x < 0.025:
		return minsheng.TrackPetition
	case x < 0.045:
		return minsheng.TrackMedia
	}
	return minsheng.TrackService
}

// fresh fills a seed about a new problem.
func (g *Generator) fresh(at time.Time, s *CaseSeed, m *memo) {
	month := int(at.In(cst).Month())
	track := g.drawTrack()
	*m = memo{kb: -1, track: track}
	var ch minsheng.Channel
	switch track {
	case minsheng.TrackPetition:
		m.prob = &petitionProblems[g.petit.pick(g.r.Float64())]
	case minsheng.TrackDiscipline:
		m.prob = &disciplineProblems[g.disc.pick(g.r.Float64())]
	case minsheng.TrackService:
		ch = g.serviceChannel()
		consult := 0.10
		if ch == "phone" {
			consult = 0.33
		}
		if chance(g.r, consult) {
			m.kb = g.kb[month-1].pick(g.r.Float64())
			break
		}
		fallthrough
	default:
		m.prob = &services[g.pools[month-1].pick(g.r.Float64())]
	}
	if ch == "" {
		ch = g.trackChannel(track)
	}
	m.channel = ch
	if m.prob != nil {
		m.pl = newPlace(g.r, m.prob.where)
		m.code = m.prob.code
		m.say = g.r.IntN(len(m.prob.says))
	} else {
		m.code = knowledge[m.kb].a.CategoryCode
		m.say = g.r.IntN(len(knowledge[m.kb].asks))
	}
	m.citizen = g.citizen(ch)
	m.org = g.orgFor(track, m.prob, m.code, &m.pl)
	m.urgency = g.urgency(m.prob)
	*s = CaseSeed{DuplicateOf: -1, RepeatOf: -1}
	s.Plan.Track = track
	s.Plan.ArticleIndex = -1
	if m.kb >= 0 && ch == "phone" && chance(g.r, 0.82) {
		s.Plan.DirectAnswer, s.Plan.ArticleIndex = true, m.kb
	}
	g.fill(at, s, m, linkNone, time.Time{})
}

// repeat fills a seed for a caller ringing again about a problem they
// reported days ago; false when nobody fits.
func (g *Generator) repeat(at time.Time, s *CaseSeed, m *memo) bool {
	if g.memory.empty() {
		return false
	}
	var c *memo
	for range 8 {
		x := g.memory.random(g.r.IntN(1 << 30))
		age := at.Sub(x.at)
		if x.prob != nil && !x.dup && !x.direct && x.track == minsheng.TrackService && x.citizen.Phone != "" &&
			!x.citizen.Anonymous && age >= 24*time.Hour && age <= 30*24*time.Hour {
			c = x
			break
		}
	}
	if c == nil {
		return false
	}
	*m = *c
	if c.channel != "phone" && chance(g.r, 0.6) {
		m.channel = "phone"
	}
	g.retell(m, c)
	if m.urgency == minsheng.UrgencyNormal && chance(g.r, 0.25) {
		m.urgency = minsheng.UrgencyUrgent
	}
	*s = CaseSeed{DuplicateOf: -1, RepeatOf: c.idx}
	s.Plan.Track, s.Plan.ArticleIndex = minsheng.TrackService, -1
	g.fill(at, s, m, linkRepeat, c.at)
	return true
}

// duplicate fills a seed for another person reporting, through another
// channel, a problem at a place that is still open; false when none is.
func (g *Generator) duplicate(at time.Time, s *CaseSeed, m *memo) bool {
	if g.recent.empty() {
		return false
	}
	var c *memo
	for range 8 {
		x := g.recent.back(1 + g.r.IntN(min(g.dupWindow, g.recent.filled())))
		age := at.Sub(x.at)
		if x.prob != nil && !x.dup && !x.direct && x.track == minsheng.TrackService && x.pl.kind != placeNone &&
			age >= 10*time.Minute && age <= 72*time.Hour {
			c = x
			break
		}
	}
	if c == nil {
		return false
	}
	*m = *c
	for range 4 {
		if m.channel = g.serviceChannel(); m.channel != c.channel {
			break
		}
	}
	m.citizen = g.citizen(m.channel)
	g.retell(m, c)
	*s = CaseSeed{DuplicateOf: c.idx, RepeatOf: -1}
	s.Plan.Track, s.Plan.ArticleIndex = minsheng.TrackService, -1
	g.fill(at, s, m, linkDuplicate, time.Time{})
	if s.Content == c.content {
		s.Content = pick(g.r, secondVoice) + s.Content
	}
	return true
}

// retell makes a second report of c's problem tell it in other words: another
// description where the problem has several, reworded text otherwise.
func (g *Generator) retell(m, c *memo) {
	m.say, m.reworded = c.say, true
	if n := len(c.prob.says); c.prob.retell && n > 1 {
		m.say, m.reworded = (c.say+1+g.r.IntN(n-1))%n, false
	}
}

// fill writes the seed's fields from the memo and composes its texts.
func (g *Generator) fill(at time.Time, s *CaseSeed, m *memo, link int, orig time.Time) {
	s.At, s.Channel, s.Citizen = at, m.channel, m.citizen
	s.ChannelRef = g.channelRef(m.channel, at)
	s.CategoryCode, s.OrgKey, s.Urgency = m.code, m.org, m.urgency
	s.Address = m.pl.addr
	if m.pl.kind != placeNone {
		s.Lat, s.Lng = m.pl.lat, m.pl.lng
	}
	v := g.vars(&m.pl, at, orig)
	g.v = v
	s.Title, s.Content = g.compose(m, &g.v, link)
}
