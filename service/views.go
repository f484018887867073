package service

import (
	"time"

	"minsheng"
	"minsheng/assist"
	"minsheng/lifecycle"
	"minsheng/textmine/quality"
)

// CaseView is a case as one user sees it: personal data masked for roles
// that do not call citizens, the tracking code only for those who give it
// out, and derived fields (overdue, organisation name) filled in.
type CaseView struct {
	*minsheng.Case
	Citizen     minsheng.Citizen `json:"citizen"`
	OrgName     string           `json:"org_name,omitempty"`
	Overdue     bool             `json:"overdue"`
	TrackingURL string           `json:"tracking_url,omitempty"`
}

func caseView(c *minsheng.Case, u *minsheng.User, orgs *minsheng.OrgTree, now time.Time) CaseView {
	v := CaseView{Case: c, Citizen: c.Citizen.MaskFor(u.Role), Overdue: c.Overdue(now)}
	if o := orgs.Org(c.OrgID); o != nil {
		v.OrgName = o.Name
	}
	if c.ClueOrgID != 0 && !seesClues(c, u) {
		cp := *c
		cp.ClueOrgID = 0
		c, v.Case = &cp, &cp
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

// Detail is everything about one case that the user may see, with the
// actions they can take on it now.
type Detail struct {
	CaseView
	Timeline           []minsheng.Event    `json:"timeline"`
	Related            Related             `json:"related"`
	AllowedActions     []string            `json:"allowed_actions"`
	Suggestions        *assist.Suggestions `json:"suggestions,omitempty"`
	PossibleDuplicates []Duplicate         `json:"possible_duplicates"` // null for closed cases
	ReplyQuality       *quality.Score      `json:"reply_quality,omitempty"`
}

// Related lists the cases linked to one case.
type Related struct {
	Merged     []Ref `json:"merged"`
	SameCaller []Ref `json:"same_caller"`
}

// Ref is a short reference to another case. Relation says how it is linked:
// master, duplicate, or repeat (the same caller about the same problem).
type Ref struct {
	ID        int64           `json:"id"`
	Number    string          `json:"number"`
	Title     string          `json:"title"`
	Status    minsheng.Status `json:"status"`
	CreatedAt time.Time       `json:"created_at"`
	Relation  string          `json:"relation,omitempty"`
}

func refOf(c *minsheng.Case, rel string) Ref {
	return Ref{ID: c.ID, Number: c.Number, Title: c.Title, Status: c.Status, CreatedAt: c.CreatedAt, Relation: rel}
}

func refs(cs []*minsheng.Case, self *minsheng.Case) []Ref {
	out := make([]Ref, 0, len(cs))
	for _, c := range cs {
		rel := ""
		switch {
		case c.ID == self.MergedInto:
			rel = "master"
		case c.MergedInto == self.ID:
			rel = "duplicate"
		}
		out = append(out, refOf(c, rel))
	}
	return out
}

// Duplicate is a possible duplicate with enough to judge it at a glance.
type Duplicate struct {
	Ref
	Score     float64 `json:"score"`
	SamePlace bool    `json:"same_place"`
}

// Created answers an intake: what the agent tells the citizen (number,
// tracking code, deadline) and what helps screen it.
type Created struct {
	ID                 int64               `json:"id"`
	Number             string              `json:"number"`
	TrackingCode       string              `json:"tracking_code"`
	Status             minsheng.Status     `json:"status"`
	Track              minsheng.Track      `json:"track"`
	DueAt              time.Time           `json:"due_at"`
	CreatedAt          time.Time           `json:"created_at"`
	Suggestions        *assist.Suggestions `json:"suggestions,omitempty"`
	PossibleDuplicates []Duplicate         `json:"possible_duplicates,omitempty"`
	// New is false when an idempotent retry returned the case made before.
	New bool `json:"-"`
}

// Acted is the outcome of one lifecycle action.
type Acted struct {
	ID           int64           `json:"id"`
	Status       minsheng.Status `json:"status"`
	Version      int             `json:"version"`
	Case         CaseView        `json:"case"`
	Event        minsheng.Event  `json:"event"`
	ReplyQuality *quality.Score  `json:"reply_quality,omitempty"`
}

// Page is one page of a list, with the total matching count where known and
// the cursor of the next page ("" on the last).
type Page[T any] struct {
	Items      []T    `json:"items"`
	Total      *int   `json:"total,omitempty"`
	NextCursor string `json:"next_cursor"`
}

// UserView is an account as admins and the user see it (never the hash).
type UserView struct {
	ID       int64         `json:"id"`
	Username string        `json:"username"`
	Name     string        `json:"name"`
	Role     minsheng.Role `json:"role"`
	OrgID    int64         `json:"org_id"`
	OrgName  string        `json:"org_name,omitempty"`
	Disabled bool          `json:"disabled"`
}

func userView(u *minsheng.User, orgs *minsheng.OrgTree) UserView {
	v := UserView{ID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, OrgID: u.OrgID, Disabled: u.Disabled}
	if o := orgs.Org(u.OrgID); o != nil {
		v.OrgName = o.Name
	}
	return v
}

// allowedActions lists the actions the user could take on the case now.
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

// replyQuality scores the current reply for the reviewer.
func replyQuality(c *minsheng.Case) *quality.Score {
	if c.Reply == "" || c.RepliedAt == nil {
		return nil
	}
	q := quality.Assess(quality.Input{Request: c.Title + "\n" + c.Content, Reply: c.Reply,
		ReceivedAt: c.CreatedAt, RepliedAt: *c.RepliedAt, DueAt: c.DueAt})
	return &q
}
