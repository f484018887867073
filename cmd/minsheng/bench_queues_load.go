package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/lifecycle"
	"minsheng/store"
)

// fillQueueCases adds generated cases until the database holds n, and plays
// each a short way through the real lifecycle so that queues see the mix of a
// working hotline: most cases closed (about half answered at intake, half
// dispatched, handled, reviewed and visited), a few percent open in every
// state, the stuck ones overdue, some supervised, some returned, some waiting
// for an extension decision. It reuses the demo generator of bench search for
// the texts, categories and organisations; the fates are drawn here, because
// the demo's own plans (demo.LoadCases) take too long at a million cases.
func fillQueueCases(ctx context.Context, st *store.Store, dbURL string, n int, now time.Time) (*demo.Loaded, error) {
	city := demo.NewCity()
	l, err := demo.SeedCity(ctx, st, city)
	if err != nil {
		return nil, err
	}
	have, err := st.CountCases(ctx, minsheng.CaseFilter{})
	if err != nil {
		return nil, err
	}
	if have >= n {
		return l, nil
	}
	todo := n - have
	gen := demo.NewGenerator(city, int64(42+have), now, 365*24*time.Hour)
	gen.SetTotal(todo)
	var depts, leads []*minsheng.Org
	for _, o := range city.Orgs {
		if org := l.Orgs[o.Key]; org != nil && org.Kind == minsheng.OrgDepartment && org.ParentID != 0 {
			depts = append(depts, org)
			if org.LeadApproval {
				leads = append(leads, org)
			}
		}
	}
	// SQLite has one writer, so one loader; PostgreSQL commits several
	// transactions at once, and round trips dominate a single loader.
	workers := 1
	if st.Dialect() == "postgres" {
		workers = 6
	}
	bar := newProgress("loading cases", todo)
	var mu sync.Mutex
	loaded := 0
	chunks := make(chan []demo.CaseSeed, workers)
	errs := make(chan error, workers)
	for w := range workers {
		p := &fate{l: l, now: now, depts: depts, leads: leads, r: rand.New(rand.NewPCG(7+uint64(w), uint64(have)))}
		go func() {
			var err error
			for seeds := range chunks {
				if err != nil {
					continue // drain
				}
				err = st.Bulk(ctx, func(b *store.Bulk) error {
					for _, cs := range seeds {
						if err := p.play(b, cs); err != nil {
							return err
						}
					}
					return nil
				})
				mu.Lock()
				loaded += len(seeds)
				bar.set(loaded)
				mu.Unlock()
			}
			errs <- err
		}()
	}
	const size = 1000
	for done := 0; done < todo; done += size {
		seeds := make([]demo.CaseSeed, min(size, todo-done))
		for i := range seeds {
			seeds[i] = gen.Next()
		}
		chunks <- seeds
	}
	close(chunks)
	for range workers {
		if e := <-errs; e != nil && err == nil {
			err = e
		}
	}
	bar.done()
	if err != nil {
		return nil, fmt.Errorf("load queue cases: %w", err)
	}
	if st.Dialect() == "postgres" {
		return l, vacuum(ctx, dbURL)
	}
	return l, st.Analyze(ctx)
}

// vacuum clears the dead row versions the load left on PostgreSQL (every
// case was updated several times) and sets the visibility map that
// index-only scans need, as autovacuum would in a running system; the
// development server runs with autovacuum off, and without this the
// queues measure a table three quarters dead.
func vacuum(ctx context.Context, dbURL string) error {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintln(os.Stderr, "vacuuming cases")
	for _, t := range []string{"cases", "case_co_orgs", "events"} {
		if _, err := db.ExecContext(ctx, "VACUUM (ANALYZE) "+t); err != nil {
			return fmt.Errorf("vacuum %s: %w", t, err)
		}
	}
	return nil
}

// The open states a case can be left in, with weights: a queue of each kind
// holds a few thousand cases at a million.
var openFates = []struct {
	stop   string
	weight int
}{
	{"pending_dispatch", 10}, {"returned", 6}, {"dispatched", 14}, {"handling", 30}, {"extension", 6},
	{"paused", 4}, {"pending_lead", 5}, {"pending_review", 10}, {"pending_visit", 10},
}

// fate draws and plays where one generated case has got to by now.
type fate struct {
	l     *demo.Loaded
	now   time.Time
	r     *rand.Rand
	depts []*minsheng.Org
	leads []*minsheng.Org // departments whose lead approves replies
	// Per case:
	b   *store.Bulk
	id  int64
	at  time.Time
	gap time.Duration
	c   *minsheng.Case
}

func (p *fate) play(b *store.Bulk, cs demo.CaseSeed) error {
	c := cs.Case()
	c.CategoryID = p.l.Cats[cs.CategoryCode]
	intake := p.l.Users["agent"]
	if cs.Channel == "field" {
		intake = p.l.Users["field_worker"]
	}
	if err := b.CreateCase(c, intake, cs.At); err != nil {
		return err
	}
	age := p.now.Sub(cs.At)
	// Recent cases are mostly still open; of older ones a few are stuck.
	open := p.r.Float64() < 0.012
	if age < 10*24*time.Hour {
		open = p.r.Float64() < 0.7
	}
	p.b, p.id, p.at, p.c = b, c.ID, cs.At, c
	p.gap = min(2*time.Hour, age/10)
	org := p.l.Orgs[cs.OrgKey]
	if org == nil || org.Kind == minsheng.OrgHotline {
		org = p.depts[p.r.IntN(len(p.depts))]
	}
	disp := p.l.Users["dispatcher"]
	switch {
	case !open && cs.Plan.Track == minsheng.TrackService && p.r.Float64() < 0.45:
		return p.act(p.l.Users["agent"], lifecycle.Request{Action: lifecycle.Answer, Content: "已按政策口径向市民解释说明。"})
	case cs.Plan.Track != minsheng.TrackService && cs.Plan.Track != "":
		return p.act(disp, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: org.ID})
	}
	stop := "closed"
	if open {
		total := 0
		for _, f := range openFates {
			total += f.weight
		}
		w := p.r.IntN(total)
		for _, f := range openFates {
			if w -= f.weight; w < 0 {
				stop = f.stop
				break
			}
		}
	}
	if stop == "pending_lead" {
		org = p.leads[p.r.IntN(len(p.leads))]
	}
	if err := p.walk(org, stop); err != nil {
		return err
	}
	if open && p.c.Status.Open() && p.r.Float64() < 0.08 {
		return p.act(p.l.Users["supervisor"], lifecycle.Request{Action: lifecycle.Supervise, Level: 1 + p.r.IntN(3)})
	}
	return nil
}

// walk plays the case from intake to its stop.
func (p *fate) walk(org *minsheng.Org, stop string) error {
	if stop == "pending_dispatch" {
		return nil
	}
	disp := p.l.Users["dispatcher"]
	h := minsheng.Actor{Role: minsheng.RoleHandler, OrgID: org.ID, OrgPath: org.Path, Name: org.Name + "承办人"}
	dispatch := lifecycle.Request{Action: lifecycle.Dispatch, OrgID: org.ID}
	if co := p.depts[p.r.IntN(len(p.depts))]; co.ID != org.ID && p.r.Float64() < 0.05 {
		dispatch.CoOrgIDs = []int64{co.ID}
	}
	if err := p.act(disp, dispatch); err != nil {
		return err
	}
	yes := true
	steps := []lifecycle.Request{}
	switch stop {
	case "dispatched":
		return nil
	case "returned":
		return p.act(h, lifecycle.Request{Action: lifecycle.Return, Reason: "经核实，该事项不属于我单位职责范围，请重新派发。"})
	case "extension":
		steps = append(steps, lifecycle.Request{Action: lifecycle.Accept},
			lifecycle.Request{Action: lifecycle.RequestExtension, Days: 5, Reason: "需协调多个部门现场核查，申请延期办理。"})
	case "paused":
		// Units request a pause; the hotline takes it (DOMAIN.md).
		if err := p.act(h, lifecycle.Request{Action: lifecycle.Accept}); err != nil {
			return err
		}
		return p.act(disp, lifecycle.Request{Action: lifecycle.Pause, Reason: "等待市民补充提供相关材料。"})
	case "handling":
		steps = append(steps, lifecycle.Request{Action: lifecycle.Accept})
	default:
		steps = append(steps, lifecycle.Request{Action: lifecycle.Accept},
			lifecycle.Request{Action: lifecycle.Reply, Content: "经现场核查，已协调相关单位处理完毕，并向市民反馈。", Outcome: minsheng.OutcomeSolved})
	}
	for _, req := range steps {
		if err := p.act(h, req); err != nil {
			return err
		}
	}
	if stop == "paused" { // the unit asks, the hotline decides
		return p.act(p.l.Users["dispatcher"], lifecycle.Request{Action: lifecycle.DecidePause, Approve: &yes})
	}
	if stop == "pending_lead" || p.c.Status != minsheng.StatusPendingLead && p.c.Status != minsheng.StatusPendingReview {
		return nil
	}
	if p.c.Status == minsheng.StatusPendingLead {
		lead := h
		lead.Role = minsheng.RoleDeptLead
		if err := p.act(lead, lifecycle.Request{Action: lifecycle.LeadApprove}); err != nil {
			return err
		}
	}
	if stop == "pending_review" {
		return nil
	}
	if err := p.act(p.l.Users["reviewer"], lifecycle.Request{Action: lifecycle.Review, Approve: &yes, Comment: "答复具体，同意办结。"}); err != nil {
		return err
	}
	if stop == "pending_visit" || p.c.Status != minsheng.StatusPendingVisit {
		return nil
	}
	return p.act(p.l.Users["visitor"], lifecycle.Request{Action: lifecycle.Visit, Reached: &yes, Solved: &yes,
		Satisfaction: minsheng.Satisfied})
}

// act applies one step a little after the previous one, never after now.
func (p *fate) act(a minsheng.Actor, req lifecycle.Request) error {
	if p.at = p.at.Add(p.gap); p.at.After(p.now) {
		p.at = p.now
	}
	c, err := p.b.Act(p.id, a, req, p.at)
	if err != nil {
		return err
	}
	p.c = c
	return nil
}

// filled is a database holding a working hotline's history, as the queue,
// KPI and page benchmarks ask it: --db, --cases and --rounds parsed, the
// store opened and filled to --cases by fillQueueCases.
type filled struct {
	st     *store.Store
	loaded *demo.Loaded
	total  int           // cases the database holds
	load   time.Duration // how long filling took
	rounds int
	close  func()
}

// openFilled parses the shared flags (fs may define more first) and fills
// the database. The caller defers f.close.
func openFilled(ctx context.Context, fs *flag.FlagSet, args []string, rounds int, now time.Time) (*filled, error) {
	def, cleanup := tempDB()
	dbURL := fs.String("db", def, "database (default: a fresh temporary SQLite file)")
	n := fs.Int("cases", 1000000, "cases the database should hold")
	r := fs.Int("rounds", rounds, "timed repetitions of each measurement")
	if err := fs.Parse(args); err != nil {
		cleanup()
		return nil, err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		cleanup()
		return nil, err
	}
	f := &filled{st: st, rounds: *r, close: func() { st.Close(); cleanup() }}
	t0 := time.Now()
	if f.loaded, err = fillQueueCases(ctx, st, *dbURL, *n, now); err == nil {
		f.load = time.Since(t0)
		f.total, err = st.CountCases(ctx, minsheng.CaseFilter{})
	}
	if err != nil {
		f.close()
		return nil, err
	}
	return f, nil
}
