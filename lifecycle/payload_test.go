package lifecycle

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"minsheng"
)

// TestPayloadValidation: a bad payload gives the right error code and field,
// and leaves the case exactly as it was.
func TestPayloadValidation(t *testing.T) {
	mergedMaster := masterCase()
	mergedMaster.Status, mergedMaster.MergedInto = sMer, 300
	self := caseIn(sHan)

	tests := []struct {
		name  string
		from  minsheng.Status
		role  minsheng.Role
		act   Action
		prep  func(c *minsheng.Case)
		edit  func(r *Request, env *Env)
		code  string
		field string
	}{
		// return
		{"return without reason", sHan, rHand, Return, nil,
			func(r *Request, _ *Env) { r.Reason = "" }, minsheng.EINVALID, "reason"},
		{"return with blank reason", sHan, rHand, Return, nil,
			func(r *Request, _ *Env) { r.Reason = "  \t\n " }, minsheng.EINVALID, "reason"},
		{"return with too short reason", sDis, rHand, Return, nil,
			func(r *Request, _ *Env) { r.Reason = "不归我" }, minsheng.EINVALID, "reason"},
		{"return with padded 4-rune reason", sDis, rHand, Return, nil,
			func(r *Request, _ *Env) { r.Reason = "   不归我管   " }, minsheng.EINVALID, "reason"},
		{"return with too long reason", sHan, rHand, Return, nil,
			func(r *Request, _ *Env) { r.Reason = strings.Repeat("长", 1001) }, minsheng.EINVALID, "reason"},
		// reply
		{"reply without content", sHan, rHand, Reply, nil,
			func(r *Request, _ *Env) { r.Content = "" }, minsheng.EINVALID, "content"},
		{"reply with bad outcome", sHan, rHand, Reply, nil,
			func(r *Request, _ *Env) { r.Outcome = "done" }, minsheng.EINVALID, "outcome"},
		{"reply without outcome", sRef, rHand, Reply, nil,
			func(r *Request, _ *Env) { r.Outcome = "" }, minsheng.EINVALID, "outcome"},
		// review
		{"review without approve", sPR, rRev, Review, nil,
			func(r *Request, _ *Env) { r.Approve = nil }, minsheng.EINVALID, "approve"},
		{"send back without comment", sPR, rRev, Review, nil,
			func(r *Request, _ *Env) { r.Approve, r.Comment = ptr(false), "" }, minsheng.EINVALID, "comment"},
		{"send back with one-rune comment", sPR, rRev, Review, nil,
			func(r *Request, _ *Env) { r.Approve, r.Comment = ptr(false), "差" }, minsheng.EINVALID, "comment"},
		{"lead rejects without comment", sPL, rLead, LeadApprove, nil,
			func(r *Request, _ *Env) { r.Approve = ptr(false) }, minsheng.EINVALID, "comment"},
		// visit
		{"visit without reached", sPV, rVis, Visit, nil,
			func(r *Request, _ *Env) { r.Reached = nil }, minsheng.EINVALID, "reached"},
		{"reached without solved", sPV, rVis, Visit, nil,
			func(r *Request, _ *Env) { r.Solved = nil }, minsheng.EINVALID, "solved"},
		{"reached without satisfaction", sPV, rVis, Visit, nil,
			func(r *Request, _ *Env) { r.Satisfaction = "" }, minsheng.EINVALID, "satisfaction"},
		{"reached with unknown satisfaction", sPV, rVis, Visit, nil,
			func(r *Request, _ *Env) { r.Satisfaction = "happy" }, minsheng.EINVALID, "satisfaction"},
		// rate (the citizen's own rating)
		{"rating without solved", sClo, minsheng.RoleCitizen, Rate, nil,
			func(r *Request, _ *Env) { r.Solved = nil }, minsheng.EINVALID, "solved"},
		{"rating without satisfaction", sClo, minsheng.RoleCitizen, Rate, nil,
			func(r *Request, _ *Env) { r.Satisfaction = "" }, minsheng.EINVALID, "satisfaction"},
		{"rating with unknown satisfaction", sClo, minsheng.RoleCitizen, Rate, nil,
			func(r *Request, _ *Env) { r.Satisfaction = "happy" }, minsheng.EINVALID, "satisfaction"},
		{"rating with too long note", sClo, minsheng.RoleCitizen, Rate, nil,
			func(r *Request, _ *Env) { r.Note = strings.Repeat("长", MaxNote+1) }, minsheng.EINVALID, "note"},
		// supervise
		{"supervise level 0", sHan, rSup, Supervise, nil,
			func(r *Request, _ *Env) { r.Level = 0 }, minsheng.EINVALID, "level"},
		{"supervise level 4", sHan, rSup, Supervise, nil,
			func(r *Request, _ *Env) { r.Level = 4 }, minsheng.EINVALID, "level"},
		{"supervise level -1", sPV, rSup, Supervise, nil,
			func(r *Request, _ *Env) { r.Level = -1 }, minsheng.EINVALID, "level"},
		// merge
		{"merge into itself", sHan, rDisp, Merge, nil,
			func(r *Request, env *Env) { r.Into, env.Master = self.ID, cloneCase(self) }, minsheng.EINVALID, "into"},
		{"merge into a merged case", sPD, rDisp, Merge, nil,
			func(r *Request, env *Env) { env.Master = mergedMaster }, minsheng.EINVALID, "into"},
		{"merge without into", sPD, rDisp, Merge, nil,
			func(r *Request, env *Env) { r.Into = 0 }, minsheng.EINVALID, "into"},
		{"merge into an unknown case", sDis, rDisp, Merge, nil,
			func(r *Request, env *Env) { env.Master = nil }, minsheng.EINVALID, "into"},
		// dispatch
		{"dispatch to the hotline office", sPD, rDisp, Dispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 1, orgHotline }, minsheng.EINVALID, "org_id"},
		{"dispatch to a disabled organisation", sPD, rDisp, Dispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 7, orgDisabled }, minsheng.EINVALID, "org_id"},
		{"dispatch to an unknown organisation", sPD, rSup, Dispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 99, nil }, minsheng.EINVALID, "org_id"},
		{"dispatch without org_id", sPD, rDisp, Dispatch, nil,
			func(r *Request, env *Env) { r.OrgID = 0 }, minsheng.EINVALID, "org_id"},
		{"dispatch with due_at in the past", sPD, rDisp, Dispatch, nil,
			func(r *Request, _ *Env) { r.DueAt = ptr(now.Add(-time.Minute)) }, minsheng.EINVALID, "due_at"},
		{"dispatch with due_at now", sPD, rDisp, Dispatch, nil,
			func(r *Request, _ *Env) { r.DueAt = ptr(now) }, minsheng.EINVALID, "due_at"},
		{"dispatch a petition case to a department", sPD, rDisp, Dispatch,
			func(c *minsheng.Case) { c.Track = minsheng.TrackPetition }, nil, minsheng.EINVALID, "org_id"},
		{"dispatch a media case to the petition bureau", sPD, rDisp, Dispatch,
			func(c *minsheng.Case) { c.Track = minsheng.TrackMedia },
			func(r *Request, env *Env) { r.OrgID, env.Target = 6, orgPetition }, minsheng.EINVALID, "org_id"},
		{"dispatch with the target as co-handler", sPD, rDisp, Dispatch, nil,
			func(r *Request, env *Env) { r.CoOrgIDs, env.CoOrgs = []int64{2}, []*minsheng.Org{orgDept} },
			minsheng.EINVALID, "co_org_ids"},
		{"dispatch with a media co-handler", sPD, rDisp, Dispatch, nil,
			func(r *Request, env *Env) { r.CoOrgIDs, env.CoOrgs = []int64{4}, []*minsheng.Org{orgMedia} },
			minsheng.EINVALID, "co_org_ids"},
		{"dispatch with a disabled co-handler", sPD, rDisp, Dispatch, nil,
			func(r *Request, env *Env) { r.CoOrgIDs, env.CoOrgs = []int64{7}, []*minsheng.Org{orgDisabled} },
			minsheng.EINVALID, "co_org_ids"},
		{"dispatch with an unknown co-handler", sPD, rDisp, Dispatch, nil,
			func(r *Request, _ *Env) { r.CoOrgIDs = []int64{99} }, minsheng.EINVALID, "co_org_ids"},
		// subdispatch
		{"subdispatch to a sibling department", sHan, rHand, Subdispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 3, orgDept3 }, minsheng.EINVALID, "org_id"},
		{"subdispatch to the parent", sHan, rHand, Subdispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 1, orgHotline }, minsheng.EINVALID, "org_id"},
		{"subdispatch to itself", sDis, rHand, Subdispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 2, orgDept }, minsheng.EINVALID, "org_id"},
		{"subdispatch to a path-prefix lookalike", sHan, rHand, Subdispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 25, orgDept25 }, minsheng.EINVALID, "org_id"},
		{"subdispatch to an unknown unit", sHan, rLead, Subdispatch, nil,
			func(r *Request, env *Env) { r.OrgID, env.Target = 55, nil }, minsheng.EINVALID, "org_id"},
		{"subdispatch without org_id", sHan, rHand, Subdispatch, nil,
			func(r *Request, _ *Env) { r.OrgID = 0 }, minsheng.EINVALID, "org_id"},
		{"subdispatch to a disabled sub-unit", sHan, rHand, Subdispatch, nil,
			func(r *Request, env *Env) {
				d := *orgSub
				d.Disabled = true
				env.Target = &d
			}, minsheng.EINVALID, "org_id"},
		// extensions
		{"request_extension 0 days", sHan, rHand, RequestExtension, nil,
			func(r *Request, _ *Env) { r.Days = 0 }, minsheng.EINVALID, "days"},
		{"request_extension 31 days", sDis, rHand, RequestExtension, nil,
			func(r *Request, _ *Env) { r.Days = 31 }, minsheng.EINVALID, "days"},
		{"request_extension without reason", sHan, rHand, RequestExtension, nil,
			func(r *Request, _ *Env) { r.Reason = "" }, minsheng.EINVALID, "reason"},
		{"second extension request while one is pending", sHan, rLead, RequestExtension,
			func(c *minsheng.Case) { c.ExtDays = 2 }, nil, minsheng.ECONFLICT, ""},
		{"decide_extension with nothing pending", sHan, rDisp, DecideExtension,
			func(c *minsheng.Case) { c.ExtDays = 0 }, nil, minsheng.ECONFLICT, ""},
		{"decide_extension without approve", sPau, rSup, DecideExtension, nil,
			func(r *Request, _ *Env) { r.Approve = nil }, minsheng.EINVALID, "approve"},
		// the rest
		{"triage with bad track", sPD, rDisp, Triage, nil,
			func(r *Request, _ *Env) { r.Track = "complaint" }, minsheng.EINVALID, "track"},
		{"triage without track", sPD, rDisp, Triage, nil,
			func(r *Request, _ *Env) { r.Track = "" }, minsheng.EINVALID, "track"},
		{"answer without content", sPD, rAgent, Answer, nil,
			func(r *Request, _ *Env) { r.Content = " " }, minsheng.EINVALID, "content"},
		{"pause without reason", sHan, rDisp, Pause, nil,
			func(r *Request, _ *Env) { r.Reason = "" }, minsheng.EINVALID, "reason"},
		{"reopen without reason", sClo, rAgent, Reopen, nil,
			func(r *Request, _ *Env) { r.Reason = "" }, minsheng.EINVALID, "reason"},
		{"comment without text", sClo, rField, Comment, nil,
			func(r *Request, _ *Env) { r.Text = "\n" }, minsheng.EINVALID, "text"},
		{"comment too long", sHan, rHand, Comment, nil,
			func(r *Request, _ *Env) { r.Text = strings.Repeat("字", 2001) }, minsheng.EINVALID, "text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !Known(tc.act) {
				t.Fatalf("unknown action %s", tc.act)
			}
			if _, ok := wantTo[tc.act][tc.from]; !ok {
				t.Fatalf("bad test: %s is not allowed from %s", tc.act, tc.from)
			}
			c := caseIn(tc.from)
			prepare(tc.act, c)
			if tc.prep != nil {
				tc.prep(c)
			}
			a := inScope(tc.role, c)
			req, env := validReq(tc.act, c)
			if tc.edit != nil {
				tc.edit(&req, &env)
			}
			before := cloneCase(c)
			ev, err := Apply(c, a, req, env)
			wantErr(t, err, tc.code, tc.field)
			if !reflect.DeepEqual(c, before) {
				t.Errorf("case changed on error:\n got %+v\nwant %+v", c, before)
			}
			if !reflect.DeepEqual(ev, minsheng.Event{}) {
				t.Errorf("event on error = %+v, want zero", ev)
			}
		})
	}
}

// TestPayloadBoundaries: the limits themselves are accepted.
func TestPayloadBoundaries(t *testing.T) {
	tests := []struct {
		name string
		from minsheng.Status
		role minsheng.Role
		act  Action
		edit func(r *Request, env *Env)
	}{
		{"5-rune return reason", sHan, rHand, Return, func(r *Request, _ *Env) { r.Reason = " 不归我管辖 " }},
		{"1000-rune return reason", sHan, rHand, Return, func(r *Request, _ *Env) { r.Reason = strings.Repeat("长", 1000) }},
		{"extension 1 day", sHan, rHand, RequestExtension, func(r *Request, _ *Env) { r.Days = 1 }},
		{"extension 30 days", sHan, rHand, RequestExtension, func(r *Request, _ *Env) { r.Days = 30 }},
		{"supervise level 1", sHan, rSup, Supervise, func(r *Request, _ *Env) { r.Level = 1 }},
		{"supervise level 3", sHan, rSup, Supervise, func(r *Request, _ *Env) { r.Level = 3 }},
		{"unreached visit needs nothing else", sPV, rVis, Visit, func(r *Request, _ *Env) {
			r.Reached, r.Solved, r.Satisfaction = ptr(false), nil, ""
		}},
		{"unsolved but satisfied", sPV, rVis, Visit, func(r *Request, _ *Env) { r.Solved = ptr(false) }},
		{"approve without comment", sPR, rRev, Review, func(r *Request, _ *Env) { r.Comment = "" }},
		{"dispatch due an hour ahead", sPD, rDisp, Dispatch, func(r *Request, _ *Env) { r.DueAt = ptr(now.Add(time.Hour)) }},
		{"dispatch due a year ahead", sPD, rDisp, Dispatch, func(r *Request, _ *Env) { r.DueAt = ptr(now.AddDate(1, 0, 0)) }},
		{"dispatch with a co-handler", sPD, rDisp, Dispatch, func(r *Request, env *Env) {
			r.CoOrgIDs, env.CoOrgs = []int64{3}, []*minsheng.Org{orgDept3}
		}},
		{"subdispatch two levels down", sHan, rHand, Subdispatch, func(r *Request, env *Env) { r.OrgID, env.Target = 9, orgStreet }},
		{"triage to discipline", sPD, rDisp, Triage, func(r *Request, _ *Env) { r.Track = minsheng.TrackDiscipline }},
		{"merge into a closed master", sHan, rDisp, Merge, func(_ *Request, env *Env) { env.Master.Status = sClo }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := caseIn(tc.from)
			req, env := validReq(tc.act, c)
			tc.edit(&req, &env)
			if _, err := Apply(c, inScope(tc.role, c), req, env); err != nil {
				t.Fatalf("Apply: %v", err)
			}
		})
	}
}
