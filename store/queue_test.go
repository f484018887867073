package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// queueCity is the fixture with the people queues are for, and cases in
// every state, spread over a week so that some are overdue and some due soon.
type queueCity struct {
	*fixture
	lead                              minsheng.Org // a department whose lead approves replies
	deptLead, supervisor, fieldWorker minsheng.Actor
	cases                             []*minsheng.Case // as stored at now
	now                               time.Time
}

// newQueueCity creates 72 cases. Four share each intake time, so deadlines
// tie and paging must fall back on the id.
func newQueueCity(t *testing.T, s *Store) *queueCity {
	t.Helper()
	ctx := context.Background()
	q := &queueCity{fixture: newFixture(t, s)}
	q.lead = minsheng.Org{ParentID: q.hotline.ID, Name: "市公安局", Kind: minsheng.OrgDepartment, LeadApproval: true}
	if err := s.CreateOrg(ctx, &q.lead); err != nil {
		t.Fatal(err)
	}
	user := func(a *minsheng.Actor, name string, r minsheng.Role, org minsheng.Org) {
		u := &minsheng.User{Username: name, Name: name, Role: r, OrgID: org.ID}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		*a = minsheng.ActorOf(u)
	}
	user(&q.deptLead, "lead", minsheng.RoleDeptLead, q.lead)
	user(&q.supervisor, "supervisor", minsheng.RoleSupervisor, q.hotline)
	user(&q.fieldWorker, "fieldworker", minsheng.RoleFieldWorker, q.sub)

	base := time.Date(2031, 3, 3, 8, 0, 0, 0, CST) // a Monday
	clock := base
	s.Clock = func() time.Time { return clock }
	unit := func(o minsheng.Org, r minsheng.Role) minsheng.Actor {
		return minsheng.Actor{Role: r, OrgID: o.ID, OrgPath: o.Path, Name: o.Name}
	}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []*minsheng.Org{&q.hotline, &q.dept, &q.sub, &q.other, &q.lead} {
		*o = *orgs.Org(o.ID)
	}
	var ids []int64
	for i := range 72 {
		clock = base.Add(time.Duration(i/4) * 5 * time.Hour)
		c := &minsheng.Case{Channel: "phone", Title: "排水不畅", Content: "小区排水管道堵塞，雨后积水严重。",
			Citizen: minsheng.Citizen{Name: "李四", Phone: "13900001234"}, Urgency: minsheng.UrgencyNormal}
		switch {
		case i%11 == 0:
			c.Urgency = minsheng.UrgencyImmediate
		case i%5 == 0:
			c.Urgency = minsheng.UrgencyUrgent
		}
		by := q.agent
		if i%7 == 0 {
			c.Channel, by = "field", q.fieldWorker
		}
		if _, err := s.CreateCase(ctx, c, by, ""); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
		to := []minsheng.Org{q.dept, q.sub, q.other, q.lead}[(i+i/12)%4]
		h := unit(to, minsheng.RoleHandler)
		dispatch := lifecycle.Request{Action: lifecycle.Dispatch, OrgID: to.ID}
		if i%6 == 1 && to.ID != q.other.ID {
			dispatch.CoOrgIDs = []int64{q.other.ID}
		}
		do := func(a minsheng.Actor, r lifecycle.Request) *minsheng.Case { return act(t, s, c.ID, a, r) }
		switch fate := i % 12; fate {
		case 0: // waits for dispatch
		case 11:
			do(q.agent, lifecycle.Request{Action: lifecycle.Answer, Content: "已解释政策"})
		case 1:
			do(q.dispatcher, dispatch)
			do(h, lifecycle.Request{Action: lifecycle.Return, Reason: "不属于本单位职责"})
		default:
			do(q.dispatcher, dispatch)
			if fate == 2 {
				break
			}
			cur := do(h, lifecycle.Request{Action: lifecycle.Accept})
			switch fate {
			case 4:
				do(h, lifecycle.Request{Action: lifecycle.RequestExtension, Days: 3, Reason: "需要协调施工单位"})
			case 5:
				do(q.dispatcher, lifecycle.Request{Action: lifecycle.Pause, Reason: "等待天气转好"})
			case 6, 7, 8, 9:
				cur = do(h, lifecycle.Request{Action: lifecycle.Reply, Content: "已疏通管道，积水已排除。", Outcome: minsheng.OutcomeSolved})
				if fate == 6 {
					break
				}
				if cur.Status == minsheng.StatusPendingLead {
					do(unit(to, minsheng.RoleDeptLead), lifecycle.Request{Action: lifecycle.LeadApprove})
				}
				if fate == 7 {
					break
				}
				do(q.reviewer, lifecycle.Request{Action: lifecycle.Review, Approve: yes()})
				if fate == 9 {
					do(q.visitor, lifecycle.Request{Action: lifecycle.Visit, Reached: yes(), Solved: yes(), Satisfaction: minsheng.Satisfied})
				}
			}
		}
		if cur, _ := s.Case(ctx, c.ID); cur.Status.Open() && i%5 == 2 {
			act(t, s, c.ID, q.supervisor, lifecycle.Request{Action: lifecycle.Supervise, Level: 1 + i%3})
		}
	}
	q.now = base.Add(7*24*time.Hour + 12*time.Hour) // Monday 20:00: last week's normal cases are overdue, Tuesday's due soon
	clock = q.now
	for _, id := range ids {
		c, err := s.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		q.cases = append(q.cases, c)
	}
	return q
}

// inQueue is each queue's definition written out in Go over a loaded case,
// independently of the SQL, with the lifecycle's own scope rule.
func inQueue(q minsheng.Queue, c *minsheng.Case, a minsheng.Actor, now time.Time) bool {
	if !lifecycle.InScope(c, a) {
		return false
	}
	switch q {
	case minsheng.QueueToDispatch:
		return c.Status == minsheng.StatusPendingDispatch
	case minsheng.QueueReturned:
		return c.Status == minsheng.StatusPendingDispatch && c.ReturnCount > 0
	case minsheng.QueueExtensionRequests:
		return c.Status.Open() && c.ExtDays > 0
	case minsheng.QueueToSign:
		return c.Status == minsheng.StatusDispatched
	case minsheng.QueueHandling:
		return c.Status == minsheng.StatusHandling
	case minsheng.QueueDueSoon:
		return c.Status.DeadlineRuns() && !c.DueAt.IsZero() && !c.DueAt.Before(now) && c.DueAt.Before(now.Add(minsheng.DueSoonWindow))
	case minsheng.QueueOverdue:
		return c.Overdue(now)
	case minsheng.QueueToApprove:
		return c.Status == minsheng.StatusPendingLead
	case minsheng.QueueToReview:
		return c.Status == minsheng.StatusPendingReview
	case minsheng.QueueToVisit:
		return c.Status == minsheng.StatusPendingVisit
	case minsheng.QueueSupervised:
		return c.Status.Open() && c.Supervision > 0
	case minsheng.QueueMine:
		return c.CreatedBy == a.UserID
	}
	panic("unknown queue " + string(q))
}

func (q *queueCity) people() []minsheng.Actor {
	return []minsheng.Actor{q.dispatcher, q.handler, q.handler2, q.deptLead, q.supervisor, q.fieldWorker, q.agent, q.reviewer, q.visitor}
}

func TestQueueCounts(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		q := newQueueCity(t, s)
		nonEmpty := map[minsheng.Queue]bool{}
		for _, a := range q.people() {
			got, err := s.QueueCounts(ctx, a, minsheng.Queues)
			if err != nil {
				t.Fatal(err)
			}
			for _, queue := range minsheng.Queues {
				want := 0
				for _, c := range q.cases {
					if inQueue(queue, c, a, q.now) {
						want++
					}
				}
				if got[queue] != want {
					t.Errorf("%s %s: count %d, want %d", a.Name, queue, got[queue], want)
				}
				nonEmpty[queue] = nonEmpty[queue] || want > 0
			}
		}
		for _, queue := range minsheng.Queues {
			if !nonEmpty[queue] {
				t.Errorf("queue %s is empty for everyone: the fixture does not test it", queue)
			}
		}
		if _, err := s.QueueCounts(ctx, q.dispatcher, []minsheng.Queue{"nope"}); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Errorf("unknown queue: %v", err)
		}
	})
}

// wantOrder sorts cases as the sort promises, by the cases' own fields.
func wantOrder(cases []*minsheng.Case, sort minsheng.Sort) []int64 {
	cs := slices.Clone(cases)
	slices.SortFunc(cs, func(x, y *minsheng.Case) int {
		switch sort {
		case minsheng.SortDue, minsheng.SortUrgency:
			if sort == minsheng.SortUrgency {
				if d := minsheng.UrgencyRank(x.Urgency) - minsheng.UrgencyRank(y.Urgency); d != 0 {
					return d
				}
			}
			if d := x.DueAt.Compare(y.DueAt); d != 0 {
				return d
			}
			return int(x.ID - y.ID)
		}
		return int(y.ID - x.ID)
	})
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func TestQueuePaging(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		q := newQueueCity(t, s)
		open := minsheng.OpenStatuses()
		for _, tc := range []struct {
			name   string
			who    minsheng.Actor
			filter minsheng.CaseFilter
			keep   func(c *minsheng.Case) bool
		}{
			{"every case", q.dispatcher, minsheng.CaseFilter{}, func(*minsheng.Case) bool { return true }},
			{"open cases", q.dispatcher, minsheng.CaseFilter{Status: open}, func(c *minsheng.Case) bool { return c.Status.Open() }},
			{"handler's open cases", q.handler, minsheng.CaseFilter{Status: open}, func(c *minsheng.Case) bool { return c.Status.Open() }},
			{"co-handler's cases", q.handler2, minsheng.CaseFilter{}, func(*minsheng.Case) bool { return true }},
			{"field worker's cases", q.fieldWorker, minsheng.CaseFilter{}, func(*minsheng.Case) bool { return true }},
			{"due in a window", q.dispatcher, minsheng.CaseFilter{DueAfter: q.now.Add(-24 * time.Hour), DueBefore: q.now.Add(48 * time.Hour)},
				func(c *minsheng.Case) bool {
					return !c.DueAt.Before(q.now.Add(-24*time.Hour)) && c.DueAt.Before(q.now.Add(48*time.Hour))
				}},
			{"due after", q.handler, minsheng.CaseFilter{DueAfter: q.now}, func(c *minsheng.Case) bool { return !c.DueAt.Before(q.now) }},
			{"due before", q.handler, minsheng.CaseFilter{DueBefore: q.now}, func(c *minsheng.Case) bool { return c.DueAt.Before(q.now) }},
		} {
			var match []*minsheng.Case
			for _, c := range q.cases {
				if tc.keep(c) && lifecycle.InScope(c, tc.who) {
					match = append(match, c)
				}
			}
			if len(match) < 5 {
				t.Fatalf("%s: only %d cases, too few to page", tc.name, len(match))
			}
			for _, sort := range minsheng.Sorts {
				f := tc.filter
				f.Scope, f.Sort, f.Limit = &tc.who, sort, 4
				var got []int64
				for pages := 0; ; pages++ {
					if pages > len(match) {
						t.Fatalf("%s by %s: paging does not end", tc.name, sort)
					}
					p, err := s.PageCases(ctx, f)
					if err != nil {
						t.Fatalf("%s by %s: %v", tc.name, sort, err)
					}
					if p.Total != len(match) {
						t.Errorf("%s by %s: total %d, want %d", tc.name, sort, p.Total, len(match))
					}
					for _, c := range p.Cases {
						got = append(got, c.ID)
					}
					if p.Next == "" {
						break
					}
					f.Cursor = p.Next
				}
				if want := wantOrder(match, sort); !slices.Equal(got, want) {
					t.Errorf("%s by %s:\n got %v\nwant %v", tc.name, sort, got, want)
				}
			}
		}
	})
}

func TestListRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		newCase(t, s, f, "路灯不亮", "人民路路灯坏了三天")
		for _, tc := range []struct {
			name string
			f    minsheng.CaseFilter
		}{
			{"search sorted by due", minsheng.CaseFilter{Query: "路灯", Sort: minsheng.SortDue}},
			{"unknown sort", minsheng.CaseFilter{Sort: "oldest"}},
			{"cursor of another sort", minsheng.CaseFilter{Sort: minsheng.SortDue, Cursor: minsheng.SortReceived.CursorAfter(&minsheng.Case{ID: 9})}},
			{"forged cursor", minsheng.CaseFilter{Cursor: "bm9wZQ"}},
			{"id cursor with due sort", minsheng.CaseFilter{Sort: minsheng.SortDue, After: 5}},
		} {
			if _, err := s.ListCases(ctx, tc.f); minsheng.ErrorCode(err) != minsheng.EINVALID {
				t.Errorf("%s: %v, want invalid", tc.name, err)
			}
		}
		if got, err := s.ListCases(ctx, minsheng.CaseFilter{Query: "路灯", Sort: minsheng.SortReceived}); err != nil || len(got) != 1 {
			t.Errorf("search newest first: %d %v", len(got), err)
		}
		// A queue narrowed to nothing is empty, not an error.
		soon := minsheng.CaseFilter{DueAfter: time.Now()}.WithDue(time.Time{}, time.Now().Add(-time.Hour))
		if got, err := s.ListCases(ctx, soon); err != nil || len(got) != 0 {
			t.Errorf("empty due window: %d %v", len(got), err)
		}
		if n, err := s.CountCases(ctx, soon); err != nil || n != 0 {
			t.Errorf("empty due window count: %d %v", n, err)
		}
	})
}

// TestOpenPredicate holds the partial indexes' condition against the domain:
// a state that changes openness needs a migration that rebuilds them.
func TestOpenPredicate(t *testing.T) {
	for _, st := range minsheng.Statuses {
		listed := strings.Contains(openPredicate, "'"+string(st)+"'")
		if listed == st.Open() {
			t.Errorf("status %s: Open() is %v but the partial indexes say otherwise; rebuild them in a migration", st, st.Open())
		}
	}
}
