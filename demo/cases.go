package demo

import (
	"math/rand/v2"
	"time"

	"minsheng"
)

// Plan says how far a generated case goes through the lifecycle and what
// happens on the way; a loader applies it. Flags only describe steps taken
// before the case reaches Stop: a case that stops in handling has no replies
// and no return visit, and only a case that stops closed after a return call
// has Solved and Satisfaction set.
type Plan struct {
	// DirectAnswer means the agent answered at intake from the knowledge base.
	DirectAnswer bool
	// ArticleIndex is the index in City.Articles that answered it, -1 if none.
	ArticleIndex int
	// Track is the first-screening track; the loader triages non-service
	// cases and dispatches them to the body of that track.
	Track minsheng.Track
	// ReturnFirst means the case first went to WrongOrgKey, which returned it
	// (退单) before the hotline dispatched it to the right body.
	ReturnFirst bool
	WrongOrgKey string
	// SubdispatchTo is the street or community a district passes the case to
	// (二级派单), "" when the first body handles it itself.
	SubdispatchTo string
	// Extension and Pause happen while the case is handled.
	Extension, Pause bool
	// SendBacks is how often the hotline's reviewer sends a perfunctory reply
	// back (退回重办), 0 to 2.
	SendBacks int
	// Unsolved means the citizen said "not solved" at the first return visit,
	// so the case was handled once more before it closed.
	Unsolved bool
	// Solved and Satisfaction are the citizen's answers at the final visit.
	Solved       bool
	Satisfaction minsheng.Satisfaction
	// Stop is the state the case ends up in: closed for most old cases, an
	// open state (pending_dispatch, dispatched, handling, pending_review,
	// pending_visit) for recent and long-unresolved ones, referred for a
	// recent case of another track.
	Stop minsheng.Status
	// Replies are the handling unit's replies in order: SendBacks
	// perfunctory ones first, then a substantive one saying what was done and
	// when; when Unsolved, one more after the second round of handling.
	Replies []string
}

// CaseSeed is one generated citizen request with the plan of its life.
type CaseSeed struct {
	At         time.Time
	Channel    minsheng.Channel
	ChannelRef string // the channel's own reference, "" for phone calls
	Citizen    minsheng.Citizen
	Title      string
	Content    string
	Address    string
	// Lat and Lng locate the address; both are 0 when the request names no place.
	Lat, Lng     float64
	CategoryCode string
	// OrgKey is the body that should handle it: from the responsibility list,
	// the district of the place for local matters (属地), or the body of the
	// track for media, petition and discipline cases.
	OrgKey  string
	Urgency minsheng.Urgency
	// DuplicateOf is the index (0-based, in generation order) of an earlier,
	// still open seed about the same problem at the same place from another
	// caller and channel, -1 if none.
	DuplicateOf int
	// RepeatOf is the index of an earlier seed from the same caller about the
	// same problem (重复诉求), -1 if none.
	RepeatOf int
	Plan     Plan
}

// Case maps the seed to the domain's intake form, as a channel would submit it.
func (s *CaseSeed) Case() *minsheng.Case {
	c := &minsheng.Case{Channel: s.Channel, ChannelRef: s.ChannelRef, Citizen: s.Citizen, Title: s.Title,
		Content: s.Content, Address: s.Address, Urgency: s.Urgency, WantsReply: true}
	if s.Lat != 0 || s.Lng != 0 {
		lat, lng := s.Lat, s.Lng
		c.Lat, c.Lng = &lat, &lng
	}
	return c
}

// DefaultPerDay is how many requests a day the generator assumes when
// SetTotal is not called: a small city's demo volume.
const DefaultPerDay = 25

// Generator draws a deterministic stream of case seeds in time order over a
// span ending now. It is not safe for concurrent use.
type Generator struct {
	r     *rand.Rand
	now   time.Time
	clock clock
	total int       // seeds the span is laid out for
	i     int       // index of the next seed
	last  time.Time // time of the previous seed

	orgKind map[string]minsheng.OrgKind
	catOrg  map[string]string
	pools   [12]pool // service problems weighted by month
	petit   pool
	disc    pool
	kb      [12]pool // knowledge-base consultations weighted by month
	answers []string
	v       vars // slot values of the seed being drawn, shared by texts and replies

	recent    ring // every recent seed, for duplicates from other callers
	memory    ring // a sample of the last weeks, for repeat calls
	memP      float64
	dupWindow int // how many recent seeds span the three days a duplicate looks back
	refDay    [len(refPrefix)]int
	refNext   [len(refPrefix)]int

	surges []Surge // injected surges (surges.go)
	owed   []memo  // requests a surge still owes, drawn next
}

// NewGenerator returns a generator of requests spread over [now-span, now]
// with the daily, weekly and seasonal rhythm of a hotline. The same city,
// seed, now and span give the same stream. The city is expected to come from
// NewCity: Plan.ArticleIndex indexes its Articles, and organisation and
// category keys are taken from it.
func NewGenerator(c *City, seed int64, now time.Time, span time.Duration) *Generator {
	if span < 0 {
		span = 0
	}
	g := &Generator{now: now, r: rand.New(rand.NewPCG(uint64(seed), 0x3132333435))}
	g.clock = newClock(now.Add(-span), now)
	g.orgKind = make(map[string]minsheng.OrgKind, len(c.Orgs))
	for _, o := range c.Orgs {
		g.orgKind[o.Key] = o.Kind
	}
	g.catOrg = make(map[string]string, len(c.Categories))
	for _, cat := range c.Categories {
		g.catOrg[cat.Code] = cat.OrgKey
	}
	g.buildPools()
	g.recent = newRing(1024)
	g.memory = newRing(4096)
	g.SetTotal(int(span.Hours() / 24 * DefaultPerDay))
	return g
}

// SetTotal lays the span out for n seeds, so that n calls of Next cover it
// evenly from the first day to now. Call it before the first Next; beyond n
// seeds every arrival is at now.
func (g *Generator) SetTotal(n int) {
	g.total = max(n, 1)
	days := max(g.clock.days(), 1)
	// Keep about three weeks of callers in memory for repeat calls.
	perDay := float64(g.total) / days
	g.memP = min(1, float64(g.memory.size())/(perDay*21))
	g.dupWindow = min(max(int(perDay*3)+1, 4), g.recent.size())
}

// Next returns the next seed; its At is never before the previous one's.
func (g *Generator) Next() CaseSeed {
	idx := g.i
	g.i++
	at := g.clock.at(g.target(idx))
	if at.Before(g.last) {
		at = g.last // only if SetTotal changed the layout midway
	}
	g.last = at
	var s CaseSeed
	var m memo
	// About one seed in ten is a caller ringing again, one in twenty another
	// person reporting a problem that is still open; the rest are new.
	switch x := g.r.Float64(); {
	case len(g.owed) > 0:
		g.surgeSeed(at, g.owed[0], &s, &m)
		g.owed = g.owed[1:]
	case x < 0.105 && g.repeat(at, &s, &m):
	case x >= 0.105 && x < 0.16 && g.duplicate(at, &s, &m):
	default:
		g.fresh(at, &s, &m)
		g.owe(at, &m)
	}
	g.plan(&s, &m)
	m.idx, m.at, m.dup, m.direct = idx, at, s.DuplicateOf >= 0, s.Plan.DirectAnswer
	m.track, m.citizen, m.channel, m.content = s.Plan.Track, s.Citizen, s.Channel, s.Content
	g.recent.put(m)
	if g.r.Float64() < g.memP {
		g.memory.put(m)
	}
	return s
}

// target is the share of the span's arrival intensity seed i is due at:
// strata of equal size with a random point in each, so times never go back.
// Seeds beyond the planned total arrive at now.
func (g *Generator) target(i int) float64 {
	u := g.r.Float64()
	if i >= g.total {
		return 1
	}
	return (float64(i) + u) / float64(g.total)
}
