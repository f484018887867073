package lifecycle

import (
	"reflect"
	"testing"

	"minsheng"
)

// scopedActions are the actions a unit user may only take on cases inside
// their organisation subtree, with a state and a unit role that may take them.
var scopedActions = []struct {
	act  Action
	from minsheng.Status
	role minsheng.Role
}{
	{Accept, sDis, rHand},
	{Subdispatch, sHan, rHand},
	{Return, sHan, rHand},
	{Return, sHan, rInsp},
	{RequestExtension, sHan, rHand},
	{Reply, sHan, rHand},
	{Reply, sHan, rInsp},
	{LeadApprove, sPL, rLead},
	{RequestPause, sHan, rHand},
	{Resume, sPau, rHand},
	{Comment, sHan, rHand},
	{Comment, sClo, rLead},
	{Comment, sPD, rField},
	{Comment, sHan, rInsp},
}

// TestOtherOrganisationIsNotFound: a unit user of another organisation gets
// ENOTFOUND, in every state of the action, and the case is not touched.
func TestOtherOrganisationIsNotFound(t *testing.T) {
	for _, other := range []*minsheng.Org{orgDept3, orgSub, orgStreet, orgDept25, orgMedia} {
		for _, tc := range scopedActions {
			t.Run(string(tc.act)+"/"+string(tc.role)+"/"+other.Path, func(t *testing.T) {
				c := caseIn(tc.from)
				prepare(tc.act, c)
				a := actorAt(tc.role, other)
				req, env := validReq(tc.act, c)
				before := cloneCase(c)
				if Allowed(c, a, tc.act) {
					t.Errorf("Allowed = true for an actor of %s on a case at %q", other.Path, c.OrgPath)
				}
				_, err := Apply(c, a, req, env)
				wantErr(t, err, minsheng.ENOTFOUND, "")
				if !reflect.DeepEqual(c, before) {
					t.Errorf("case changed on error")
				}
			})
		}
	}
}

// TestScopeIsCheckedBeforeState: outside scope, a wrong state still gives
// ENOTFOUND so that the case's state is not revealed.
func TestScopeIsCheckedBeforeState(t *testing.T) {
	c := caseIn(sClo)
	_, err := Apply(c, actorAt(rHand, orgDept3), Request{Action: Accept}, baseEnv())
	wantErr(t, err, minsheng.ENOTFOUND, "")
}

// TestInScopeTable covers the organisation subtree, co-handlers, the creator
// and the hotline-wide roles.
func TestInScopeTable(t *testing.T) {
	atSub := caseIn(sHan)
	atSub.OrgID, atSub.OrgPath, atSub.OrgChain = orgSub.ID, orgSub.Path, []int64{2, 5}
	atStreet := caseIn(sHan)
	atStreet.OrgID, atStreet.OrgPath, atStreet.OrgChain = orgStreet.ID, orgStreet.Path, []int64{2, 9}
	coHandled := caseIn(sHan)
	coHandled.CoOrgIDs = []int64{orgDept3.ID}
	at25 := caseIn(sHan)
	at25.OrgID, at25.OrgPath, at25.OrgChain = orgDept25.ID, orgDept25.Path, []int64{25}
	noOrg := caseIn(sPD)
	noCreator := caseIn(sPD)
	noCreator.CreatedBy = 0
	creator := actorAt(rField, orgStreet)
	creator.UserID = creatorID
	otherField := actorAt(rField, orgStreet)
	noPath := actorAt(rHand, orgDept)
	noPath.OrgPath = ""
	anonymous := minsheng.Actor{Role: rHand, OrgID: 3, OrgPath: "/1/3/"}

	tests := []struct {
		name string
		c    *minsheng.Case
		a    minsheng.Actor
		want bool
	}{
		{"same org", caseIn(sHan), actorAt(rHand, orgDept), true},
		{"parent org sees sub-unit case", atSub, actorAt(rHand, orgDept), true},
		{"grandparent org sees street-level case", atStreet, actorAt(rLead, orgDept), true},
		{"street does not see district's case", atSub, actorAt(rHand, orgStreet), false},
		{"sub-unit does not see parent's case", caseIn(sHan), actorAt(rHand, orgSub), false},
		{"sibling department", caseIn(sHan), actorAt(rHand, orgDept3), false},
		{"/1/25/ is not inside /1/2/", at25, actorAt(rHand, orgDept), false},
		{"/1/2/ is not inside /1/25/", caseIn(sHan), actorAt(rHand, orgDept25), false},
		{"co-handling organisation", coHandled, actorAt(rHand, orgDept3), true},
		{"co-handler list of another case", caseIn(sHan), actorAt(rHand, orgDept3), false},
		{"creator field worker", noOrg, creator, true},
		{"creator field worker, case dispatched elsewhere", caseIn(sHan), creator, true},
		{"other field worker", noOrg, otherField, false},
		{"unit user, case without organisation", noOrg, actorAt(rHand, orgDept), false},
		{"no creator recorded and actor without id", noCreator, anonymous, false},
		{"actor without organisation path", caseIn(sHan), noPath, false},
		{"inspector outside", caseIn(sHan), actorAt(rInsp, orgDiscipline), false},
		{"inspector at the discipline body", func() *minsheng.Case {
			c := caseIn(sRef)
			c.Track, c.OrgID, c.OrgPath, c.OrgChain = minsheng.TrackDiscipline, 8, "/1/8/", []int64{8}
			return c
		}(), actorAt(rInsp, orgDiscipline), true},
	}
	for _, r := range minsheng.Roles {
		if !r.HotlineWide() {
			continue
		}
		a := actorAt(r, orgHotline)
		tests = append(tests,
			struct {
				name string
				c    *minsheng.Case
				a    minsheng.Actor
				want bool
			}{"hotline-wide " + string(r), at25, a, true},
			struct {
				name string
				c    *minsheng.Case
				a    minsheng.Actor
				want bool
			}{"hotline-wide without org " + string(r), noOrg, minsheng.Actor{UserID: 1, Role: r}, true})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := InScope(tc.c, tc.a); got != tc.want {
				t.Errorf("InScope(case at %q co %v by %d, actor %d at %q) = %v, want %v",
					tc.c.OrgPath, tc.c.CoOrgIDs, tc.c.CreatedBy, tc.a.UserID, tc.a.OrgPath, got, tc.want)
			}
		})
	}
}

// TestScopeThroughApply: the cases InScope accepts actually work end to end.
func TestScopeThroughApply(t *testing.T) {
	t.Run("parent org accepts at sub-unit", func(t *testing.T) {
		c := caseIn(sDis)
		c.OrgID, c.OrgPath, c.OrgChain = orgSub.ID, orgSub.Path, []int64{2, 5}
		if _, err := Apply(c, actorAt(rHand, orgDept), Request{Action: Accept}, baseEnv()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("co-handler comments", func(t *testing.T) {
		c := caseIn(sHan)
		c.CoOrgIDs = []int64{orgDept3.ID}
		if _, err := Apply(c, actorAt(rHand, orgDept3), Request{Action: Comment, Text: "已配合"}, baseEnv()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("creator comments on a dispatched case", func(t *testing.T) {
		c := caseIn(sDis)
		a := actorAt(rField, orgStreet)
		a.UserID = creatorID
		if _, err := Apply(c, a, Request{Action: Comment, Text: "市民又来反映"}, baseEnv()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("hotline-wide roles act on any organisation's case", func(t *testing.T) {
		for _, r := range []minsheng.Role{rDisp, rAgent, rSup, rRev, rVis} {
			c := caseIn(sHan)
			c.OrgID, c.OrgPath, c.OrgChain = orgDept25.ID, orgDept25.Path, []int64{25}
			a := actorAt(r, orgHotline)
			a.OrgPath = "" // even without an organisation path
			if _, err := Apply(c, a, Request{Action: Comment, Text: "跟进"}, baseEnv()); err != nil {
				t.Errorf("%s: %v", r, err)
			}
		}
		c := caseIn(sHan)
		c.OrgPath = "/1/25/"
		if _, err := Apply(c, actorAt(rDisp, orgHotline), Request{Action: Pause, Reason: "等待鉴定"}, baseEnv()); err != nil {
			t.Errorf("dispatcher pause: %v", err)
		}
	})
}
