package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/service"
)

// casePage is everything about one case, with a form for each action the
// user may take now. After a failed action it carries what was typed.
type casePage struct {
	Base
	D        *service.Detail
	Category string
	Timeline []timelineRow
	Actions  []actionForm
	Orgs     []orgOption
	// OrgTree is the dispatch picker's tree of units (Orgs lists the
	// suggested ones first, for the other selects).
	OrgTree []orgNode
	Tracks  []minsheng.Track
	// Done names the action that just succeeded, for the confirmation line.
	Done string
	// Problem explains why the last action failed; Open is its form, shown
	// unfolded with Typed filled back in.
	Problem string
	Open    string
	Typed   url.Values
	// FieldErrs holds the message for an input of the open form, shown
	// under it.
	FieldErrs map[string]string
	// Photos are the case's pictures (a citizen's from the portal, a field
	// worker's or a department's), oldest first.
	Photos []minsheng.Photo
	// Cats are the categories the arbitrate form offers (only when it shows).
	Cats []catRow
}

// timelineRow is one event in words: when, who (role · unit), what, why.
type timelineRow struct {
	At, Who, Role, Org, Action, Why string
}

// actionForm is one action's form: which inputs it has and whether it asks
// for a confirmation first (a return or a merge cannot be taken back).
type actionForm struct {
	Action string
	Fields []string
	Danger bool
}

// orgOption is a unit in the dispatch picker; suggested ones come first.
type orgOption struct {
	ID        int64
	Name      string
	Suggested bool
}

// actionFields lists each action's inputs, named as lifecycle.Request's
// JSON fields so one parser reads them all.
var actionFields = map[string][]string{
	"answer": {"content"}, "triage": {"track", "reason"}, "dispatch": {"org_id", "co_org_ids", "due_at", "note"},
	"accept": {"note"}, "subdispatch": {"org_id", "note"}, "return": {"reason", "not_ours"},
	"reroute": {"org_id", "co_org_ids", "reason"}, "request_extension": {"days", "reason"},
	"decide_extension": {"approve", "comment"}, "reply": {"content", "outcome"},
	"lead_approve": {"approve", "comment"}, "review": {"approve", "comment"},
	"visit": {"reached", "solved", "satisfaction", "note"}, "pause": {"reason"},
	"request_pause": {"reason"}, "decide_pause": {"approve", "comment"}, "resume": {"note"},
	"reopen": {"reason"}, "merge": {"into", "note"}, "supervise": {"level", "note"},
	"comment": {"text"}, "opinion": {"text"},
	"leader_assign": {"note"}, "campaign_answer": {"content", "outcome"}, "arbitrate": {"org_id", "category_id", "reason", "update_list"},
	"refer_clue": {"org_id", "reason"}, // supervision and escalation (issue 9)
}

// actionOrder puts the step that moves a case on first and the side
// actions (comments, merge) last, whatever order the lifecycle lists them in.
var actionOrder = []string{"dispatch", "accept", "reply", "lead_approve", "review", "visit", "answer",
	"decide_extension", "decide_pause", "subdispatch", "reroute", "triage", "request_extension",
	"request_pause", "pause", "resume", "reopen", "supervise", "leader_assign", "campaign_answer", "arbitrate", "refer_clue", "opinion", "return", "merge", "comment"}

func actionRank(a string) int {
	if i := slices.Index(actionOrder, a); i >= 0 {
		return i
	}
	return len(actionOrder)
}

// dangerous actions hand the case away or fold it into another.
var dangerous = map[string]bool{"return": true, "merge": true}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.loadCase(w, r, u)
	if err != nil {
		return err
	}
	p.Done = r.URL.Query().Get("done")
	// A queue's link may ask for one action's form to open (重新派单).
	if open := r.URL.Query().Get("open"); slices.ContainsFunc(p.Actions, func(a actionForm) bool { return a.Action == open }) {
		p.Open = open
	}
	s.render(w, r, http.StatusOK, "case", p)
	return nil
}

// loadCase gathers the case page's data through the use cases.
func (s *Server) loadCase(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*casePage, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such case")
	}
	b, err := s.staffBase(w, r, u, "")
	if err != nil {
		return nil, err
	}
	d, err := s.svc.Case(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return nil, err
	}
	b.Title = d.Number
	p := &casePage{Base: b, D: d, Category: names[d.CategoryID], Tracks: []minsheng.Track{minsheng.TrackService,
		minsheng.TrackMedia, minsheng.TrackPetition, minsheng.TrackDiscipline}}
	orgName := map[int64]string{}
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	p.Orgs = orgOptions(orgs, d)
	if p.Photos, err = s.svc.CasePhotos(r.Context(), u, id); err != nil {
		return nil, err
	}
	p.OrgTree = orgTree(orgs, notDispatchable)
	for _, e := range d.Timeline {
		p.Timeline = append(p.Timeline, timelineRow{At: b.When(e.At), Who: e.ActorName, Role: roleName(&b, e.ActorRole),
			Org: orgName[e.OrgID], Action: b.Action(e.Action), Why: why(&b, e)})
	}
	for _, a := range d.AllowedActions {
		if f, ok := actionFields[a]; ok {
			p.Actions = append(p.Actions, actionForm{Action: a, Fields: f, Danger: dangerous[a]})
		}
	}
	slices.SortStableFunc(p.Actions, func(x, y actionForm) int { return actionRank(x.Action) - actionRank(y.Action) })
	if p.Cats, err = s.arbitrateCats(r, u, p.Actions); err != nil {
		return nil, err
	}
	return p, nil
}

// roleName names the actor's role; an event without one came from a
// citizen (the portal), whose name already says so.
func roleName(b *Base, r minsheng.Role) string {
	if r == "" {
		return ""
	}
	return b.Role(r)
}

// orgOptions lists the units a case can go to, the assistant's suggestions
// first and marked, then the rest of the tree in order.
func orgOptions(orgs []*minsheng.Org, d *service.Detail) []orgOption {
	var out []orgOption
	seen := map[int64]bool{}
	byID := map[int64]*minsheng.Org{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	if d.Suggestions != nil {
		for _, sg := range d.Suggestions.Orgs {
			if o := byID[sg.ID]; o != nil && !o.Disabled && !seen[o.ID] {
				out = append(out, orgOption{ID: o.ID, Name: o.Name, Suggested: true})
				seen[o.ID] = true
			}
		}
	}
	for _, o := range orgs {
		if !o.Disabled && !seen[o.ID] && o.ParentID != 0 && o.Kind != minsheng.OrgHotline {
			out = append(out, orgOption{ID: o.ID, Name: o.Name})
		}
	}
	return out
}

// eventWhy is the part of every payload that says what was decided and
// why: whichever of these the action carries (the payloads share the names).
type eventWhy struct {
	OrgName      string                `json:"org_name"`
	Approve      *bool                 `json:"approve"`
	Reached      *bool                 `json:"reached"`
	Solved       *bool                 `json:"solved"`
	Satisfaction minsheng.Satisfaction `json:"satisfaction"`
	Outcome      minsheng.Outcome      `json:"outcome"`
	Reason       string                `json:"reason"`
	Comment      string                `json:"comment"`
	Note         string                `json:"note"`
	Text         string                `json:"text"`
}

// why puts an event's decision and reason in words: "退回 · 答复未说明…".
func why(b *Base, e minsheng.Event) string {
	var p eventWhy
	if len(e.Payload) == 0 || json.Unmarshal(e.Payload, &p) != nil {
		return ""
	}
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	add(p.OrgName)
	if p.Approve != nil {
		add(b.T(map[bool]string{true: "approve.yes", false: "approve.no"}[*p.Approve]))
	}
	if p.Reached != nil && !*p.Reached {
		add(b.T("visit.unreached"))
	}
	if p.Solved != nil {
		add(b.T(map[bool]string{true: "visit.solved", false: "visit.unsolved"}[*p.Solved]))
	}
	if p.Satisfaction != "" {
		add(b.T("satisfaction." + string(p.Satisfaction)))
	}
	if p.Outcome != "" {
		add(b.T("outcome." + string(p.Outcome)))
	}
	for _, s := range []string{p.Reason, p.Comment, p.Note, p.Text} {
		add(s)
	}
	return strings.Join(parts, " · ")
}

// fieldView is one input of an action form, as the "field" template needs it.
type fieldView struct {
	Page         *casePage
	Action, Name string
	Required     bool
}

// requiredFields are the inputs without which an action makes no sense:
// a return or an extension needs its reason, a reply its text.
var requiredFields = map[string]bool{
	"return/reason": true, "request_extension/reason": true, "reopen/reason": true, "pause/reason": true,
	"request_pause/reason": true, "reply/content": true, "answer/content": true, "comment/text": true,
	"opinion/text": true, "reroute/reason": true,
}

func fieldOf(p *casePage, action, name string) fieldView {
	return fieldView{Page: p, Action: action, Name: name, Required: requiredFields[action+"/"+name]}
}

// Err is the message for this input after a failed attempt.
func (f fieldView) Err() string {
	if f.Page.Open != f.Action {
		return ""
	}
	return f.Page.FieldErrs[f.Name]
}

// Typed is what the user typed into this input before a failed attempt.
func (f fieldView) Typed(name string) string {
	if f.Page.Open != f.Action {
		return ""
	}
	return f.Page.Typed.Get(name)
}

// CanMerge reports whether the user may merge this case now, so that each
// possible duplicate gets its one-click merge form.
func (p *casePage) CanMerge() bool { return slices.Contains(p.D.AllowedActions, "merge") }

// Suggested lists the assistant's suggested units, first in the picker.
func (p *casePage) Suggested() []orgOption {
	var out []orgOption
	for _, o := range p.Orgs {
		if o.Suggested {
			out = append(out, o)
		}
	}
	return out
}

// ReplyBeside sets the request and the reply side by side while someone
// judges the reply (the unit lead, the reviewer), with the send-back count.
func (p *casePage) ReplyBeside() bool {
	return p.D.Reply != "" && (p.D.Status == minsheng.StatusPendingReview || p.D.Status == minsheng.StatusPendingLead)
}
