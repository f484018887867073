package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// fixture is a tiny city: hotline, two departments (one with a sub-unit), a
// media body, and one user per role that the tests need.
type fixture struct {
	hotline, dept, sub, other, media                        minsheng.Org
	agent, dispatcher, handler, handler2, reviewer, visitor minsheng.Actor
}

func newFixture(t *testing.T, s *Store) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{}
	mk := func(o *minsheng.Org, parent int64, name string, kind minsheng.OrgKind) {
		*o = minsheng.Org{ParentID: parent, Name: name, Kind: kind}
		if err := s.CreateOrg(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	mk(&f.hotline, 0, "热线办", minsheng.OrgHotline)
	mk(&f.dept, f.hotline.ID, "市住建局", minsheng.OrgDepartment)
	mk(&f.sub, f.dept.ID, "住建局物业科", minsheng.OrgDepartment)
	mk(&f.other, f.hotline.ID, "市教育局", minsheng.OrgDepartment)
	mk(&f.media, f.hotline.ID, "海州日报", minsheng.OrgMedia)
	user := func(a *minsheng.Actor, name string, r minsheng.Role, org minsheng.Org) {
		u := &minsheng.User{Username: name, Name: name, Role: r, OrgID: org.ID}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		*a = minsheng.ActorOf(u)
	}
	user(&f.agent, "agent", minsheng.RoleAgent, f.hotline)
	user(&f.dispatcher, "dispatcher", minsheng.RoleDispatcher, f.hotline)
	user(&f.handler, "handler", minsheng.RoleHandler, f.dept)
	user(&f.handler2, "handler2", minsheng.RoleHandler, f.other)
	user(&f.reviewer, "reviewer", minsheng.RoleReviewer, f.hotline)
	user(&f.visitor, "visitor", minsheng.RoleVisitor, f.hotline)
	return f
}

func newCase(t *testing.T, s *Store, f *fixture, title, content string) *minsheng.Case {
	t.Helper()
	c := &minsheng.Case{Channel: "phone", Title: title, Content: content,
		Citizen: minsheng.Citizen{Name: "李四", Phone: "13900001234"}}
	if _, err := s.CreateCase(context.Background(), c, f.agent, ""); err != nil {
		t.Fatal(err)
	}
	return c
}

func act(t *testing.T, s *Store, id int64, a minsheng.Actor, req lifecycle.Request) *minsheng.Case {
	t.Helper()
	c, _, err := s.Act(context.Background(), id, a, req)
	if err != nil {
		t.Fatalf("%s: %v", req.Action, err)
	}
	return c
}

func yes() *bool { b := true; return &b }

func TestCaseLifecycle(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := newCase(t, s, f, "小区供暖温度不达标", "幸福里小区3号楼供暖温度只有14度，已经一周了。")
		if c.Status != minsheng.StatusPendingDispatch || c.Number == "" || len(c.TrackingCode) != 12 || c.DueAt.IsZero() {
			t.Fatalf("created case: %+v", c)
		}
		act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID})
		if _, _, err := s.Act(ctx, c.ID, f.handler2, lifecycle.Request{Action: lifecycle.Accept}); !errors.Is(err, minsheng.ErrNotFound) {
			t.Fatalf("handler of another org accepted: %v", err)
		}
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Accept})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Reply, Content: "已检修管道，室温恢复至20度。", Outcome: minsheng.OutcomeSolved})
		act(t, s, c.ID, f.reviewer, lifecycle.Request{Action: lifecycle.Review, Approve: yes()})
		got := act(t, s, c.ID, f.visitor, lifecycle.Request{Action: lifecycle.Visit, Reached: yes(), Solved: yes(), Satisfaction: minsheng.Satisfied})
		if got.Status != minsheng.StatusClosed || got.ClosedAt == nil || got.Version != 6 {
			t.Fatalf("final case: status %s version %d", got.Status, got.Version)
		}
		again, err := s.Case(ctx, c.ID)
		if err != nil || again.Status != minsheng.StatusClosed || again.Reply != "已检修管道，室温恢复至20度。" || !*again.Solved {
			t.Fatalf("reloaded case: %+v %v", again, err)
		}
		evs, err := s.Events(ctx, c.ID)
		if err != nil || len(evs) != 6 {
			t.Fatalf("events: %d %v", len(evs), err)
		}
		if evs[0].Action != "create" || evs[5].To != minsheng.StatusClosed {
			t.Fatalf("timeline: %+v", evs)
		}
		if _, _, err := s.Act(ctx, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Reply, Content: "again", Outcome: "solved"}); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("reply on closed case: %v", err)
		}
	})
}

func TestEventsAreAppendOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		c := newCase(t, s, f, "路灯不亮", "人民路路灯坏了三天")
		for _, q := range []string{"UPDATE events SET action = 'x' WHERE case_id = ?", "DELETE FROM events WHERE case_id = ?", "DELETE FROM cases WHERE id = ?"} {
			if _, err := s.write.Exec(s.d.rebind(q), c.ID); err == nil {
				t.Errorf("%s was allowed", q)
			}
		}
	})
}

func TestSearchChinese(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		heat := newCase(t, s, f, "供暖不热", "幸福里小区3号楼供暖温度只有14度")
		pipe := newCase(t, s, f, "管网漏水", "和平路地下管网破裂，污水外溢")
		noise := newCase(t, s, f, "夜间施工噪音", "工地每天晚上十点以后还在施工，噪音很大 ABC公司")
		cases := []struct {
			q    string
			want []int64
		}{
			{"供暖", []int64{heat.ID}},
			{"管网", []int64{pipe.ID}},
			{"噪音", []int64{noise.ID}},
			{"暖", []int64{heat.ID}},
			{"3号楼", []int64{heat.ID}},
			{"abc", []int64{noise.ID}},
			{"小区 供暖", []int64{heat.ID}},
			{"路", []int64{pipe.ID}},
			{"温度只有14度", []int64{heat.ID}},
			{"暖供", nil},
			{"物业", nil},
			{"，。", nil},
		}
		for _, tc := range cases {
			got, err := s.ListCases(ctx, minsheng.CaseFilter{Query: tc.q})
			if err != nil {
				t.Fatalf("q=%s: %v", tc.q, err)
			}
			var ids []int64
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tc.want) {
				t.Errorf("q=%q: got %v want %v", tc.q, ids, tc.want)
			}
		}
	})
}

func TestConcurrentDispatchOneWins(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s)
		c := newCase(t, s, f, "占道经营", "夜市摊位占满人行道")
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, errs[i] = s.Act(context.Background(), c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID, Version: 1})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch minsheng.ErrorCode(err) {
			case "":
				ok++
			case minsheng.ECONFLICT:
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d dispatches won, want 1", ok)
		}
	})
}

func TestIdempotentCreate(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		mk := func() (*minsheng.Case, bool) {
			c := &minsheng.Case{Channel: "web", Title: "t", Content: "同一个请求重试"}
			created, err := s.CreateCase(ctx, c, f.agent, "key-1")
			if err != nil {
				t.Fatal(err)
			}
			return c, created
		}
		a, c1 := mk()
		b, c2 := mk()
		if !c1 || c2 || a.ID != b.ID || a.TrackingCode != b.TrackingCode {
			t.Fatalf("retry made another case: %d/%v %d/%v", a.ID, c1, b.ID, c2)
		}
	})
}

func TestRejectedCaseLeavesNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := &minsheng.Case{Channel: "phone", Content: "   ", Citizen: minsheng.Citizen{Phone: "13900009999"}}
		_, err := s.CreateCase(ctx, c, f.agent, "")
		if minsheng.ErrorCode(err) != minsheng.EINVALID || minsheng.ErrorField(err) != "content" {
			t.Fatalf("empty content: %v", err)
		}
		got, _ := s.ListCases(ctx, minsheng.CaseFilter{Phone: "13900009999"})
		if len(got) != 0 {
			t.Fatalf("rejected case stored")
		}
	})
}

func TestScopeFilter(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := newCase(t, s, f, "物业乱收费", "物业公司乱收停车费")
		act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Accept})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Subdispatch, OrgID: f.sub.ID})
		for _, tc := range []struct {
			who  minsheng.Actor
			want int
		}{{f.handler, 1}, {f.handler2, 0}, {f.dispatcher, 1}} {
			got, err := s.ListCases(ctx, minsheng.CaseFilter{Scope: &tc.who})
			if err != nil || len(got) != tc.want {
				t.Errorf("%s sees %d cases (%v), want %d", tc.who.Name, len(got), err, tc.want)
			}
		}
		got, _ := s.ListCases(ctx, minsheng.CaseFilter{OrgID: f.dept.ID})
		if len(got) != 1 {
			t.Errorf("org subtree filter: %d", len(got))
		}
		back := act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Return, Reason: "不属于本科室职责"})
		if back.OrgID != f.dept.ID || back.Status != minsheng.StatusHandling {
			t.Errorf("return from sub-unit went to %d/%s", back.OrgID, back.Status)
		}
		// A co-handling unit sees the case while it co-handles it.
		co := newCase(t, s, f, "学校周边占道", "学校门口商贩占道，影响学生通行")
		act(t, s, co.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID, CoOrgIDs: []int64{f.other.ID}})
		if got, _ := s.ListCases(ctx, minsheng.CaseFilter{Scope: &f.handler2}); len(got) != 1 || got[0].ID != co.ID {
			t.Errorf("co-handler's list: %d cases", len(got))
		}
		act(t, s, co.ID, f.handler, lifecycle.Request{Action: lifecycle.Return, Reason: "请热线办重新协调派单"})
		if got, _ := s.ListCases(ctx, minsheng.CaseFilter{Scope: &f.handler2}); len(got) != 0 {
			t.Errorf("former co-handler still lists %d cases", len(got))
		}
	})
}

func TestOverdueIsDerived(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		now := time.Date(2031, 3, 3, 10, 0, 0, 0, CST) // a Monday
		s.Clock = func() time.Time { return now }
		c := newCase(t, s, f, "垃圾清运", "小区垃圾三天没人清运")
		if got, _ := s.ListCases(ctx, minsheng.CaseFilter{Overdue: true}); len(got) != 0 {
			t.Fatalf("new case overdue")
		}
		now = c.DueAt.Add(time.Minute)
		got, _ := s.ListCases(ctx, minsheng.CaseFilter{Overdue: true})
		if len(got) != 1 || !got[0].Overdue(now) {
			t.Fatalf("case past its deadline not overdue: %d", len(got))
		}
	})
}

func TestChineseRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		texts := []string{
			"𠮷野家门口的𡈽堆没人清理（扩展B区汉字）",
			"繁體字與简体字混排：臺灣、台湾；全角ＡＢＣ１２３，半角abc123",
			"表情😀和符号№、①②③、「引号」『书名号』——破折号……省略号",
			"换行\n制表\t和  多个空格",
		}
		for _, text := range texts {
			c := &minsheng.Case{Channel: "web", Title: minsheng.Abbrev(text, 20), Content: text, Address: string([]rune(text)[:5]),
				Citizen: minsheng.Citizen{Name: "欧阳𫝀"}}
			if _, err := s.CreateCase(ctx, c, f.agent, ""); err != nil {
				t.Fatal(err)
			}
			got, err := s.Case(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Content != text || got.Citizen.Name != "欧阳𫝀" || got.Address != string([]rune(text)[:5]) {
				t.Fatalf("round trip changed the text: %q / %q", got.Content, got.Citizen.Name)
			}
		}
		hits, err := s.ListCases(ctx, minsheng.CaseFilter{Query: "𡈽堆"})
		if err != nil || len(hits) != 1 {
			t.Fatalf("search for supplementary-plane characters: %d %v", len(hits), err)
		}
	})
}
