package service

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store"
	"minsheng/store/storetest"
)

// oversightCity is a hotline with one department, its street office, and one
// account per role the escalation rules address.
type oversightCity struct {
	hotline, dept, street                                          minsheng.Org
	dispatcher, handler, lead, supervisor, reviewer, streetHandler *minsheng.User
}

func newOversightCity(t *testing.T, st *store.Store) *oversightCity {
	t.Helper()
	ctx := context.Background()
	c := &oversightCity{}
	for _, o := range []struct {
		org    *minsheng.Org
		parent *minsheng.Org
		name   string
		kind   minsheng.OrgKind
	}{{&c.hotline, nil, "海州市12345热线办", minsheng.OrgHotline}, {&c.dept, &c.hotline, "市住建局", minsheng.OrgDepartment},
		{&c.street, &c.dept, "住建局物业科", minsheng.OrgDepartment}} {
		*o.org = minsheng.Org{Name: o.name, Kind: o.kind}
		if o.parent != nil {
			o.org.ParentID = o.parent.ID
		}
		if err := st.CreateOrg(ctx, o.org); err != nil {
			t.Fatal(err)
		}
	}
	mk := func(name string, r minsheng.Role, org minsheng.Org) *minsheng.User {
		u := &minsheng.User{Username: name, Name: name, Role: r, OrgID: org.ID}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		u, err := st.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	c.dispatcher = mk("dispatcher", minsheng.RoleDispatcher, c.hotline)
	c.supervisor = mk("supervisor", minsheng.RoleSupervisor, c.hotline)
	c.reviewer = mk("reviewer", minsheng.RoleReviewer, c.hotline)
	c.handler = mk("handler", minsheng.RoleHandler, c.dept)
	c.lead = mk("lead", minsheng.RoleDeptLead, c.dept)
	c.streetHandler = mk("street", minsheng.RoleHandler, c.street)
	return c
}

// dispatched records a case and dispatches it to org, due at due.
func (c *oversightCity) dispatched(t *testing.T, st *store.Store, org minsheng.Org, title string, due time.Time) *minsheng.Case {
	t.Helper()
	ctx := context.Background()
	k := &minsheng.Case{Channel: "phone", Title: title, Content: title + "，请尽快处理。", Citizen: minsheng.Citizen{Name: "王五", Phone: "13900001234"}}
	if _, err := st.CreateCase(ctx, k, minsheng.ActorOf(c.dispatcher), ""); err != nil {
		t.Fatal(err)
	}
	k, _, err := st.Act(ctx, k.ID, minsheng.ActorOf(c.dispatcher), lifecycle.Request{Action: lifecycle.Dispatch, OrgID: org.ID, DueAt: &due})
	if err != nil {
		t.Fatalf("dispatch %s: %v", title, err)
	}
	return k
}

func mustAct(t *testing.T, st *store.Store, id int64, u *minsheng.User, req lifecycle.Request) {
	t.Helper()
	if _, _, err := st.Act(context.Background(), id, minsheng.ActorOf(u), req); err != nil {
		t.Fatalf("%s case %d: %v", req.Action, id, err)
	}
}

// clock is a settable time shared by the store and the service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) add(d time.Duration) { c.set(c.now().Add(d)) }

// supervisions counts the supervise events of a case and returns the levels.
func supervisions(t *testing.T, st *store.Store, id int64) []int {
	t.Helper()
	evs, err := st.Events(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, ev := range evs {
		if ev.Action == string(lifecycle.Supervise) {
			p, err := minsheng.Decode[minsheng.SupervisePayload](ev)
			if err != nil {
				t.Fatal(err)
			}
			if ev.ActorRole != minsheng.RoleSupervisor || ev.ActorName != minsheng.SystemActor.Name || p.Note == "" {
				t.Errorf("case %d: supervise event by %s %q, note %q: want the rules, with a reason", id, ev.ActorRole, ev.ActorName, p.Note)
			}
			out = append(out, p.Level)
		}
	}
	return out
}

func kinds(ns []minsheng.Notification, caseID int64) []string {
	var out []string
	for _, n := range ns {
		if n.CaseID == caseID {
			out = append(out, string(n.Kind))
		}
	}
	return out
}

// TestEscalationRules plays the rules over a working week on both databases:
// a case due soon reminds its handler (once per deadline), an overdue case
// goes to level 1 with the department lead told, one overdue by three
// working days or sent back twice goes to level 2, and running the job again
// changes nothing.
func TestEscalationRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		clk := &clock{t: time.Date(2026, 11, 9, 9, 0, 0, 0, store.CST)} // Monday
		st.Clock, svc.Now = clk.now, clk.now
		city := newOversightCity(t, st)

		// Dispatched on Monday: one due Tuesday evening, one due on Friday of the next week.
		late := city.dispatched(t, st, city.dept, "楼道灯坏了", time.Date(2026, 11, 10, 17, 30, 0, 0, store.CST))
		calm := city.dispatched(t, st, city.street, "小区绿化带缺损", time.Date(2026, 11, 20, 17, 30, 0, 0, store.CST))
		// One sent back twice by the reviewer, not overdue at all.
		sentBack := city.dispatched(t, st, city.dept, "物业不作为", time.Date(2026, 11, 27, 17, 30, 0, 0, store.CST))
		mustAct(t, st, sentBack.ID, city.handler, lifecycle.Request{Action: lifecycle.Accept})
		for range 2 {
			mustAct(t, st, sentBack.ID, city.handler, lifecycle.Request{Action: lifecycle.Reply, Content: "将出方案", Outcome: minsheng.OutcomeExplained})
			mustAct(t, st, sentBack.ID, city.reviewer, lifecycle.Request{Action: lifecycle.Review, Approve: new(bool), Comment: "只说将出方案，没有结果"})
		}

		run, err := svc.Escalate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if *run != (EscalationRun{Reminders: 0, Level1: 0, Level2: 1}) {
			t.Fatalf("Monday run: %+v, want only the sent-back case at level 2", *run)
		}

		clk.set(time.Date(2026, 11, 9, 18, 0, 0, 0, store.CST)) // Monday evening: late is due within 24 hours
		if run, err = svc.Escalate(ctx); err != nil || *run != (EscalationRun{Reminders: 1}) {
			t.Fatalf("Monday evening run: %+v %v, want one reminder", run, err)
		}
		if run, err = svc.Escalate(ctx); err != nil || *run != (EscalationRun{}) {
			t.Fatalf("second run the same evening: %+v %v, want nothing new", run, err)
		}

		clk.set(time.Date(2026, 11, 11, 9, 0, 0, 0, store.CST)) // Wednesday: late is overdue
		if run, err = svc.Escalate(ctx); err != nil || *run != (EscalationRun{Level1: 1}) {
			t.Fatalf("Wednesday run: %+v %v, want late at level 1", run, err)
		}
		clk.set(time.Date(2026, 11, 13, 12, 0, 0, 0, store.CST)) // Friday: overdue by 3 working days (Wed, Thu, Fri)
		if run, err = svc.Escalate(ctx); err != nil || *run != (EscalationRun{Level2: 1}) {
			t.Fatalf("Friday run: %+v %v, want late at level 2", run, err)
		}
		if run, err = svc.Escalate(ctx); err != nil || *run != (EscalationRun{}) {
			t.Fatalf("Friday again: %+v %v, want nothing new", run, err)
		}

		for id, want := range map[int64][]int{late.ID: {1, 2}, sentBack.ID: {2}, calm.ID: nil} {
			if got := supervisions(t, st, id); !slices.Equal(got, want) {
				t.Errorf("case %d escalated to %v, want %v", id, got, want)
			}
		}
		got, err := st.Case(ctx, late.ID)
		if err != nil || got.Supervision != 2 {
			t.Fatalf("late case supervision %d (%v), want 2", got.Supervision, err)
		}

		// Who was told what.
		list := func(u *minsheng.User) []minsheng.Notification {
			l, err := svc.Notifications(ctx, u, false, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			return l.Items
		}
		checks := []struct {
			who  *minsheng.User
			id   int64
			want []string
		}{
			{city.handler, late.ID, []string{"due_soon"}},
			{city.lead, late.ID, []string{"level2", "level1"}},
			{city.supervisor, late.ID, []string{"level2"}},
			{city.supervisor, sentBack.ID, []string{"level2"}},
			{city.lead, sentBack.ID, []string{"level2"}},
			{city.handler, sentBack.ID, nil},
			{city.streetHandler, late.ID, nil},
			{city.dispatcher, late.ID, nil},
		}
		for _, c := range checks {
			if got := kinds(list(c.who), c.id); !slices.Equal(got, c.want) {
				t.Errorf("%s about case %d: %v, want %v", c.who.Username, c.id, got, c.want)
			}
		}
		n := list(city.handler)[0]
		if n.CaseNumber != late.Number || n.CaseTitle != "楼道灯坏了" || n.Note == "" || n.ReadAt != nil {
			t.Errorf("handler's reminder: %+v", n)
		}
	})
}
