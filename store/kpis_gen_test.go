package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// kpiCity is the fixture of the KPI tests: a small tree, two levels of
// categories, and cases played at random through every action that a KPI
// counts, over six weeks, half in bulk batches and half one commit each.
type kpiCity struct {
	*fixture
	s    *Store
	cats []int64 // leaves and level-1 categories
	top  int64   // a level-1 category with two children
	ids  []int64
	now  time.Time
}

// kpiBase is the first day of the generated history, a Sunday in Shanghai.
var kpiBase = time.Date(2031, 5, 4, 0, 0, 0, 0, CST)

func newKPICity(t *testing.T, s *Store, n int) *kpiCity {
	t.Helper()
	ctx := context.Background()
	k := &kpiCity{fixture: newFixture(t, s), s: s}
	cat := func(code, name string, level int, parent int64) int64 {
		c := &minsheng.Category{Code: code, Name: name, Level: level, ParentID: parent}
		if err := s.SaveCategory(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	k.top = cat("010000", "城乡建设", 1, 0)
	other := cat("020000", "教育", 1, 0)
	k.cats = []int64{cat("010100", "物业管理", 2, k.top), cat("010200", "排水", 2, k.top), cat("020100", "入学", 2, other), other}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []*minsheng.Org{&k.hotline, &k.dept, &k.sub, &k.other, &k.media} {
		*o = *orgs.Org(o.ID)
	}
	r := rand.New(rand.NewPCG(9, 12))
	clock := kpiBase
	s.Clock = func() time.Time { return clock }
	for i := range n {
		at := kpiBase.Add(time.Duration(i) * 42 * 24 * time.Hour / time.Duration(n)).Add(time.Duration(r.IntN(300)) * time.Minute)
		p := &kpiPlay{k: k, r: r, at: at}
		if i%2 == 0 {
			err = s.Bulk(ctx, func(b *Bulk) error {
				p.bulk = b
				return p.play()
			})
		} else {
			p.clock = &clock
			err = p.play()
		}
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		k.ids = append(k.ids, p.id)
	}
	k.now = kpiBase.Add(50 * 24 * time.Hour)
	clock = k.now
	return k
}

// kpiTexts are the problems callers bring; a caller bringing one twice
// within 30 days is a repeat.
var kpiTexts = []string{"小区楼道灯坏了很久没人修，晚上出行很不方便。", "学校门口早晚高峰交通拥堵严重，存在安全隐患。",
	"雨后小区排水管道堵塞，地下车库积水严重。", "物业公司擅自提高物业费，业主不认可。"}

// kpiPlay plays one case, one step a few hours after the other.
type kpiPlay struct {
	k     *kpiCity
	r     *rand.Rand
	at    time.Time
	bulk  *Bulk
	clock *time.Time
	id    int64
	c     *minsheng.Case
}

func (p *kpiPlay) chance(f float64) bool { return p.r.Float64() < f }

func (p *kpiPlay) do(a minsheng.Actor, req lifecycle.Request) error {
	p.at = p.at.Add(time.Duration(1+p.r.IntN(60)) * time.Hour)
	var err error
	if p.bulk != nil {
		p.c, err = p.bulk.Act(p.id, a, req, p.at)
	} else {
		*p.clock = p.at
		p.c, _, err = p.k.s.Act(context.Background(), p.id, a, req)
	}
	if err != nil {
		return fmt.Errorf("%s in %s: %w", req.Action, p.c.Status, err)
	}
	return nil
}

func (p *kpiPlay) play() error {
	k, r := p.k, p.r
	c := &minsheng.Case{Channel: []minsheng.Channel{"phone", "web", "field"}[r.IntN(3)],
		Content: kpiTexts[r.IntN(len(kpiTexts))] + fmt.Sprintf("（第%d次反映）", r.IntN(3)),
		Citizen: minsheng.Citizen{Name: "王五", Phone: fmt.Sprintf("1390000%04d", r.IntN(12))}}
	if p.chance(0.1) {
		c.Citizen = minsheng.Citizen{Anonymous: true}
	}
	if p.chance(0.85) {
		c.CategoryID = k.cats[r.IntN(len(k.cats))]
	}
	var err error
	if p.bulk != nil {
		err = p.bulk.CreateCase(c, k.agent, p.at)
	} else {
		*p.clock = p.at
		_, err = k.s.CreateCase(context.Background(), c, k.agent, "")
	}
	if err != nil {
		return err
	}
	p.id, p.c = c.ID, c
	if p.chance(0.15) {
		return p.do(k.agent, lifecycle.Request{Action: lifecycle.Answer, Content: "已按政策解释。"})
	}
	if p.chance(0.1) {
		if err := p.do(k.dispatcher, lifecycle.Request{Action: lifecycle.Triage, Track: minsheng.TrackService,
			CategoryID: k.cats[r.IntN(len(k.cats))]}); err != nil {
			return err
		}
	}
	for round := 0; ; round++ {
		if p.chance(0.05) {
			return nil // waits for dispatch
		}
		to := []minsheng.Org{k.dept, k.other, k.sub, k.media}[r.IntN(4)]
		if err := p.do(k.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: to.ID}); err != nil {
			return err
		}
		h := minsheng.Actor{Role: minsheng.RoleHandler, OrgID: to.ID, OrgPath: to.Path, Name: to.Name}
		if to.ID == k.media.ID {
			return p.do(h, lifecycle.Request{Action: lifecycle.Reply, Content: "已刊发并反馈。", Outcome: minsheng.OutcomeExplained})
		}
		if round < 2 && p.chance(0.2) {
			if err := p.do(h, lifecycle.Request{Action: lifecycle.Return, Reason: "不属于本单位职责范围"}); err != nil {
				return err
			}
			continue
		}
		return p.handle(h, to)
	}
}

// handle plays a dispatched case from signing to its close, or stops on the way.
func (p *kpiPlay) handle(h minsheng.Actor, to minsheng.Org) error {
	k := p.k
	if err := p.do(h, lifecycle.Request{Action: lifecycle.Accept}); err != nil {
		return err
	}
	if to.ID == k.dept.ID && p.chance(0.3) {
		sub := minsheng.Actor{Role: minsheng.RoleHandler, OrgID: k.sub.ID, OrgPath: k.sub.Path, Name: k.sub.Name}
		if err := p.do(h, lifecycle.Request{Action: lifecycle.Subdispatch, OrgID: k.sub.ID}); err != nil {
			return err
		}
		if p.chance(0.4) {
			if err := p.do(sub, lifecycle.Request{Action: lifecycle.Return, Reason: "请上级单位统筹处理"}); err != nil {
				return err
			}
		} else {
			h = sub
			if err := p.do(h, lifecycle.Request{Action: lifecycle.Accept}); err != nil {
				return err
			}
		}
	}
	for round := 0; round < 4; round++ {
		if p.chance(0.06) {
			return nil // still handling
		}
		if err := p.do(h, lifecycle.Request{Action: lifecycle.Reply, Content: "已现场处理完毕。", Outcome: minsheng.OutcomeSolved}); err != nil {
			return err
		}
		if p.chance(0.05) {
			return nil // waits for review
		}
		if p.chance(0.25) {
			if err := p.do(k.reviewer, lifecycle.Request{Action: lifecycle.Review, Approve: new(bool), Comment: "答复空泛，请重办"}); err != nil {
				return err
			}
			continue
		}
		if err := p.do(k.reviewer, lifecycle.Request{Action: lifecycle.Review, Approve: yes()}); err != nil {
			return err
		}
		for p.c.Status == minsheng.StatusPendingVisit {
			if p.chance(0.1) {
				return nil // waits for the visit
			}
			reached := !p.chance(0.2)
			req := lifecycle.Request{Action: lifecycle.Visit, Reached: &reached}
			if reached {
				solved := !p.chance(0.2)
				req.Solved = &solved
				req.Satisfaction = []minsheng.Satisfaction{minsheng.Satisfied, minsheng.BasicallySatisfied, minsheng.Dissatisfied}[p.r.IntN(3)]
			}
			if err := p.do(k.visitor, req); err != nil {
				return err
			}
		}
		if p.c.Status != minsheng.StatusClosed {
			continue // unsolved: handled again
		}
		if !p.chance(0.1) {
			return nil
		}
		if err := p.do(k.agent, lifecycle.Request{Action: lifecycle.Reopen, Reason: "市民再次来电反映"}); err != nil {
			return err
		}
	}
	return nil
}
