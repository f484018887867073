package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store"
)

// chunk is how many generated cases go into one transaction.
const chunk = 500

// LoadCases generates n cases received over the last months before now and
// plays each through its plan with the lifecycle rules, in transactions of a
// few hundred cases. progress, when set, is told the running total.
func LoadCases(ctx context.Context, st *store.Store, city *City, l *Loaded, n int, seed int64, now time.Time, progress func(done int)) error {
	return LoadSurgingCases(ctx, st, city, l, n, seed, now, nil, progress)
}

// LoadSurgingCases is LoadCases with surges injected (see Surge).
func LoadSurgingCases(ctx context.Context, st *store.Store, city *City, l *Loaded, n int, seed int64, now time.Time,
	surges []Surge, progress func(done int)) error {
	span := 120 * 24 * time.Hour
	gen := NewGenerator(city, seed, now, span)
	gen.SetTotal(n)
	gen.SetSurges(surges)
	ids := make([]int64, 0, n)
	p := &player{city: city, l: l, now: now, rnd: rand.New(rand.NewPCG(uint64(seed), 7))}
	for done := 0; done < n; {
		size := min(chunk, n-done)
		err := st.Bulk(ctx, func(b *store.Bulk) error {
			for range size {
				cs := gen.Next()
				id, err := p.play(b, cs, ids)
				if err != nil {
					return err
				}
				ids = append(ids, id)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("load demo cases: %w", err)
		}
		done += size
		if progress != nil {
			progress(done)
		}
	}
	return Stage(ctx, st, l)
}

// player walks one generated case through its plan.
type player struct {
	city *City
	l    *Loaded
	now  time.Time
	rnd  *rand.Rand
}

// unit returns a stand-in actor for the staff of an organisation that has no
// demo account; its events carry the unit's name.
func (p *player) unit(key string, role minsheng.Role) minsheng.Actor {
	o := p.l.Orgs[key]
	name := "承办人"
	if role == minsheng.RoleDeptLead {
		name = "审核人"
	}
	return minsheng.Actor{Role: role, OrgID: o.ID, OrgPath: o.Path, Name: o.Name + name}
}

func (p *player) user(name string) minsheng.Actor { return p.l.Users[name] }

// step advances the clock by a random duration between lo and hi.
func (p *player) step(at time.Time, lo, hi time.Duration) time.Time {
	return at.Add(lo + time.Duration(p.rnd.Int64N(int64(hi-lo)+1)))
}

func (p *player) play(b *store.Bulk, cs CaseSeed, ids []int64) (int64, error) {
	c := &minsheng.Case{Channel: cs.Channel, ChannelRef: cs.ChannelRef, Citizen: cs.Citizen, Title: cs.Title,
		Content: cs.Content, CategoryID: p.l.Cats[cs.CategoryCode], Address: cs.Address, Urgency: cs.Urgency, WantsReply: true}
	if cs.Lat != 0 {
		lat, lng := cs.Lat, cs.Lng
		c.Lat, c.Lng = &lat, &lng
	}
	intake := p.user("agent")
	if cs.Channel == "field" {
		intake = p.user("field_worker")
	}
	if err := b.CreateCase(c, intake, cs.At); err != nil {
		return 0, err
	}
	r := &run{p: p, b: b, id: c.ID, at: cs.At}
	r.follow(cs, ids)
	if r.err != nil {
		return 0, fmt.Errorf("demo case %s: %w", c.Number, r.err)
	}
	return c.ID, nil
}

// run applies actions in time order and stops quietly once the plan reaches
// the present: the case simply stays in the state it got to.
type run struct {
	p   *player
	b   *store.Bulk
	id  int64
	at  time.Time
	c   *minsheng.Case
	err error
	// stopped is set once a step would lie in the future: nothing after it runs.
	stopped bool
}

// do applies one action lo..hi after the previous one; false means stop.
func (r *run) do(a minsheng.Actor, req lifecycle.Request, lo, hi time.Duration) bool {
	if r.err != nil || r.stopped {
		return false
	}
	at := r.p.step(r.at, lo, hi)
	if at.After(r.p.now) {
		r.stopped = true
		return false
	}
	c, err := r.b.Act(r.id, a, req, at)
	if err != nil {
		r.err = err
		return false
	}
	r.c, r.at = c, at
	return true
}

func (r *run) stopAt(s minsheng.Status) bool { return r.c != nil && r.c.Status == s }

func (r *run) follow(cs CaseSeed, ids []int64) {
	pl := cs.Plan
	disp := r.p.user("dispatcher")
	if pl.Stop == minsheng.StatusPendingDispatch {
		return
	}
	if pl.DirectAnswer {
		answer := "已按政策口径向市民解释说明。"
		if pl.ArticleIndex >= 0 && pl.ArticleIndex < len(r.p.city.Articles) {
			answer = r.p.city.Articles[pl.ArticleIndex].Body
		}
		r.do(r.p.user("agent"), lifecycle.Request{Action: lifecycle.Answer, Content: answer}, 2*time.Minute, 8*time.Minute)
		return
	}
	if cs.DuplicateOf >= 0 && cs.DuplicateOf < len(ids) && r.p.rnd.IntN(2) == 0 {
		r.do(disp, lifecycle.Request{Action: lifecycle.Merge, Into: ids[cs.DuplicateOf]}, 10*time.Minute, time.Hour)
		return
	}
	if pl.Track != "" && pl.Track != minsheng.TrackService {
		r.do(disp, lifecycle.Request{Action: lifecycle.Triage, Track: pl.Track}, 10*time.Minute, time.Hour)
		r.do(disp, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: r.p.l.Orgs[trackOrg(r.p.city, pl.Track)].ID}, 5*time.Minute, 30*time.Minute)
		return
	}
	if pl.ReturnFirst && pl.WrongOrgKey != "" && pl.WrongOrgKey != cs.OrgKey {
		if !r.do(disp, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: r.p.l.Orgs[pl.WrongOrgKey].ID}, 10*time.Minute, 2*time.Hour) {
			return
		}
		if !r.do(r.p.unit(pl.WrongOrgKey, minsheng.RoleHandler), lifecycle.Request{Action: lifecycle.Return,
			Reason: "经核实，该事项不属于我单位职责范围，请重新派发。"}, 2*time.Hour, 30*time.Hour) {
			return
		}
	}
	r.handle(cs, disp)
}

// trackOrg is the key of the body that receives cases of a track.
func trackOrg(city *City, t minsheng.Track) string {
	kind := map[minsheng.Track]minsheng.OrgKind{minsheng.TrackMedia: minsheng.OrgMedia,
		minsheng.TrackPetition: minsheng.OrgPetition, minsheng.TrackDiscipline: minsheng.OrgDiscipline}[t]
	for _, o := range city.Orgs {
		if o.Kind == kind {
			return o.Key
		}
	}
	return ""
}

// CreateCases stores n generated cases as received, without playing their
// plans: the fast way to fill a database for search and load benchmarks.
func CreateCases(ctx context.Context, st *store.Store, city *City, l *Loaded, n int, seed int64, now time.Time, progress func(done int)) error {
	gen := NewGenerator(city, seed, now, 365*24*time.Hour)
	gen.SetTotal(n)
	agent := l.Users["agent"]
	const size = 5000
	for done := 0; done < n; {
		k := min(size, n-done)
		err := st.Bulk(ctx, func(b *store.Bulk) error {
			for range k {
				cs := gen.Next()
				c := &minsheng.Case{Channel: cs.Channel, ChannelRef: cs.ChannelRef, Citizen: cs.Citizen, Title: cs.Title,
					Content: cs.Content, CategoryID: l.Cats[cs.CategoryCode], Address: cs.Address, Urgency: cs.Urgency}
				if err := b.CreateCase(c, agent, cs.At); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("create demo cases: %w", err)
		}
		done += k
		if progress != nil {
			progress(done)
		}
	}
	return nil
}
