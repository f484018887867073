package lifecycle

import (
	"slices"

	"minsheng"
)

func answer(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	content, err := text("content", r.Content, 2, 5000)
	if err != nil {
		return nil, err
	}
	c.Reply, c.Outcome = content, minsheng.OutcomeExplained
	t := env.Now
	c.RepliedAt = &t
	c.Status = minsheng.StatusClosed
	p := map[string]any{"content": content}
	if r.ArticleID != 0 {
		p["article_id"] = r.ArticleID
	}
	return p, nil
}

func triage(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	if !r.Track.Valid() {
		return nil, minsheng.Invalid("track", "one of service, media, petition, discipline")
	}
	p := map[string]any{"from_track": c.Track, "track": r.Track}
	if err := setCategory(c, r, env, p); err != nil {
		return nil, err
	}
	c.Track = r.Track
	return p, nil
}

// setCategory applies the dispatcher's category decision, if any.
func setCategory(c *minsheng.Case, r Request, env Env, p map[string]any) error {
	if r.CategoryID == 0 {
		return nil
	}
	if env.CategoryExists == nil || !env.CategoryExists(r.CategoryID) {
		return minsheng.Invalid("category_id", "no such category")
	}
	p["from_category_id"], p["category_id"] = c.CategoryID, r.CategoryID
	if r.CategoryID != c.CategoryID && env.Deadline != nil && !c.CreatedAt.IsZero() {
		// Another category may have another time limit, still counted from receipt.
		c.CategoryID = r.CategoryID
		c.DueAt = env.Deadline(c, c.CreatedAt)
		p["due_at"] = c.DueAt
	}
	c.CategoryID = r.CategoryID
	return nil
}

func dispatch(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	t := env.Target
	if r.OrgID == 0 {
		return nil, minsheng.Invalid("org_id", "required")
	}
	if t == nil || t.Disabled {
		return nil, minsheng.Invalid("org_id", "no such active organisation")
	}
	if t.Kind == minsheng.OrgHotline {
		return nil, minsheng.Invalid("org_id", "dispatch to a handling body, not the hotline office")
	}
	track := t.Kind.Track()
	if c.Track != minsheng.TrackService && c.Track != track {
		return nil, minsheng.Invalid("org_id", "a %s case goes to a %s body", c.Track, c.Track)
	}
	co := make([]int64, 0, len(env.CoOrgs))
	for _, o := range env.CoOrgs {
		if o.Disabled || o.ID == t.ID || o.Kind.Track() != minsheng.TrackService {
			return nil, minsheng.Invalid("co_org_ids", "co-handlers must be other active handling bodies")
		}
		co = append(co, o.ID)
	}
	if len(co) != len(r.CoOrgIDs) {
		return nil, minsheng.Invalid("co_org_ids", "unknown organisation")
	}
	p := map[string]any{"org_id": t.ID, "org_name": t.Name, "co_org_ids": co, "track": track}
	if err := setCategory(c, r, env, p); err != nil {
		return nil, err
	}
	if r.DueAt != nil {
		if !r.DueAt.After(env.Now) {
			return nil, minsheng.Invalid("due_at", "must be in the future")
		}
		c.DueAt = r.DueAt.In(env.Now.Location())
	} else if c.DueAt.IsZero() && env.Deadline != nil {
		c.DueAt = env.Deadline(c, env.Now)
	}
	p["due_at"] = c.DueAt
	if s := r.Shown; s != nil {
		p["suggested_orgs"], p["org_rank"] = len(s.Orgs), rankOf(s.Orgs, t.ID)
		p["suggested_categories"], p["category_rank"] = len(s.Categories), rankOf(s.Categories, c.CategoryID)
	}
	c.Track = track
	c.OrgID, c.OrgPath, c.OrgChain, c.CoOrgIDs = t.ID, t.Path, []int64{t.ID}, co
	c.Status = minsheng.StatusDispatched
	if track != minsheng.TrackService {
		c.Status = minsheng.StatusReferred
	}
	return p, nil
}

func accept(c *minsheng.Case, _ minsheng.Actor, _ Request, _ Env) (map[string]any, error) {
	c.Status = minsheng.StatusHandling
	return map[string]any{"org_id": c.OrgID}, nil
}

func subdispatch(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	t := env.Target
	if r.OrgID == 0 {
		return nil, minsheng.Invalid("org_id", "required")
	}
	if t == nil || t.Disabled || t.ID == c.OrgID || len(t.Path) <= len(c.OrgPath) || t.Path[:len(c.OrgPath)] != c.OrgPath {
		return nil, minsheng.Invalid("org_id", "must be an active sub-unit of the handling organisation")
	}
	c.OrgID, c.OrgPath = t.ID, t.Path
	c.OrgChain = append(slices.Clone(c.OrgChain), t.ID)
	c.Status = minsheng.StatusDispatched
	return map[string]any{"org_id": t.ID, "org_name": t.Name}, nil
}

// returnCase sends the order back one level: to the unit that sub-dispatched
// it, or to the hotline for arbitration.
func returnCase(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	reason, err := text("reason", r.Reason, 5, 1000)
	if err != nil {
		return nil, err
	}
	p := map[string]any{"reason": reason, "org_id": c.OrgID}
	c.ReturnCount++
	c.ExtDays = 0 // a pending request belonged to the unit that gave the order back
	if len(c.OrgChain) > 1 {
		c.OrgChain = slices.Clone(c.OrgChain[:len(c.OrgChain)-1])
		c.OrgID = c.OrgChain[len(c.OrgChain)-1]
		c.OrgPath = parentPathOf(c.OrgPath, c.OrgID)
		c.Status = minsheng.StatusHandling
		p["to_org_id"] = c.OrgID
		return p, nil
	}
	c.OrgChain, c.OrgID, c.OrgPath, c.CoOrgIDs = nil, 0, "", nil
	c.Status = minsheng.StatusPendingDispatch
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

func requestExtension(c *minsheng.Case, _ minsheng.Actor, r Request, _ Env) (map[string]any, error) {
	if c.ExtDays > 0 {
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "an extension request is already waiting for a decision")
	}
	if r.Days < 1 || r.Days > 30 {
		return nil, minsheng.Invalid("days", "1 to 30 working days")
	}
	reason, err := text("reason", r.Reason, 5, 1000)
	if err != nil {
		return nil, err
	}
	c.ExtDays = r.Days
	return map[string]any{"days": r.Days, "reason": reason}, nil
}

func decideExtension(c *minsheng.Case, _ minsheng.Actor, r Request, env Env) (map[string]any, error) {
	if c.ExtDays == 0 {
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "no extension request is waiting")
	}
	if r.Approve == nil {
		return nil, minsheng.Invalid("approve", "required: true or false")
	}
	p := map[string]any{"approve": *r.Approve, "days": c.ExtDays, "comment": r.Comment}
	if *r.Approve {
		c.DueAt = env.Extend(c.DueAt, c.ExtDays)
		p["due_at"] = c.DueAt
	}
	c.ExtDays = 0
	return p, nil
}
