package lifecycle

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"minsheng"
)

// The fixture: a small organisation tree, deterministic Env funcs, and cases
// built directly in the state a test needs.

var cst = time.FixedZone("CST", 8*3600)

// now is the fixed "current time" of every test.
var now = time.Date(2024, 3, 5, 10, 0, 0, 0, cst)

var (
	orgHotline    = &minsheng.Org{ID: 1, Name: "12345热线办", Kind: minsheng.OrgHotline, Path: "/1/"}
	orgDept       = &minsheng.Org{ID: 2, ParentID: 1, Name: "市住建局", Kind: minsheng.OrgDepartment, Path: "/1/2/"}
	orgDept3      = &minsheng.Org{ID: 3, ParentID: 1, Name: "市城管局", Kind: minsheng.OrgDepartment, Path: "/1/3/"}
	orgMedia      = &minsheng.Org{ID: 4, ParentID: 1, Name: "行风在线", Kind: minsheng.OrgMedia, Path: "/1/4/"}
	orgSub        = &minsheng.Org{ID: 5, ParentID: 2, Name: "市南区住建", Kind: minsheng.OrgDistrict, Path: "/1/2/5/"}
	orgPetition   = &minsheng.Org{ID: 6, ParentID: 1, Name: "市信访局", Kind: minsheng.OrgPetition, Path: "/1/6/"}
	orgDisabled   = &minsheng.Org{ID: 7, ParentID: 1, Name: "已撤销单位", Kind: minsheng.OrgDepartment, Path: "/1/7/", Disabled: true}
	orgDiscipline = &minsheng.Org{ID: 8, ParentID: 1, Name: "市纪委监委", Kind: minsheng.OrgDiscipline, Path: "/1/8/"}
	orgStreet     = &minsheng.Org{ID: 9, ParentID: 5, Name: "八大关街道", Kind: minsheng.OrgStreet, Path: "/1/2/5/9/"}
	orgDept25     = &minsheng.Org{ID: 25, ParentID: 1, Name: "市水务局", Kind: minsheng.OrgDepartment, Path: "/1/25/"}
	orgMedia2     = &minsheng.Org{ID: 10, ParentID: 1, Name: "民生直通车", Kind: minsheng.OrgMedia, Path: "/1/10/"}
	orgLeadDept   = &minsheng.Org{ID: 2, ParentID: 1, Name: "市住建局", Kind: minsheng.OrgDepartment, Path: "/1/2/", LeadApproval: true}
)

var orgsByID = map[int64]*minsheng.Org{}

func init() {
	for _, o := range []*minsheng.Org{orgHotline, orgDept, orgDept3, orgMedia, orgSub, orgPetition,
		orgDisabled, orgDiscipline, orgStreet, orgDept25, orgMedia2} {
		orgsByID[o.ID] = o
	}
}

// creatorID is the user who took the request in (a field worker).
const creatorID = 900

func baseEnv() Env {
	return Env{
		Now:      now,
		Deadline: func(_ *minsheng.Case, from time.Time) time.Time { return from.Add(72 * time.Hour) },
		Extend:   func(due time.Time, days int) time.Time { return due.Add(time.Duration(days) * 24 * time.Hour) },
		Shift:    func(due, from, to time.Time) time.Time { return due.Add(to.Sub(from)) },
		VisitDue: func(from time.Time) time.Time { return from.Add(visitHours * time.Hour) },
	}
}

// visitHours is the fixture's return-visit time limit.
const visitHours = 30

// actorAt returns a user of the given role working in org o.
func actorAt(r minsheng.Role, o *minsheng.Org) minsheng.Actor {
	return minsheng.Actor{UserID: 500 + int64(slices.Index(minsheng.Roles, r)), Name: "测试" + string(r),
		Role: r, OrgID: o.ID, OrgPath: o.Path}
}

// inScope returns an actor of the role that may see c: hotline-wide roles sit
// in the hotline office, unit roles in the case's organisation, and for a case
// without organisation the unit user is its creator.
func inScope(r minsheng.Role, c *minsheng.Case) minsheng.Actor {
	if r.HotlineWide() {
		return actorAt(r, orgHotline)
	}
	if o, ok := orgsByID[c.OrgID]; ok {
		return actorAt(r, o)
	}
	a := actorAt(r, orgStreet)
	a.UserID = c.CreatedBy
	return a
}

// actorFor is inScope, except that an opinion comes from a co-handling unit
// (orgDept3, which prepare adds to the case's co-handlers).
func actorFor(act Action, r minsheng.Role, c *minsheng.Case) minsheng.Actor {
	if r == minsheng.RoleCitizen {
		return citizen
	}
	if act == Opinion && !r.HotlineWide() && r != minsheng.RoleFieldWorker {
		return actorAt(r, orgDept3)
	}
	return inScope(r, c)
}

// citizen is the person who made the request, on the portal: no account.
var citizen = minsheng.Actor{Name: "市民（网站）", Role: minsheng.RoleCitizen}

func ptr[T any](v T) *T { return &v }

// caseIn builds a case in the given state with the fields that state needs.
func caseIn(s minsheng.Status) *minsheng.Case {
	c := &minsheng.Case{
		ID: 100, Number: "MS20240305000100", TrackingCode: "K7Q2M9", Channel: "phone",
		Citizen: minsheng.Citizen{Name: "李四光", Phone: "13912345678"},
		Title:   "小区供暖不热", Content: "小区暖气温度只有十五度，已持续一周。",
		Urgency: minsheng.UrgencyNormal, WantsReply: true, Status: s, Track: minsheng.TrackService,
		CreatedBy: creatorID, CreatedAt: now.Add(-48 * time.Hour), UpdatedAt: now.Add(-time.Hour), Version: 4,
	}
	if s == minsheng.StatusPendingDispatch || s == minsheng.StatusMerged {
		if s == minsheng.StatusMerged {
			c.MergedInto = 200
		}
		return c
	}
	c.OrgID, c.OrgPath, c.OrgChain = orgDept.ID, orgDept.Path, []int64{orgDept.ID}
	c.DueAt = now.Add(24 * time.Hour)
	replied := now.Add(-2 * time.Hour)
	switch s {
	case minsheng.StatusPendingLead, minsheng.StatusPendingReview, minsheng.StatusPendingVisit:
		c.Reply, c.Outcome, c.RepliedAt = "已联系供热公司排查管网并恢复供暖。", minsheng.OutcomeSolved, &replied
	case minsheng.StatusPaused:
		c.PausedAt, c.PausedFrom = ptr(now.Add(-24*time.Hour)), minsheng.StatusHandling
	case minsheng.StatusClosed:
		c.Reply, c.Outcome, c.RepliedAt = "已联系供热公司排查管网并恢复供暖。", minsheng.OutcomeSolved, &replied
		c.Solved, c.Satisfaction, c.VisitTries = ptr(true), minsheng.Satisfied, 1
		c.ClosedAt = ptr(now.Add(-time.Hour))
	case minsheng.StatusReferred:
		c.Track = minsheng.TrackMedia
		c.OrgID, c.OrgPath, c.OrgChain = orgMedia.ID, orgMedia.Path, []int64{orgMedia.ID}
	}
	return c
}

// masterCase is a valid merge target.
func masterCase() *minsheng.Case {
	m := caseIn(minsheng.StatusHandling)
	m.ID, m.Number = 200, "MS20240301000200"
	return m
}

// cloneCase is a deep copy, so that a comparison also catches changes made
// through shared slices or pointers.
func cloneCase(c *minsheng.Case) *minsheng.Case {
	d := *c
	d.CoOrgIDs = slices.Clone(c.CoOrgIDs)
	d.OrgChain = slices.Clone(c.OrgChain)
	for _, p := range []**time.Time{&d.PausedAt, &d.RepliedAt, &d.ClosedAt} {
		if *p != nil {
			*p = ptr(**p)
		}
	}
	for _, p := range []**float64{&d.Lat, &d.Lng} {
		if *p != nil {
			*p = ptr(**p)
		}
	}
	if d.Solved != nil {
		d.Solved = ptr(*d.Solved)
	}
	return &d
}

// validReq returns a request and env that are valid for the action on c
// (whatever c's state), so that only the state decides the outcome.
func validReq(act Action, c *minsheng.Case) (Request, Env) {
	env := baseEnv()
	env.CaseOrg = orgsByID[c.OrgID]
	r := Request{Action: act}
	switch act {
	case Answer:
		r.Content = "可在市民中心二楼窗口办理，工作日九点至五点。"
	case Reroute:
		r.OrgID, r.Reason, env.Target = orgDept3.ID, "职责清单显示该事项属城管局", orgDept3
		if c.Track == minsheng.TrackMedia {
			r.OrgID, env.Target = orgMedia2.ID, orgMedia2
		}
	case Triage:
		r.Track = minsheng.TrackMedia
	case Dispatch:
		r.OrgID, env.Target = orgDept.ID, orgDept
	case Subdispatch:
		r.OrgID, env.Target = orgSub.ID, orgSub
	case Return:
		r.Reason = "该事项属于供热公司职责，非本单位受理范围"
	case RequestExtension:
		r.Days, r.Reason = 5, "需协调多部门现场勘查，时间不足"
	case DecideExtension:
		r.Approve = ptr(true)
	case Reply:
		r.Content, r.Outcome = "已现场处理，暖气恢复正常。", minsheng.OutcomeSolved
	case Review:
		r.Approve = ptr(true)
	case Visit:
		r.Reached, r.Solved, r.Satisfaction = ptr(true), ptr(true), minsheng.Satisfied
	case Pause, RequestPause:
		r.Reason = "等待市民补充材料"
	case DecidePause:
		r.Approve = ptr(true)
	case Opinion:
		r.Text = "我局已核实排水管网权属，属市政管养范围。"
	case Reopen:
		r.Reason = "市民来电反映问题再次出现"
	case Merge:
		r.Into, env.Master = 200, masterCase()
	case Supervise:
		r.Level = 2
	case ReferClue:
		r.OrgID, r.Reason, env.Target = orgDiscipline.ID, "承办人多次推诿，电话中态度恶劣", orgDiscipline
	case Arbitrate:
		r.OrgID, r.Reason, env.Target = orgDept25.ID, "职责清单规定由该局负责", orgDept25
	case CampaignAnswer:
		r.Content, r.Outcome = "专题整治已完成，全部路段路灯已修复。", minsheng.OutcomeSolved
	case LeaderAssign:
		r.Note = "请住建局三日内拿出方案并答复市民"
	case Comment:
		r.Text = "已电话联系物业"
	case Rate:
		r.Solved, r.Satisfaction, r.Note = ptr(false), minsheng.Dissatisfied, "暖气还是不热"
	}
	return r, env
}

// prepare adjusts c so that the action's preconditions beyond the state hold.
func prepare(act Action, c *minsheng.Case) {
	switch act {
	case DecideExtension:
		c.ExtDays = 3
	case DecidePause:
		c.PauseRequested = true
	case Opinion:
		c.CoOrgIDs = append(c.CoOrgIDs, orgDept3.ID)
	case CampaignAnswer:
		c.CampaignID = 9
	case Arbitrate:
		c.DisputeOrgID = orgDept.ID
	}
}

// domainErr asserts err is a *minsheng.Error and returns it.
func domainErr(t *testing.T, err error) *minsheng.Error {
	t.Helper()
	var e *minsheng.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *minsheng.Error", err, err)
	}
	return e
}

// wantErr asserts the error code (and the field, when field is not "-").
func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Apply succeeded, want %s", code)
	}
	e := domainErr(t, err)
	if e.Code != code {
		t.Fatalf("code = %s (%v), want %s", e.Code, err, code)
	}
	if field != "-" && e.Field != field {
		t.Fatalf("field = %q (%v), want %q", e.Field, err, field)
	}
}

// payloadOf decodes an event payload into a map.
func payloadOf(t *testing.T, ev minsheng.Event) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(ev.Payload, &m); err != nil {
		t.Fatalf("payload %s is not a JSON object: %v", ev.Payload, err)
	}
	return m
}
