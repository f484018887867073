package api

import (
	"encoding/json"
	"strconv"
	"time"

	"minsheng"
	"minsheng/assist"
	"minsheng/lifecycle"
	"minsheng/textmine/quality"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

type userJSON struct {
	ID       int64         `json:"id"`
	Username string        `json:"username"`
	Name     string        `json:"name"`
	Role     minsheng.Role `json:"role"`
	OrgID    int64         `json:"org_id"`
	OrgName  string        `json:"org_name,omitempty"`
	Disabled bool          `json:"disabled"`
}

func userView(u *minsheng.User, orgs *minsheng.OrgTree) userJSON {
	v := userJSON{ID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, OrgID: u.OrgID, Disabled: u.Disabled}
	if o := orgs.Org(u.OrgID); o != nil {
		v.OrgName = o.Name
	}
	return v
}

// caseJSON is a case as staff see it: personal data masked for roles that do
// not call citizens, derived fields (overdue, organisation name) filled in.
type caseJSON struct {
	*minsheng.Case
	Citizen     minsheng.Citizen `json:"citizen"`
	OrgName     string           `json:"org_name,omitempty"`
	Overdue     bool             `json:"overdue"`
	TrackingURL string           `json:"tracking_url,omitempty"`
}

func caseView(c *minsheng.Case, u *minsheng.User, orgs *minsheng.OrgTree, now time.Time) caseJSON {
	v := caseJSON{Case: c, Citizen: c.Citizen.MaskFor(u.Role), Overdue: c.Overdue(now)}
	if o := orgs.Org(c.OrgID); o != nil {
		v.OrgName = o.Name
	}
	if u.Role.SeesFullPhone() {
		v.TrackingURL = "/api/v1/track/" + c.TrackingCode
	} else {
		cp := *c
		cp.TrackingCode = "" // the code is the citizen's key; units do not need it
		v.Case = &cp
	}
	return v
}

type caseDetail struct {
	caseJSON
	Timeline           []minsheng.Event    `json:"timeline"`
	Related            relatedJSON         `json:"related"`
	AllowedActions     []string            `json:"allowed_actions"`
	Suggestions        *assist.Suggestions `json:"suggestions,omitempty"`
	PossibleDuplicates []duplicateJSON     `json:"possible_duplicates"` // null for closed cases
	ReplyQuality       *quality.Score      `json:"reply_quality,omitempty"`
}

type relatedJSON struct {
	Merged     []caseRef `json:"merged"`
	SameCaller []caseRef `json:"same_caller"`
}

// caseRef is a short reference to another case.
type caseRef struct {
	ID        int64           `json:"id"`
	Number    string          `json:"number"`
	Title     string          `json:"title"`
	Status    minsheng.Status `json:"status"`
	CreatedAt time.Time       `json:"created_at"`
	Relation  string          `json:"relation,omitempty"`
}

func refs(cs []*minsheng.Case, self *minsheng.Case) []caseRef {
	out := make([]caseRef, 0, len(cs))
	for _, c := range cs {
		rel := ""
		switch {
		case c.ID == self.MergedInto:
			rel = "master"
		case c.MergedInto == self.ID:
			rel = "duplicate"
		}
		out = append(out, caseRef{ID: c.ID, Number: c.Number, Title: c.Title, Status: c.Status, CreatedAt: c.CreatedAt, Relation: rel})
	}
	return out
}

func allowedActions(c *minsheng.Case, u *minsheng.User) []string {
	a := minsheng.ActorOf(u)
	out := []string{}
	for _, act := range lifecycle.Actions() {
		if lifecycle.Allowed(c, a, act) {
			out = append(out, string(act))
		}
	}
	return out
}

// publicEvent is one step of the citizen's tracking view: what happened and
// when, without staff names or internal notes.
type publicEvent struct {
	At      time.Time       `json:"at"`
	Action  string          `json:"action"`
	Status  minsheng.Status `json:"status,omitempty"`
	OrgName string          `json:"org_name,omitempty"`
}

func publicTimeline(evs []minsheng.Event) []publicEvent {
	out := []publicEvent{}
	for _, e := range evs {
		if !e.Public {
			continue
		}
		pe := publicEvent{At: e.At, Action: e.Action, Status: e.To}
		if e.Action == string(lifecycle.Dispatch) || e.Action == string(lifecycle.Subdispatch) {
			var p struct {
				OrgName string `json:"org_name"`
			}
			if json.Unmarshal(e.Payload, &p) == nil {
				pe.OrgName = p.OrgName
			}
		}
		out = append(out, pe)
	}
	return out
}
