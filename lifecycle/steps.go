package lifecycle

import (
	"slices"
	"time"

	"minsheng"
)

// answer closes a case with a direct answer (直接答复). With an article and
// no text of its own, the article's body is the answer the citizen reads.
func answer(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	content, err := optText("content", r.Content, 5000)
	if err != nil {
		return nil, err
	}
	if r.ArticleID != 0 {
		a := env.Article
		if a == nil || a.ID != r.ArticleID || a.Disabled {
			return nil, minsheng.Invalid("article_id", "no such active article")
		}
		if content == "" {
			content, err = optText("article_id", a.Body, 20000)
			if err != nil {
				return nil, err
			}
		}
	}
	if content, err = text("content", content, 2, 20000); err != nil {
		return nil, err
	}
	// A direct answer explains; a field worker who solved the problem on the
	// spot says so (outcome solved).
	outcome := minsheng.OutcomeExplained
	if r.Outcome != "" {
		if !r.Outcome.Valid() {
			return nil, minsheng.Invalid("outcome", "one of solved, explained, cannot_solve")
		}
		outcome = r.Outcome
	}
	c.Reply, c.Outcome = content, outcome
	t := env.Now
	c.RepliedAt = &t
	c.Status = minsheng.StatusClosed
	p := minsheng.AnswerPayload{Content: content, ArticleID: r.ArticleID}
	if outcome != minsheng.OutcomeExplained {
		p.Outcome = outcome
	}
	return p, nil
}

func triage(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	if !r.Track.Valid() {
		return nil, minsheng.Invalid("track", "one of service, media, petition, discipline")
	}
	reason, err := optText("reason", r.Reason, MaxNote)
	if err != nil {
		return nil, err
	}
	p := minsheng.TriagePayload{FromTrack: c.Track, Track: r.Track, Reason: reason}
	if p.FromCategoryID, p.CategoryID, p.DueAt, err = setCategory(c, r, env); err != nil {
		return nil, err
	}
	c.Track = r.Track
	return p, nil
}

// setCategory applies the dispatcher's category decision, if any, and returns
// what the event records of it: the old and new category and, when the
// deadline was recounted, the new deadline.
func setCategory(c *minsheng.Case, r Request, env Env) (from *int64, to int64, due *time.Time, err error) {
	if r.CategoryID == 0 {
		return nil, 0, nil, nil
	}
	if env.CategoryExists == nil || !env.CategoryExists(r.CategoryID) {
		return nil, 0, nil, minsheng.Invalid("category_id", "no such category")
	}
	old := c.CategoryID
	if r.CategoryID != c.CategoryID && env.Deadline != nil && !c.CreatedAt.IsZero() {
		// Another category may have another time limit, still counted from receipt.
		c.CategoryID = r.CategoryID
		c.DueAt = env.Deadline(c, c.CreatedAt)
		d := c.DueAt
		due = &d
	}
	c.CategoryID = r.CategoryID
	return &old, r.CategoryID, due, nil
}

// Bounds of a deadline the dispatcher sets by hand: a unit needs at least an
// hour, and a date more than a year ahead is a typing error, not a plan.
const (
	MinDueAhead = time.Hour
	MaxDueAhead = 366 * 24 * time.Hour
)

func dispatch(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	t, co, err := route(c, r, env)
	if err != nil {
		return nil, err
	}
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	if r.DueAt != nil {
		due := r.DueAt.In(env.Now.Location())
		if due.Before(env.Now.Add(MinDueAhead)) {
			return nil, minsheng.Invalid("due_at", "must be at least one hour from now")
		}
		if due.After(env.Now.Add(MaxDueAhead)) {
			return nil, minsheng.Invalid("due_at", "must be within a year from now")
		}
	}
	track := t.Kind.Track()
	p := minsheng.DispatchPayload{OrgID: t.ID, OrgName: t.Name, CoOrgIDs: co, Track: track, Note: note}
	if p.FromCategoryID, p.CategoryID, _, err = setCategory(c, r, env); err != nil {
		return nil, err
	}
	if r.DueAt != nil {
		c.DueAt = r.DueAt.In(env.Now.Location())
	} else if c.DueAt.IsZero() && env.Deadline != nil {
		c.DueAt = env.Deadline(c, env.Now)
	}
	p.DueAt = c.DueAt
	if s := r.Shown; s != nil {
		p.Ranks = &minsheng.Ranks{SuggestedOrgs: len(s.Orgs), OrgRank: rankOf(s.Orgs, t.ID),
			SuggestedCategories: len(s.Categories), CategoryRank: rankOf(s.Categories, c.CategoryID)}
	}
	c.Track = track
	c.OrgID, c.OrgPath, c.OrgChain, c.CoOrgIDs = t.ID, t.Path, []int64{t.ID}, co
	c.Status = minsheng.StatusDispatched
	if track != minsheng.TrackService {
		c.Status = minsheng.StatusReferred
	}
	return p, nil
}

// route checks the organisations of a dispatch or re-route: an active body
// that fits the case's track, and distinct other handling bodies as
// co-handlers (协办).
func route(c *minsheng.Case, r Request, env Env) (*minsheng.Org, []int64, error) {
	t := env.Target
	if r.OrgID == 0 {
		return nil, nil, minsheng.Invalid("org_id", "required")
	}
	if t == nil || t.ID != r.OrgID || t.Disabled {
		return nil, nil, minsheng.Invalid("org_id", "no such active organisation")
	}
	if t.Kind == minsheng.OrgHotline {
		return nil, nil, minsheng.Invalid("org_id", "dispatch to a handling body, not the hotline office")
	}
	if track := t.Kind.Track(); c.Track != minsheng.TrackService && c.Track != track {
		return nil, nil, minsheng.Invalid("org_id", "a %s case goes to a %s body", c.Track, c.Track)
	}
	seen := map[int64]bool{}
	for _, id := range r.CoOrgIDs {
		if seen[id] {
			return nil, nil, minsheng.Invalid("co_org_ids", "organisation %d is listed twice", id)
		}
		seen[id] = true
	}
	co := make([]int64, 0, len(env.CoOrgs))
	for _, o := range env.CoOrgs {
		if o.Disabled || o.ID == t.ID || o.Kind.Track() != minsheng.TrackService {
			return nil, nil, minsheng.Invalid("co_org_ids", "co-handlers must be other active handling bodies")
		}
		co = append(co, o.ID)
	}
	if len(co) != len(r.CoOrgIDs) {
		return nil, nil, minsheng.Invalid("co_org_ids", "unknown organisation")
	}
	return t, co, nil
}

func accept(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (any, error) {
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	c.Status = minsheng.StatusHandling
	return minsheng.AcceptPayload{OrgID: c.OrgID, Note: note}, nil
}

func subdispatch(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	t := env.Target
	if r.OrgID == 0 {
		return nil, minsheng.Invalid("org_id", "required")
	}
	if t == nil || t.Disabled || t.ID == c.OrgID || len(t.Path) <= len(c.OrgPath) || t.Path[:len(c.OrgPath)] != c.OrgPath {
		return nil, minsheng.Invalid("org_id", "must be an active sub-unit of the handling organisation")
	}
	note, err := optText("note", r.Note, MaxNote)
	if err != nil {
		return nil, err
	}
	c.OrgID, c.OrgPath = t.ID, t.Path
	c.OrgChain = append(slices.Clone(c.OrgChain), t.ID)
	c.Status = minsheng.StatusDispatched
	return minsheng.SubdispatchPayload{OrgID: t.ID, OrgName: t.Name, Note: note}, nil
}

// returnCase sends the order back one level: to the unit that sub-dispatched
// it, or to the hotline for arbitration.
func returnCase(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	reason, err := text("reason", r.Reason, 5, 1000)
	if err != nil {
		return nil, err
	}
	p := minsheng.ReturnPayload{Reason: reason, OrgID: c.OrgID, NotOurs: r.NotOurs}
	if r.NotOurs && len(c.OrgChain) > 1 {
		return nil, minsheng.Invalid("not_ours", "a sub-unit returns the order to the unit above it, which decides; only the unit the hotline dispatched to disputes with the hotline")
	}
	if r.NotOurs {
		c.DisputeOrgID = c.OrgID
	}
	c.ReturnCount++
	// Pending requests belonged to the unit that gave the order back.
	c.ExtDays, c.PauseRequested = 0, false
	if len(c.OrgChain) > 1 {
		c.OrgChain = slices.Clone(c.OrgChain[:len(c.OrgChain)-1])
		c.OrgID = c.OrgChain[len(c.OrgChain)-1]
		c.OrgPath = parentPathOf(c.OrgPath, c.OrgID)
		c.Status = minsheng.StatusHandling
		p.ToOrgID = c.OrgID
		return p, nil
	}
	c.OrgChain, c.OrgID, c.OrgPath, c.CoOrgIDs = nil, 0, "", nil
	c.Status = minsheng.StatusPendingDispatch
	return p, nil
}

// arbitrate decides a responsibility dispute: the case goes to the body the
// hotline finds responsible (perhaps the one that disputed it), as a
// dispatch would send it, and the event says whether the department was
// right. The store keeps the decision and, when asked, updates the
// responsibility list.
func arbitrate(c *minsheng.Case, a minsheng.Actor, r Request, env Env) (any, error) {
	reason, err := text("reason", r.Reason, 5, 1000)
	if err != nil {
		return nil, err
	}
	if r.UpdateList && r.CategoryID == 0 && c.CategoryID == 0 {
		return nil, minsheng.Invalid("category_id", "the responsibility list is kept per category: name the case's category")
	}
	from := c.DisputeOrgID
	d, err := dispatch(c, a, Request{OrgID: r.OrgID, CategoryID: r.CategoryID, Note: reason}, env)
	if err != nil {
		return nil, err
	}
	c.DisputeOrgID = 0
	return minsheng.ArbitratePayload{DispatchPayload: d.(minsheng.DispatchPayload), FromOrgID: from,
		Upheld: c.OrgID != from, UpdateList: r.UpdateList}, nil
}

// referClue refers the case to a discipline body as a clue of misconduct;
// nothing else about the case changes.
func referClue(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	t := env.Target
	if t == nil || t.ID != r.OrgID || t.Kind != minsheng.OrgDiscipline || t.Disabled {
		return nil, minsheng.Invalid("org_id", "an active discipline inspection body (纪检监察)")
	}
	reason, err := text("reason", r.Reason, 10, 2000)
	if err != nil {
		return nil, err
	}
	c.ClueOrgID = t.ID
	return minsheng.ReferCluePayload{OrgID: t.ID, OrgName: t.Name, Reason: reason}, nil
}

// reroute is the hotline moving a case from one body to another (改派), for
// instance when it sees the first choice was wrong before the unit returns
// it. It is the dispatcher's decision, so no return is counted against the
// unit; the new body signs afresh, under the same deadline, and the track
// stays (a referral elsewhere is a new triage).
func reroute(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (any, error) {
	t, co, err := route(c, r, env)
	if err != nil {
		return nil, err
	}
	if t.ID == c.OrgID {
		return nil, minsheng.Invalid("org_id", "the case is already with %s", t.Name)
	}
	if t.Kind.Track() != c.Track {
		return nil, minsheng.Invalid("org_id", "a %s case goes to a %s body", c.Track, c.Track)
	}
	reason, err := text("reason", r.Reason, 5, 1000)
	if err != nil {
		return nil, err
	}
	p := minsheng.ReroutePayload{FromOrgID: c.OrgID, OrgID: t.ID, OrgName: t.Name, CoOrgIDs: co, Reason: reason}
	c.OrgID, c.OrgPath, c.OrgChain, c.CoOrgIDs = t.ID, t.Path, []int64{t.ID}, co
	c.ExtDays, c.PauseRequested = 0, false
	c.Status = minsheng.StatusDispatched
	if c.Track != minsheng.TrackService {
		c.Status = minsheng.StatusReferred
	}
	return p, nil
}

// parentPathOf cuts a materialised path back to the ancestor with the given id.
func parentPathOf(path string, id int64) string {
	seg := "/" + itoa(id) + "/"
	for i := len(path) - len(seg); i >= 0; i-- {
		if path[i:i+len(seg)] == seg {
			return path[:i+len(seg)]
		}
	}
	return path
}
