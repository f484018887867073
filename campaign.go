package minsheng

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Campaign is a topic campaign (专题整治 / 打包处理): cases that share a
// cause, handled together by a lead department with co-departments, chased
// by a supervisor to one deadline, and answered together when it closes.
type Campaign struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	LeadOrgID   int64      `json:"lead_org_id"`
	CoOrgIDs    []int64    `json:"co_org_ids,omitempty"`
	DueAt       time.Time  `json:"due_at"`
	Closed      bool       `json:"closed"`
	Reply       string     `json:"reply,omitempty"`
	CreatedBy   int64      `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	ClosedAt    *time.Time `json:"closed_at,omitempty"`
	CaseIDs     []int64    `json:"case_ids"`
	Reports     []Report   `json:"reports"`
}

// Report is one progress report (进展报告) on a campaign.
type Report struct {
	ID         int64     `json:"id"`
	AuthorID   int64     `json:"author_id"`
	AuthorName string    `json:"author_name"`
	OrgID      int64     `json:"org_id"`
	Progress   int       `json:"progress"` // per cent done, as the reporter sees it
	Text       string    `json:"text"`
	At         time.Time `json:"at"`
}

// MaxCampaignCases bounds a campaign, so closing it stays one transaction.
const MaxCampaignCases = 500

// Validate checks a new campaign, naming the field at fault.
func (c *Campaign) Validate(now time.Time) error {
	c.Title, c.Description = strings.TrimSpace(c.Title), strings.TrimSpace(c.Description)
	if err := checkTexts([2]string{"title", c.Title}, [2]string{"description", c.Description}); err != nil {
		return err
	}
	switch n := utf8.RuneCountInString(c.Title); {
	case n < 2:
		return Invalid("title", "at least 2 characters")
	case n > MaxTitleRunes:
		return Invalid("title", "at most %d characters", MaxTitleRunes)
	}
	if utf8.RuneCountInString(c.Description) > MaxContentRunes {
		return Invalid("description", "at most %d characters", MaxContentRunes)
	}
	if c.LeadOrgID <= 0 {
		return Invalid("lead_org_id", "required")
	}
	if slices.Contains(c.CoOrgIDs, c.LeadOrgID) {
		return Invalid("co_org_ids", "the lead department is not also a co-department")
	}
	if c.DueAt.IsZero() || !c.DueAt.After(now) {
		return Invalid("due_at", "a time in the future")
	}
	if len(c.CaseIDs) == 0 || len(c.CaseIDs) > MaxCampaignCases {
		return Invalid("case_ids", "1 to %d cases", MaxCampaignCases)
	}
	return nil
}

// Involves reports whether a user's organisation (by its path) takes part in
// the campaign: it is the lead or a co-department, a unit above one (which
// sees its subtree's work), or a unit below one (which the department passes
// work down to). Its staff see the campaign and report on it.
func (c *Campaign) Involves(orgPath string, orgs *OrgTree) bool {
	if orgPath == "" {
		return false
	}
	for _, id := range append([]int64{c.LeadOrgID}, c.CoOrgIDs...) {
		if o := orgs.Org(id); o != nil && (strings.HasPrefix(o.Path, orgPath) || strings.HasPrefix(orgPath, o.Path)) {
			return true
		}
	}
	return false
}
