package lifecycle

import (
	"reflect"
	"testing"
	"time"

	"minsheng"
)

func TestReplyAndApprovalPaths(t *testing.T) {
	hand, lead, rev := actorAt(rHand, orgDept), actorAt(rLead, orgDept), actorAt(rRev, orgHotline)
	reply := Request{Action: Reply, Content: "已协调供热公司处理", Outcome: minsheng.OutcomeSolved}

	c := caseIn(sHan)
	c.Reply, c.RepliedAt = "", nil
	env := baseEnv()
	env.CaseOrg = orgLeadDept
	ev := apply(t, c, hand, reply, env)
	if c.Status != sPL || c.Reply != "已协调供热公司处理" || c.Outcome != minsheng.OutcomeSolved ||
		c.RepliedAt == nil || !c.RepliedAt.Equal(now) {
		t.Fatalf("after reply with lead approval: %s %q %s %v", c.Status, c.Reply, c.Outcome, c.RepliedAt)
	}
	if p := payloadOf(t, ev); p["outcome"] != "solved" {
		t.Errorf("reply payload = %v", p)
	}
	apply(t, c, lead, Request{Action: LeadApprove, Approve: ptr(false), Comment: "答复不具体，请补充处理时间"}, baseEnv())
	if c.Status != sHan {
		t.Fatalf("lead reject: %s, want handling", c.Status)
	}
	apply(t, c, hand, reply, env)
	apply(t, c, lead, Request{Action: LeadApprove}, baseEnv()) // approve defaults to true
	if c.Status != sPR {
		t.Fatalf("lead approve: %s, want pending_review", c.Status)
	}
	ev = apply(t, c, rev, Request{Action: Review, Approve: ptr(false), Comment: "“将出方案”不是结果"}, baseEnv())
	if c.Status != sHan || c.SendBacks != 1 || ev.Public {
		t.Fatalf("send back: %s sendbacks %d public %v", c.Status, c.SendBacks, ev.Public)
	}
	apply(t, c, hand, reply, baseEnv()) // CaseOrg nil: no lead step
	if c.Status != sPR {
		t.Fatalf("reply without CaseOrg: %s", c.Status)
	}
	apply(t, c, rev, Request{Action: Review, Approve: ptr(false), Comment: "仍未解决"}, baseEnv())
	apply(t, c, hand, reply, baseEnv())
	ev = apply(t, c, rev, Request{Action: Review, Approve: ptr(true)}, baseEnv())
	if c.Status != sPV || c.SendBacks != 2 || !ev.Public {
		t.Fatalf("approve: %s sendbacks %d public %v", c.Status, c.SendBacks, ev.Public)
	}
	if c.Version != caseIn(sHan).Version+9 {
		t.Errorf("version %d after 9 actions from %d", c.Version, caseIn(sHan).Version)
	}
}

func TestVisitOutcomes(t *testing.T) {
	vis := actorAt(rVis, orgHotline)
	c := caseIn(sPV)
	apply(t, c, vis, Request{Action: Visit, Reached: ptr(true), Solved: ptr(false), Satisfaction: minsheng.Satisfied}, baseEnv())
	if c.Status != sHan || c.ReopenCount != 1 || c.Solved == nil || *c.Solved || c.Satisfaction != minsheng.Satisfied {
		t.Errorf("unsolved: %s reopen %d solved %v sat %s", c.Status, c.ReopenCount, c.Solved, c.Satisfaction)
	}
	if c.ClosedAt != nil {
		t.Errorf("unsolved but ClosedAt set")
	}

	c = caseIn(sPV)
	for i := 1; i <= MaxAttempts; i++ {
		ev := apply(t, c, vis, Request{Action: Visit, Reached: ptr(false), Note: "无人接听"}, baseEnv())
		want := sPV
		if i == MaxAttempts {
			want = sClo
		}
		if c.Status != want || c.VisitTries != i {
			t.Fatalf("attempt %d: %s tries %d, want %s", i, c.Status, c.VisitTries, want)
		}
		if p := payloadOf(t, ev); p["attempt"] != float64(i) || p["reached"] != false {
			t.Errorf("payload = %v", p)
		}
		if c.Solved != nil {
			t.Errorf("Solved recorded without reaching the citizen")
		}
	}
}

// TestVisitAttemptsCountPerRound: after an unsolved visit sends the case back
// to handling, the next return visit gets its own MaxAttempts unanswered calls
// (the spec: "unreached stays pending_visit until 3 attempts then closed").
func TestVisitAttemptsCountPerRound(t *testing.T) {
	vis, hand, rev := actorAt(rVis, orgHotline), actorAt(rHand, orgDept), actorAt(rRev, orgHotline)
	c := caseIn(sPV)
	apply(t, c, vis, Request{Action: Visit, Reached: ptr(false)}, baseEnv())
	apply(t, c, vis, Request{Action: Visit, Reached: ptr(true), Solved: ptr(false), Satisfaction: minsheng.Dissatisfied}, baseEnv())
	apply(t, c, hand, Request{Action: Reply, Content: "已重新维修管道", Outcome: minsheng.OutcomeSolved}, baseEnv())
	apply(t, c, rev, Request{Action: Review, Approve: ptr(true)}, baseEnv())
	if c.Status != sPV {
		t.Fatalf("status %s, want pending_visit", c.Status)
	}
	for i := 1; i < MaxAttempts; i++ {
		apply(t, c, vis, Request{Action: Visit, Reached: ptr(false)}, baseEnv())
		if c.Status != sPV {
			t.Fatalf("second round: closed as unreachable after %d unanswered calls (visit_attempts=%d), want %d",
				i, c.VisitTries, MaxAttempts)
		}
	}
}

func TestReopenEffects(t *testing.T) {
	agent := actorAt(rAgent, orgHotline)
	t.Run("service case with an organisation goes back to handling", func(t *testing.T) {
		c := caseIn(sClo)
		c.OrgID, c.OrgPath, c.OrgChain = 5, "/1/2/5/", []int64{2, 5}
		ev := apply(t, c, agent, Request{Action: Reopen, Reason: "问题再次出现"}, baseEnv())
		if c.Status != sHan || c.ReopenCount != 1 || c.ClosedAt != nil || c.Solved != nil ||
			c.Satisfaction != "" || c.VisitTries != 0 {
			t.Errorf("reopen: %+v", c)
		}
		wantOrg(t, c, 5, "/1/2/5/", []int64{2, 5})
		if want := now.Add(72 * time.Hour); !c.DueAt.Equal(want) {
			t.Errorf("DueAt = %v, want %v", c.DueAt, want)
		}
		if ev.From != sClo || ev.To != sHan || !ev.Public {
			t.Errorf("event %+v", ev)
		}
	})
	t.Run("answered directly goes to pending_dispatch", func(t *testing.T) {
		c := caseIn(sPD)
		apply(t, c, agent, Request{Action: Answer, Content: "按知识库答复"}, baseEnv())
		apply(t, c, actorAt(rSup, orgHotline), Request{Action: Reopen, Reason: "答复无法解决问题"}, baseEnv())
		if c.Status != sPD || c.ClosedAt != nil {
			t.Errorf("status %s closed %v", c.Status, c.ClosedAt)
		}
	})
	t.Run("referral goes to pending_dispatch", func(t *testing.T) {
		c := caseIn(sRef)
		apply(t, c, actorAt(rHand, orgMedia), Request{Action: Reply, Content: "已报道", Outcome: minsheng.OutcomeExplained}, baseEnv())
		apply(t, c, actorAt(rDisp, orgHotline), Request{Action: Reopen, Reason: "市民再次投诉"}, baseEnv())
		if c.Status != sPD {
			t.Errorf("status %s", c.Status)
		}
	})
}

func TestMergeSuperviseTriageAnswer(t *testing.T) {
	disp := actorAt(rDisp, orgHotline)
	c := caseIn(sDis)
	req, env := validReq(Merge, c)
	ev := apply(t, c, disp, req, env)
	if c.Status != sMer || c.MergedInto != 200 || !ev.Public {
		t.Errorf("merge: %s into %d public %v", c.Status, c.MergedInto, ev.Public)
	}
	if p := payloadOf(t, ev); p["into"] != float64(200) || p["into_number"] != "MS20240301000200" {
		t.Errorf("merge payload %v", p)
	}

	c = caseIn(sPV)
	ev = apply(t, c, actorAt(rSup, orgHotline), Request{Action: Supervise, Level: 3, Note: "挂牌督办"}, baseEnv())
	if c.Supervision != 3 || c.Status != sPV || ev.Public {
		t.Errorf("supervise: level %d status %s public %v", c.Supervision, c.Status, ev.Public)
	}

	c = caseIn(sPD)
	ev = apply(t, c, disp, Request{Action: Triage, Track: minsheng.TrackPetition}, baseEnv())
	if c.Track != minsheng.TrackPetition || c.Status != sPD {
		t.Errorf("triage: %s %s", c.Track, c.Status)
	}
	if p := payloadOf(t, ev); p["from_track"] != "service" || p["track"] != "petition" {
		t.Errorf("triage payload %v", p)
	}

	c = caseIn(sPD)
	env = baseEnv()
	env.Article = &minsheng.Article{ID: 42, Title: "网上办理", Body: "登录政务服务网办理。"}
	ev = apply(t, c, actorAt(rAgent, orgHotline), Request{Action: Answer, Content: " 可在网上办理 ", ArticleID: 42}, env)
	if c.Reply != "可在网上办理" || c.Outcome != minsheng.OutcomeExplained || c.RepliedAt == nil || !ev.Public {
		t.Errorf("answer: %q %s %v public %v", c.Reply, c.Outcome, c.RepliedAt, ev.Public)
	}
	if p := payloadOf(t, ev); p["article_id"] != float64(42) {
		t.Errorf("answer payload %v", p)
	}
}

// TestEventFields checks the event of each action against the actor, the
// states, the payload and the public flag.
func TestEventFields(t *testing.T) {
	wantPublic := map[Action]bool{Dispatch: true, Visit: true, Answer: true, Accept: true,
		Comment: false, Supervise: false, Return: false, Triage: false, RequestExtension: false,
		DecideExtension: false, LeadApprove: false, Review: true}
	for act, public := range wantPublic {
		t.Run(string(act), func(t *testing.T) {
			s := allowedState[act]
			c := caseIn(s)
			prepare(act, c)
			r := wantRoles[act][0]
			a := inScope(r, c)
			req, env := validReq(act, c)
			ev := apply(t, c, a, req, env)
			if ev.CaseID != 100 || ev.Action != string(act) || ev.ActorID != a.UserID || ev.ActorName != a.Name ||
				ev.ActorRole != r || ev.OrgID != a.OrgID || !ev.At.Equal(now) || ev.From != s || ev.To != c.Status {
				t.Errorf("event = %+v", ev)
			}
			if ev.Public != public {
				t.Errorf("Public = %v, want %v", ev.Public, public)
			}
			payloadOf(t, ev)
		})
	}
}

func TestVersionCheck(t *testing.T) {
	hand := actorAt(rHand, orgDept)
	c := caseIn(sHan)
	before := cloneCase(c)
	for _, v := range []int{c.Version - 1, c.Version + 1} {
		_, err := Apply(c, hand, Request{Action: Comment, Text: "过期版本", Version: v}, baseEnv())
		wantErr(t, err, minsheng.ECONFLICT, "")
		if !reflect.DeepEqual(c, before) {
			t.Fatalf("case changed on stale version")
		}
	}
	apply(t, c, hand, Request{Action: Comment, Text: "当前版本", Version: c.Version}, baseEnv())
	apply(t, c, hand, Request{Action: Comment, Text: "不带版本"}, baseEnv())
	if c.Version != before.Version+2 {
		t.Errorf("version %d, want %d", c.Version, before.Version+2)
	}
}

func TestOverdue(t *testing.T) {
	due := now.Add(time.Hour)
	for _, s := range minsheng.Statuses {
		c := caseIn(s)
		c.DueAt = due
		// A reply waiting for the hotline's review is not the unit's delay.
		open := s != sPau && s != sClo && s != sMer && s != sRef && s != sPR
		if c.Overdue(due) {
			t.Errorf("%s: overdue exactly at the deadline", s)
		}
		if c.Overdue(now) {
			t.Errorf("%s: overdue before the deadline", s)
		}
		if got := c.Overdue(due.Add(time.Second)); got != open {
			t.Errorf("%s: Overdue after the deadline = %v, want %v", s, got, open)
		}
		c.DueAt = time.Time{}
		if c.Overdue(due.Add(1000 * time.Hour)) {
			t.Errorf("%s: overdue without a deadline", s)
		}
	}
}

func TestIntake(t *testing.T) {
	c := &minsheng.Case{Channel: "field", ChannelRef: "JN-0001", Content: "路灯不亮"}
	a := actorAt(rField, orgStreet)
	ev := Intake(c, a, now)
	if c.Status != sPD || c.Track != minsheng.TrackService || c.Version != 1 || c.CreatedBy != a.UserID ||
		!c.CreatedAt.Equal(now) || !c.UpdatedAt.Equal(now) {
		t.Errorf("case = %+v", c)
	}
	if ev.Action != "create" || ev.To != sPD || ev.From != "" || !ev.Public || ev.ActorID != a.UserID || ev.ActorRole != rField {
		t.Errorf("event = %+v", ev)
	}
	if p := payloadOf(t, ev); p["channel"] != "field" || p["channel_ref"] != "JN-0001" {
		t.Errorf("payload %v", p)
	}
	if !InScope(c, a) {
		t.Errorf("the field worker who collected the case is not in scope")
	}
	c = &minsheng.Case{Channel: "media", Track: minsheng.TrackMedia, Content: "x"}
	Intake(c, actorAt(rAgent, orgHotline), now)
	if c.Track != minsheng.TrackMedia {
		t.Errorf("intake overrode the track: %s", c.Track)
	}
}
