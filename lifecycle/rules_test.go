package lifecycle

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"minsheng"
)

// TestCoHandlerDoesNotActForTheLead: a co-handling unit (协办) sees the case,
// comments and gives its opinion, but signs, passes down, returns, asks for
// time or a pause, replies and approves only as the lead unit (DOMAIN.md).
func TestCoHandlerDoesNotActForTheLead(t *testing.T) {
	tests := []struct {
		act  Action
		from minsheng.Status
		role minsheng.Role
		code string // "" = allowed
	}{
		{Accept, sDis, rHand, minsheng.EFORBIDDEN},
		{Subdispatch, sHan, rHand, minsheng.EFORBIDDEN},
		{Return, sHan, rLead, minsheng.EFORBIDDEN},
		{RequestExtension, sHan, rHand, minsheng.EFORBIDDEN},
		{RequestPause, sHan, rHand, minsheng.EFORBIDDEN},
		{Resume, sPau, rHand, minsheng.EFORBIDDEN},
		{Reply, sHan, rHand, minsheng.EFORBIDDEN},
		{LeadApprove, sPL, rLead, minsheng.EFORBIDDEN},
		{Accept, sHan, rHand, minsheng.ECONFLICT}, // the state is visible to a co-handler
		{Comment, sHan, rHand, ""},
		{Opinion, sHan, rHand, ""},
		{Opinion, sPau, rLead, ""},
	}
	for _, tc := range tests {
		t.Run(string(tc.act)+"/"+string(tc.from), func(t *testing.T) {
			c := caseIn(tc.from)
			c.CoOrgIDs = []int64{orgDept3.ID}
			prepare(tc.act, c)
			a := actorAt(tc.role, orgDept3)
			req, env := validReq(tc.act, c)
			before := cloneCase(c)
			if got := Allowed(c, a, tc.act); got != (tc.code == "") {
				t.Errorf("Allowed = %v", got)
			}
			ev, err := Apply(c, a, req, env)
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
				if !reflect.DeepEqual(c, before) {
					t.Errorf("case changed on error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Status != tc.from || ev.Public {
				t.Errorf("status %s public %v", c.Status, ev.Public)
			}
		})
	}
	// The lead unit comments; an opinion is the co-handlers' own.
	c := caseIn(sHan)
	c.CoOrgIDs = []int64{orgDept3.ID}
	_, err := Apply(c, actorAt(rHand, orgDept), Request{Action: Opinion, Text: "主办单位意见"}, baseEnv())
	wantErr(t, err, minsheng.ECONFLICT, "")
	if Allowed(c, actorAt(rHand, orgDept), Opinion) {
		t.Errorf("opinion offered to the lead unit")
	}
	p, err := minsheng.Decode[minsheng.OpinionPayload](apply(t, c, actorAt(rHand, orgDept3),
		Request{Action: Opinion, Text: " 已核实管网权属 "}, baseEnv()))
	if err != nil || p.Text != "已核实管网权属" || p.OrgID != orgDept3.ID {
		t.Errorf("opinion payload %+v, %v", p, err)
	}
}

// TestAnalystsAndAdminsDoNotWrite: they read every case, and change none.
func TestAnalystsAndAdminsDoNotWrite(t *testing.T) {
	for _, r := range []minsheng.Role{rAna, rAdm} {
		for _, act := range Actions() {
			c := caseIn(allowedState[act])
			prepare(act, c)
			if Allowed(c, actorAt(r, orgHotline), act) {
				t.Errorf("%s may %s", r, act)
			}
		}
	}
}

// TestAllowedMeansItWouldSucceed: requests that wait for a decision are
// offered only when one is pending, and asked for only when none is.
func TestAllowedMeansItWouldSucceed(t *testing.T) {
	disp, hand := actorAt(rDisp, orgHotline), actorAt(rHand, orgDept)
	tests := []struct {
		name string
		prep func(c *minsheng.Case)
		a    minsheng.Actor
		act  Action
		want bool
	}{
		{"decide_extension, nothing pending", nil, disp, DecideExtension, false},
		{"decide_extension, pending", func(c *minsheng.Case) { c.ExtDays = 3 }, disp, DecideExtension, true},
		{"request_extension, none pending", nil, hand, RequestExtension, true},
		{"request_extension, one pending", func(c *minsheng.Case) { c.ExtDays = 3 }, hand, RequestExtension, false},
		{"decide_pause, nothing pending", nil, disp, DecidePause, false},
		{"decide_pause, pending", func(c *minsheng.Case) { c.PauseRequested = true }, disp, DecidePause, true},
		{"request_pause, none pending", nil, hand, RequestPause, true},
		{"request_pause, one pending", func(c *minsheng.Case) { c.PauseRequested = true }, hand, RequestPause, false},
		{"direct pause with a request pending", func(c *minsheng.Case) { c.PauseRequested = true }, disp, Pause, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := caseIn(sHan)
			if tc.prep != nil {
				tc.prep(c)
			}
			if got := Allowed(c, tc.a, tc.act); got != tc.want {
				t.Fatalf("Allowed = %v, want %v", got, tc.want)
			}
			req, env := validReq(tc.act, c)
			_, err := Apply(c, tc.a, req, env)
			if tc.want && err != nil {
				t.Errorf("Allowed but Apply: %v", err)
			}
			if !tc.want {
				wantErr(t, err, minsheng.ECONFLICT, "")
			}
		})
	}
}

// TestPauseIsRequestedAndDecided: the unit asks, the hotline grants or
// refuses; a refusal leaves the clock running and allows a new request.
func TestPauseIsRequestedAndDecided(t *testing.T) {
	disp, hand := actorAt(rDisp, orgHotline), actorAt(rHand, orgDept)
	for _, approve := range []bool{true, false} {
		c := caseIn(sHan)
		ev := apply(t, c, hand, Request{Action: RequestPause, Reason: "等待法院判决"}, baseEnv())
		if !c.PauseRequested || c.Status != sHan || ev.Public {
			t.Fatalf("request: requested %v status %s public %v", c.PauseRequested, c.Status, ev.Public)
		}
		if p, _ := minsheng.Decode[minsheng.RequestPausePayload](ev); p == nil || p.Reason != "等待法院判决" {
			t.Errorf("request payload %+v", p)
		}
		ev = apply(t, c, disp, Request{Action: DecidePause, Approve: &approve, Comment: "核实"}, baseEnv())
		if c.PauseRequested || (c.Status == sPau) != approve || ev.Public != approve {
			t.Errorf("approve=%v: requested %v status %s public %v", approve, c.PauseRequested, c.Status, ev.Public)
		}
		if approve && (c.PausedAt == nil || c.PausedFrom != sHan) {
			t.Errorf("granted pause did not stop the clock: %v from %q", c.PausedAt, c.PausedFrom)
		}
		if p, _ := minsheng.Decode[minsheng.DecidePausePayload](ev); p == nil || p.Approve != approve || p.Comment != "核实" {
			t.Errorf("decide payload %+v", p)
		}
	}
	// A return settles a pending request, as it does an extension request.
	c := caseIn(sHan)
	c.PauseRequested, c.ExtDays = true, 2
	apply(t, c, actorAt(rHand, orgDept), Request{Action: Return, Reason: "不属于本单位职责范围"}, baseEnv())
	if c.PauseRequested || c.ExtDays != 0 {
		t.Errorf("return left requests pending: pause %v ext %d", c.PauseRequested, c.ExtDays)
	}
}

// TestReroute: the hotline moves the case to another body; the chain starts
// anew, the unit is not charged with a return, and the event says from where.
func TestReroute(t *testing.T) {
	c := caseIn(sHan)
	c.OrgID, c.OrgPath, c.OrgChain, c.CoOrgIDs = orgSub.ID, orgSub.Path, []int64{2, 5}, []int64{25}
	c.ExtDays, c.PauseRequested = 3, true
	due := c.DueAt
	env := baseEnv()
	env.Target, env.CoOrgs = orgDept3, []*minsheng.Org{orgDept25}
	ev := apply(t, c, actorAt(rDisp, orgHotline), Request{Action: Reroute, OrgID: 3, CoOrgIDs: []int64{25},
		Reason: " 职责清单显示属城管局 "}, env)
	if c.Status != sDis || c.OrgID != 3 || c.OrgPath != orgDept3.Path || !slices.Equal(c.OrgChain, []int64{3}) ||
		!slices.Equal(c.CoOrgIDs, []int64{25}) || c.ReturnCount != 0 || c.ExtDays != 0 || c.PauseRequested ||
		!c.DueAt.Equal(due) || !ev.Public {
		t.Errorf("after reroute: %+v public %v", c, ev.Public)
	}
	p, err := minsheng.Decode[minsheng.ReroutePayload](ev)
	if err != nil || p.FromOrgID != 5 || p.OrgID != 3 || p.OrgName != orgDept3.Name || p.Reason != "职责清单显示属城管局" {
		t.Errorf("payload %+v, %v", p, err)
	}
	// A referred case moves to another body of its own track and stays referred.
	c = caseIn(sRef)
	req, env := validReq(Reroute, c)
	apply(t, c, actorAt(rDisp, orgHotline), req, env)
	if c.Status != sRef || c.OrgID != orgMedia2.ID {
		t.Errorf("referred reroute: %s at %d", c.Status, c.OrgID)
	}
}

// TestAnswerFromArticle: the article's body is what the citizen reads when
// the agent adds no text of their own.
func TestAnswerFromArticle(t *testing.T) {
	art := &minsheng.Article{ID: 42, Title: "居住证办理", Body: " 持身份证到社区服务中心办理居住证。 "}
	env := baseEnv()
	env.Article = art
	c := caseIn(sPD)
	ev := apply(t, c, actorAt(rAgent, orgHotline), Request{Action: Answer, ArticleID: 42}, env)
	if c.Reply != "持身份证到社区服务中心办理居住证。" || c.Status != sClo {
		t.Errorf("reply %q status %s", c.Reply, c.Status)
	}
	p, err := minsheng.Decode[minsheng.AnswerPayload](ev)
	if err != nil || p.Content != c.Reply || p.ArticleID != 42 {
		t.Errorf("payload %+v, %v", p, err)
	}
}

// TestFields: each action names the request fields it reads, all of them
// real JSON fields of Request, and "version" everywhere.
func TestFields(t *testing.T) {
	tags := map[string]bool{}
	rt := reflect.TypeFor[Request]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		tags[name] = true
	}
	want := map[Action][]string{
		Answer: {"content", "article_id", "outcome"}, Triage: {"track", "category_id", "reason"},
		Dispatch: {"org_id", "co_org_ids", "due_at", "category_id", "note"}, Accept: {"note"},
		Subdispatch: {"org_id", "note"}, Return: {"reason", "not_ours"}, Reroute: {"org_id", "co_org_ids", "reason"},
		RequestExtension: {"days", "reason"}, DecideExtension: {"approve", "comment"},
		Reply: {"content", "outcome"}, LeadApprove: {"approve", "comment"}, Review: {"approve", "comment"},
		Visit: {"reached", "solved", "satisfaction", "note"}, Pause: {"reason"}, RequestPause: {"reason"},
		DecidePause: {"approve", "comment"}, Resume: {"note"}, Reopen: {"reason"}, Merge: {"into", "note"},
		Supervise: {"level", "note"}, Comment: {"text"}, Opinion: {"text"}, LeaderAssign: {"note"}, CampaignAnswer: {"content", "outcome"}, Arbitrate: {"org_id", "category_id", "reason", "update_list"}, ReferClue: {"org_id", "reason"},
		Rate: {"solved", "satisfaction", "note"},
	}
	for _, act := range Actions() {
		got := Fields(act)
		w := append(slices.Clone(want[act]), "version")
		slices.Sort(got)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("Fields(%s) = %v, want %v", act, got, w)
		}
		for _, f := range got {
			if !tags[f] || f == "-" {
				t.Errorf("Fields(%s) names %q, not a field of Request", act, f)
			}
		}
	}
	if Fields("close") != nil {
		t.Errorf("Fields of an unknown action")
	}
}

// TestNotesAreRecorded: free text given with an action is kept on its event.
func TestNotesAreRecorded(t *testing.T) {
	tests := []struct {
		act  Action
		from minsheng.Status
		role minsheng.Role
		edit func(r *Request)
		key  string
	}{
		{Dispatch, sPD, rDisp, func(r *Request) { r.Note = "请尽快联系市民" }, "note"},
		{Triage, sPD, rDisp, func(r *Request) { r.Reason = "涉及媒体曝光" }, "reason"},
		{Accept, sDis, rHand, func(r *Request) { r.Note = "已安排人员" }, "note"},
		{Subdispatch, sHan, rHand, func(r *Request) { r.Note = "属地处理" }, "note"},
		{Resume, sPau, rDisp, func(r *Request) { r.Note = "判决已下达" }, "note"},
		{Merge, sHan, rDisp, func(r *Request) { r.Note = "同一小区同一问题" }, "note"},
		{DecideExtension, sHan, rDisp, func(r *Request) { r.Comment = "同意" }, "comment"},
		{Visit, sPV, rVis, func(r *Request) { r.Note = "市民表示满意" }, "note"},
		{Rate, sClo, minsheng.RoleCitizen, func(r *Request) { r.Note = "路灯修好了" }, "note"},
	}
	for _, tc := range tests {
		t.Run(string(tc.act), func(t *testing.T) {
			c := caseIn(tc.from)
			prepare(tc.act, c)
			req, env := validReq(tc.act, c)
			tc.edit(&req)
			ev := apply(t, c, actorFor(tc.act, tc.role, c), req, env)
			p := payloadOf(t, ev)
			if s, _ := p[tc.key].(string); s == "" {
				t.Errorf("payload %v has no %s", p, tc.key)
			}
		})
	}
}

// TestTextRejectsNUL: every free-text field refuses U+0000, naming the field.
func TestTextRejectsNUL(t *testing.T) {
	const nul = "文字\x00文字"
	tests := []struct {
		act   Action
		from  minsheng.Status
		role  minsheng.Role
		field string
		edit  func(r *Request)
	}{
		{Answer, sPD, rAgent, "content", func(r *Request) { r.Content = nul }},
		{Triage, sPD, rDisp, "reason", func(r *Request) { r.Reason = nul }},
		{Dispatch, sPD, rDisp, "note", func(r *Request) { r.Note = nul }},
		{Accept, sDis, rHand, "note", func(r *Request) { r.Note = nul }},
		{Return, sHan, rHand, "reason", func(r *Request) { r.Reason = "不属于本单位" + nul }},
		{Reroute, sHan, rDisp, "reason", func(r *Request) { r.Reason = "属于城管职责" + nul }},
		{RequestExtension, sHan, rHand, "reason", func(r *Request) { r.Reason = "需要现场勘查" + nul }},
		{DecideExtension, sHan, rDisp, "comment", func(r *Request) { r.Comment = nul }},
		{Reply, sHan, rHand, "content", func(r *Request) { r.Content = nul }},
		{LeadApprove, sPL, rLead, "comment", func(r *Request) { r.Comment = nul }},
		{Review, sPR, rRev, "comment", func(r *Request) { r.Comment = nul }},
		{Visit, sPV, rVis, "note", func(r *Request) { r.Note = nul }},
		{RequestPause, sHan, rHand, "reason", func(r *Request) { r.Reason = nul }},
		{DecidePause, sHan, rSup, "comment", func(r *Request) { r.Comment = nul }},
		{Resume, sPau, rHand, "note", func(r *Request) { r.Note = nul }},
		{Reopen, sClo, rAgent, "reason", func(r *Request) { r.Reason = nul }},
		{Supervise, sHan, rSup, "note", func(r *Request) { r.Note = nul }},
		{Comment, sHan, rHand, "text", func(r *Request) { r.Text = nul }},
		{Opinion, sHan, rHand, "text", func(r *Request) { r.Text = nul }},
		{Rate, sClo, minsheng.RoleCitizen, "note", func(r *Request) { r.Note = nul }},
	}
	for _, tc := range tests {
		t.Run(string(tc.act), func(t *testing.T) {
			c := caseIn(tc.from)
			prepare(tc.act, c)
			req, env := validReq(tc.act, c)
			tc.edit(&req)
			before := cloneCase(c)
			_, err := Apply(c, actorFor(tc.act, tc.role, c), req, env)
			wantErr(t, err, minsheng.EINVALID, tc.field)
			if !reflect.DeepEqual(c, before) {
				t.Errorf("case changed on error")
			}
		})
	}
}

// TestNewPayloadChecks covers the bounds and lookups added with the new rules.
func TestNewPayloadChecks(t *testing.T) {
	year9999 := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		act   Action
		from  minsheng.Status
		role  minsheng.Role
		edit  func(r *Request, env *Env)
		field string
	}{
		{"due_at in 59 minutes", Dispatch, sPD, rDisp, func(r *Request, _ *Env) { r.DueAt = ptr(now.Add(59 * time.Minute)) }, "due_at"},
		{"due_at in year 9999", Dispatch, sPD, rDisp, func(r *Request, _ *Env) { r.DueAt = &year9999 }, "due_at"},
		{"due_at a year and two days ahead", Dispatch, sPD, rDisp, func(r *Request, _ *Env) { r.DueAt = ptr(now.AddDate(1, 0, 2)) }, "due_at"},
		{"co_org_ids twice", Dispatch, sPD, rDisp, func(r *Request, env *Env) {
			r.CoOrgIDs, env.CoOrgs = []int64{3, 3}, []*minsheng.Org{orgDept3, orgDept3}
		}, "co_org_ids"},
		{"unknown article", Answer, sPD, rAgent, func(r *Request, env *Env) { r.ArticleID, env.Article = 77, nil }, "article_id"},
		{"disabled article", Answer, sPD, rAgent, func(r *Request, env *Env) {
			r.ArticleID, env.Article = 77, &minsheng.Article{ID: 77, Body: "旧政策", Disabled: true}
		}, "article_id"},
		{"answer with neither content nor article", Answer, sPD, rAgent, func(r *Request, _ *Env) { r.Content = "" }, "content"},
		{"reroute without reason", Reroute, sHan, rDisp, func(r *Request, _ *Env) { r.Reason = "" }, "reason"},
		{"reroute to the same body", Reroute, sHan, rDisp, func(r *Request, env *Env) { r.OrgID, env.Target = 2, orgDept }, "org_id"},
		{"reroute a service case to the media", Reroute, sHan, rDisp, func(r *Request, env *Env) { r.OrgID, env.Target = 4, orgMedia }, "org_id"},
		{"reroute to an unknown body", Reroute, sDis, rDisp, func(r *Request, env *Env) { r.OrgID, env.Target = 99, nil }, "org_id"},
		{"request_pause without reason", RequestPause, sHan, rHand, func(r *Request, _ *Env) { r.Reason = " " }, "reason"},
		{"decide_pause without approve", DecidePause, sDis, rDisp, func(r *Request, _ *Env) { r.Approve = nil }, "approve"},
		{"opinion without text", Opinion, sHan, rHand, func(r *Request, _ *Env) { r.Text = "" }, "text"},
		{"note too long", Accept, sDis, rHand, func(r *Request, _ *Env) { r.Note = strings.Repeat("字", MaxNote+1) }, "note"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := caseIn(tc.from)
			prepare(tc.act, c)
			req, env := validReq(tc.act, c)
			tc.edit(&req, &env)
			before := cloneCase(c)
			_, err := Apply(c, actorFor(tc.act, tc.role, c), req, env)
			wantErr(t, err, minsheng.EINVALID, tc.field)
			if !reflect.DeepEqual(c, before) {
				t.Errorf("case changed on error")
			}
		})
	}
}
