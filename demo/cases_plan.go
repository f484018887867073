package demo

import (
	"math"
	"strings"

	"minsheng"
)

// Stages of the service flow in order, so that "got at least this far" is a
// comparison.
const (
	stDispatch = iota // pending_dispatch
	stDispatched
	stHandling
	stReview
	stVisit
	stClosed
)

var stageStatus = [...]minsheng.Status{minsheng.StatusPendingDispatch, minsheng.StatusDispatched,
	minsheng.StatusHandling, minsheng.StatusPendingReview, minsheng.StatusPendingVisit, minsheng.StatusClosed}

// Rates of the plan's events, tuned so that 5,000 cases show the proportions
// a hotline reports: about 8% returned, 6% sent back, 7% unsolved at the
// first return visit, 5% dissatisfied.
const (
	rateReturn    = 0.085
	rateSendBack  = 0.05
	rateUnsolved  = 0.065
	ratePause     = 0.025
	rateExtension = 0.03
	rateSubunit   = 0.85
	rateStuck     = 0.12
)

// stuckStage is where long-unresolved cases wait, mostly with the handling unit.
var stuckStage = [...]int{stHandling, stHandling, stHandling, stHandling, stHandling, stHandling, stHandling,
	stDispatched, stReview, stVisit}

// lifetime draws how many days a case takes from intake to closing:
// lognormal, a few days for most, weeks for a stubborn tail.
func (g *Generator) lifetime(median float64) float64 {
	return math.Exp(math.Log(median) + 0.95*g.r.NormFloat64())
}

// plan decides how far the seed has come by now and what happened on the way.
func (g *Generator) plan(s *CaseSeed, m *memo) {
	pl := &s.Plan
	age := g.now.Sub(s.At).Hours() / 24
	if pl.DirectAnswer {
		pl.Stop, pl.Solved = minsheng.StatusClosed, true
		pl.Replies = []string{g.answers[m.kb]}
		return
	}
	if pl.Track != minsheng.TrackService {
		t := g.lifetime(6)
		switch {
		case age >= t:
			pl.Stop = minsheng.StatusClosed
			pl.Replies = []string{g.trackReply(m)}
		case age < 0.1*t:
			pl.Stop = minsheng.StatusPendingDispatch
		default:
			pl.Stop = minsheng.StatusReferred
		}
		return
	}

	// Most cases close within days; about one in eight gets stuck for weeks
	// or months (职责交叉, waiting on money or other bodies) and is what the
	// supervisors chase.
	t := g.lifetime(3)
	stuck := chance(g.r, rateStuck)
	if stuck {
		t = math.Exp(math.Log(120) + 0.8*g.r.NormFloat64())
	}
	stage := stClosed
	if f := age / t; f < 1 && stuck && age > 2 {
		stage = stuckStage[g.r.IntN(len(stuckStage))]
	} else if f < 1 {
		switch {
		case f < 0.08:
			stage = stDispatch
		case f < 0.2:
			stage = stDispatched
		case f < 0.75:
			stage = stHandling
		case f < 0.85:
			stage = stReview
		default:
			stage = stVisit
		}
	}
	visitable := s.Citizen.Phone != "" && !s.Citizen.Anonymous
	if stage == stVisit && !visitable {
		stage = stClosed // the review closes a case nobody can be called back about
	}
	pl.Stop = stageStatus[stage]

	if stage >= stDispatched && chance(g.r, rateReturn) {
		if pl.WrongOrgKey = g.wrongOrg(m, s.OrgKey); pl.WrongOrgKey != "" {
			pl.ReturnFirst = true
		}
	}
	if stage >= stHandling {
		if g.orgKind[s.OrgKey] == minsheng.OrgDistrict && m.pl.kind != placeNone && chance(g.r, rateSubunit) {
			pl.SubdispatchTo = m.pl.streetKey()
			if chance(g.r, 0.4) {
				pl.SubdispatchTo = m.pl.communityKey()
			}
		}
		pl.Extension = chance(g.r, rateExtension) || (t > 12 && chance(g.r, 0.35))
		pl.Pause = chance(g.r, ratePause)
	}
	if stage < stReview {
		return
	}
	if chance(g.r, rateSendBack) || (stuck && chance(g.r, 0.25)) {
		pl.SendBacks = 1
		if chance(g.r, 0.25) {
			pl.SendBacks = 2
		}
	}
	if stage == stClosed && visitable {
		pl.Unsolved = chance(g.r, rateUnsolved)
		pl.Solved = true
		pl.Satisfaction = g.satisfaction(pl.Unsolved || pl.SendBacks > 0 || pl.Extension)
	}
	g.replies(pl, m)
}

// satisfaction draws the citizen's rating; a bumpy case rates worse.
func (g *Generator) satisfaction(bumpy bool) minsheng.Satisfaction {
	sat, basic := 0.80, 0.165
	if bumpy {
		sat, basic = 0.55, 0.30
	}
	switch x := g.r.Float64(); {
	case x < sat:
		return minsheng.Satisfied
	case x < sat+basic:
		return minsheng.BasicallySatisfied
	}
	return minsheng.Dissatisfied
}

// replies writes the unit's replies: perfunctory ones the reviewer sends
// back, then one that says what was done and when.
func (g *Generator) replies(pl *Plan, m *memo) {
	out := make([]string, 0, pl.SendBacks+2)
	first := g.r.IntN(len(perfunctory))
	for i := range pl.SendBacks {
		out = append(out, perfunctory[(first+i)%len(perfunctory)])
	}
	if m.prob == nil {
		k := &knowledge[m.kb]
		out = append(out, "您好，关于您咨询的"+strings.TrimPrefix(k.title, "咨询")+"问题，答复如下："+k.a.Body)
		if pl.Unsolved {
			out = append(out, "已再次与市民电话联系，逐项说明了办理地点、所需材料和时限，并协助其在网上预约办理，市民表示清楚了。")
		}
		pl.Replies = out
		return
	}
	p := m.prob
	fix := g.fixFor(p, m.say)
	explain := g.replyFor(p.explains, m.say)
	switch {
	case explain != "" && (pl.Unsolved || chance(g.r, 0.2)):
		out = append(out, g.v.fill(explain))
	case pl.Unsolved:
		out = append(out, pick(g.r, interim))
	default:
		out = append(out, g.v.fill(fix))
	}
	if pl.Unsolved {
		out = append(out, "经再次核查处理："+g.v.fill(fix))
	}
	pl.Replies = out
}

// replyFor picks a reply that fits description say: replies marked "02|"
// fit descriptions 0 and 2 only, unmarked ones fit every description. It
// returns "" when none fits.
func (g *Generator) replyFor(list []string, say int) string {
	var fit [8]string
	n := 0
	for _, s := range list {
		if text, ok := replyFits(s, say); ok && n < len(fit) {
			fit[n] = text
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fit[g.r.IntN(n)]
}

// fixFor picks a substantive reply for description say, any fix of the
// problem when none is marked for it.
func (g *Generator) fixFor(p *problem, say int) string {
	if s := g.replyFor(p.fixes, say); s != "" {
		return s
	}
	s, _ := replyFits(pick(g.r, p.fixes), say)
	return s
}

// replyFits reports whether reply s fits description say, and its text.
func replyFits(s string, say int) (string, bool) {
	i := strings.IndexByte(s, '|')
	if i < 0 || i > 4 {
		return s, true
	}
	for _, c := range s[:i] {
		if int(c-'0') == say {
			return s[i+1:], true
		}
	}
	return s[i+1:], false
}

// trackReply is the closing reply of a media, petition or discipline case.
func (g *Generator) trackReply(m *memo) string {
	p := m.prob
	text := g.fixFor(p, m.say)
	if e := g.replyFor(p.explains, m.say); e != "" && chance(g.r, 0.3) {
		text = e
	}
	if m.track == minsheng.TrackMedia {
		return g.v.fill(pick(g.r, mediaReplies) + text)
	}
	return g.v.fill(text)
}

// wrongOrg picks a body the case is plausibly first sent to by mistake.
func (g *Generator) wrongOrg(m *memo, right string) string {
	var cands [4]string
	n := 0
	if m.prob != nil {
		for _, w := range m.prob.wrong {
			if w == "district" {
				if m.pl.kind == placeNone {
					continue
				}
				w = m.pl.districtKey()
			}
			if w != right && g.orgKind[w] != "" && n < len(cands) {
				cands[n] = w
				n++
			}
		}
	}
	if n > 0 {
		return cands[g.r.IntN(n)]
	}
	for range 4 {
		if w := cityDepartments[g.r.IntN(len(cityDepartments))].Key; w != right {
			return w
		}
	}
	return ""
}
