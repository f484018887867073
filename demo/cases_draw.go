package demo

import (
	"strconv"
	"time"

	"minsheng"
)

// memo is what the generator remembers of a seed so that a later one can be
// the same caller ringing again or another person reporting the same thing.
type memo struct {
	idx      int
	at       time.Time
	prob     *problem // nil for a consultation
	kb       int      // knowledge-base entry of a consultation, -1 otherwise
	pl       place
	say      int  // which description was used
	reworded bool // the description is paraphrased
	citizen  minsheng.Citizen
	channel  minsheng.Channel
	track    minsheng.Track
	org      string
	code     string
	urgency  minsheng.Urgency
	content  string
	dup      bool
	direct   bool
}

// ring keeps the last memos, overwriting the oldest.
type ring struct {
	items []memo
	n     int
}

func newRing(size int) ring        { return ring{items: make([]memo, size)} }
func (r *ring) size() int          { return len(r.items) }
func (r *ring) put(m memo)         { r.items[r.n%len(r.items)] = m; r.n++ }
func (r *ring) filled() int        { return min(r.n, len(r.items)) }
func (r *ring) empty() bool        { return r.n == 0 }
func (r *ring) random(x int) *memo { return &r.items[x%r.filled()] }

// back returns the j-th newest memo, 1 for the last one put.
func (r *ring) back(j int) *memo { return &r.items[((r.n-j)%len(r.items)+len(r.items))%len(r.items)] }

// pool draws items with given weights.
type pool struct {
	cum []float64
	ids []int
}

func (p *pool) add(id int, w float64) {
	if w <= 0 {
		return
	}
	last := 0.0
	if n := len(p.cum); n > 0 {
		last = p.cum[n-1]
	}
	p.cum = append(p.cum, last+w)
	p.ids = append(p.ids, id)
}

func (p *pool) pick(x float64) int {
	t := x * p.cum[len(p.cum)-1]
	lo, hi := 0, len(p.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if p.cum[mid] <= t {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return p.ids[lo]
}

// services are the problems of the service track, in one list.
var services = append(append([]problem(nil), cityProblems...), peopleProblems...)

// buildPools weights problems and consultations for each month.
func (g *Generator) buildPools() {
	for m := range 12 {
		for i := range services {
			g.pools[m].add(i, services[i].weight*services[i].season.factor(m+1))
		}
	}
	for i := range petitionProblems {
		g.petit.add(i, petitionProblems[i].weight)
	}
	for i := range disciplineProblems {
		g.disc.add(i, disciplineProblems[i].weight)
	}
	// Consultations follow the seasons too: heating fees in autumn, school
	// enrolment in early summer.
	g.answers = make([]string, len(knowledge))
	for i, k := range knowledge {
		g.answers[i] = directAnswer(k.a)
		for m := range 12 {
			g.kb[m].add(i, kbSeason(k.a.CategoryCode).factor(m+1))
		}
	}
}

// kbSeason is the season of a consultation by its category.
func kbSeason(code string) season {
	switch code[:4] {
	case "0902":
		return heatFees
	case "0301":
		return school
	}
	return allYear
}

// Channel mix of the service track, and of the other tracks.
var (
	serviceChannels = []minsheng.Channel{"phone", "web", "mobile", "message_board", "mailbox", "department", "field"}
	serviceShares   = []float64{0.61, 0.10, 0.10, 0.05, 0.05, 0.045, 0.045}
)

func (g *Generator) serviceChannel() minsheng.Channel {
	x := g.r.Float64()
	for i, w := range serviceShares {
		if x < w {
			return serviceChannels[i]
		}
		x -= w
	}
	return "phone"
}

func (g *Generator) trackChannel(t minsheng.Track) minsheng.Channel {
	x := g.r.Float64()
	switch t {
	case minsheng.TrackMedia:
		return pickCh(x, 0.7, "media", 0.9, "phone", "web")
	case minsheng.TrackPetition:
		return pickCh(x, 0.6, "petition", 0.85, "mailbox", "phone")
	}
	return pickCh(x, 0.4, "mailbox", 0.7, "phone", "message_board")
}

func pickCh(x, a float64, ca minsheng.Channel, b float64, cb, cc minsheng.Channel) minsheng.Channel {
	switch {
	case x < a:
		return ca
	case x < b:
		return cb
	}
	return cc
}

// refPrefix names each non-phone channel's own numbering.
var refPrefix = [...]struct {
	ch     minsheng.Channel
	prefix string
}{{"web", "WEB"}, {"mobile", "APP"}, {"message_board", "LYB"}, {"mailbox", "SZXX"},
	{"media", "HZRB"}, {"petition", "XF"}, {"department", "BM"}, {"field", "WGY"}}

// channelRef returns the channel's reference, numbered per channel and day:
// WEB-20260312-0042.
func (g *Generator) channelRef(ch minsheng.Channel, at time.Time) string {
	for i := range refPrefix {
		if refPrefix[i].ch != ch {
			continue
		}
		lt := at.In(cst)
		y, m, d := lt.Date()
		day := y*10000 + int(m)*100 + d
		if g.refDay[i] != day {
			g.refDay[i], g.refNext[i] = day, 0
		}
		g.refNext[i]++
		b := make([]byte, 0, 24)
		b = append(b, refPrefix[i].prefix...)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(day), 10)
		b = append(b, '-')
		n := g.refNext[i]
		for p := 1000; p > 1 && n < p; p /= 10 {
			b = append(b, '0')
		}
		b = strconv.AppendInt(b, int64(n), 10)
		return string(b)
	}
	return ""
}

// citizen draws the person behind a request; about one in twenty stays anonymous.
func (g *Generator) citizen(ch minsheng.Channel) minsheng.Citizen {
	if chance(g.r, 0.05) {
		c := minsheng.Citizen{Anonymous: true}
		if ch == "phone" {
			c.Phone = phoneNumber(g.r) // the caller's number is on record, not disclosed
		}
		return c
	}
	return minsheng.Citizen{Name: personName(g.r), Phone: phoneNumber(g.r)}
}

// orgFor returns the body that should handle a request of the track.
func (g *Generator) orgFor(t minsheng.Track, p *problem, code string, pl *place) string {
	switch t {
	case minsheng.TrackMedia:
		return KeyMedia
	case minsheng.TrackPetition:
		return KeyPetition
	case minsheng.TrackDiscipline:
		return KeyDiscipline
	}
	if p == nil {
		return g.catOrg[code]
	}
	if p.local > 0 && pl.kind != placeNone && chance(g.r, p.local) {
		return pl.districtKey()
	}
	if p.org != "" {
		return p.org
	}
	return g.catOrg[code]
}

// urgency draws how urgent the request is said to be.
func (g *Generator) urgency(p *problem) minsheng.Urgency {
	if p == nil {
		return minsheng.UrgencyNormal
	}
	x := g.r.Float64()
	switch {
	case x < p.immediate:
		return minsheng.UrgencyImmediate
	case x < p.immediate+p.urgent:
		return minsheng.UrgencyUrgent
	}
	return minsheng.UrgencyNormal
}
