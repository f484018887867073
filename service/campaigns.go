package service

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"minsheng"
)

// NewCampaign is a topic campaign to start (专题 / 打包处理).
type NewCampaign struct {
	Title       string    `json:"title"`
	Description string    `json:"description"`
	LeadOrgID   int64     `json:"lead_org_id"`
	CoOrgIDs    []int64   `json:"co_org_ids"`
	DueAt       time.Time `json:"due_at"`
	CaseIDs     []int64   `json:"case_ids"`
}

// CampaignCases are cases to add to a campaign.
type CampaignCases struct {
	CaseIDs []int64 `json:"case_ids"`
}

// CampaignReport is a progress report on a campaign.
type CampaignReport struct {
	Progress int    `json:"progress"`
	Text     string `json:"text"`
}

// CampaignClose is the answer that closes a campaign and goes to its cases.
type CampaignClose struct {
	Content string           `json:"content"`
	Outcome minsheng.Outcome `json:"outcome"`
}

// CampaignView is a campaign with its cases as the user may see them.
type CampaignView struct {
	*minsheng.Campaign
	LeadOrgName string     `json:"lead_org_name"`
	Cases       []CaseView `json:"cases"`
	// Answered is how many cases the closing answered (close only).
	Answered int `json:"answered,omitempty"`
}

// CreateCampaign starts a campaign with its first cases.
func (s *Service) CreateCampaign(ctx context.Context, u *minsheng.User, in NewCampaign) (*CampaignView, error) {
	if err := allow(u, minsheng.OpCampaignWrite); err != nil {
		return nil, err
	}
	c := &minsheng.Campaign{Title: in.Title, Description: in.Description, LeadOrgID: in.LeadOrgID, CoOrgIDs: in.CoOrgIDs,
		DueAt: in.DueAt, CaseIDs: in.CaseIDs, CreatedBy: u.ID}
	if err := c.Validate(s.Now()); err != nil {
		return nil, err
	}
	if err := s.store.CreateCampaign(ctx, c); err != nil {
		return nil, err
	}
	return s.Campaign(ctx, u, c.ID)
}

// Campaigns lists the campaigns the user may see: all for the hotline, a
// unit's own (as lead or co-department) for unit staff.
func (s *Service) Campaigns(ctx context.Context, u *minsheng.User) ([]*minsheng.Campaign, error) {
	if err := allow(u, minsheng.OpCampaignRead); err != nil {
		return nil, err
	}
	all, err := s.store.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	out := []*minsheng.Campaign{}
	for _, c := range all {
		if campaignVisible(c, u, minsheng.OpCampaignRead, orgs) {
			out = append(out, c)
		}
	}
	return out, nil
}

// campaignVisible applies the scope of op: everything, or the campaigns
// the user's unit takes part in.
func campaignVisible(c *minsheng.Campaign, u *minsheng.User, op minsheng.Op, orgs *minsheng.OrgTree) bool {
	switch minsheng.Permit(u.Role, op) {
	case minsheng.ScopeAll:
		return true
	case minsheng.ScopeUnit, minsheng.ScopeLead:
		return c.Involves(u.OrgPath, orgs)
	}
	return false
}

var notFoundCampaign = minsheng.Errorf(minsheng.ENOTFOUND, "no such campaign")

// Campaign returns one campaign with its reports and the cases the user
// may read.
func (s *Service) Campaign(ctx context.Context, u *minsheng.User, id int64) (*CampaignView, error) {
	if err := allow(u, minsheng.OpCampaignRead); err != nil {
		return nil, err
	}
	c, orgs, err := s.campaignFor(ctx, u, id, minsheng.OpCampaignRead)
	if err != nil {
		return nil, err
	}
	cases, err := s.store.CampaignCases(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &CampaignView{Campaign: c, Cases: []CaseView{}}
	if o := orgs.Org(c.LeadOrgID); o != nil {
		v.LeadOrgName = o.Name
	}
	now := s.Now()
	for _, k := range cases {
		if readable(k, u) {
			v.Cases = append(v.Cases, caseView(k, u, orgs, now))
		}
	}
	return v, nil
}

// campaignFor loads a campaign the user may reach for op; outside their
// scope it is not found.
func (s *Service) campaignFor(ctx context.Context, u *minsheng.User, id int64, op minsheng.Op) (*minsheng.Campaign, *minsheng.OrgTree, error) {
	c, err := s.store.Campaign(ctx, id)
	if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
		return nil, nil, notFoundCampaign
	}
	if err != nil {
		return nil, nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !campaignVisible(c, u, op, orgs) {
		return nil, nil, notFoundCampaign
	}
	return c, orgs, nil
}

// AddCampaignCases adds cases to an open campaign.
func (s *Service) AddCampaignCases(ctx context.Context, u *minsheng.User, id int64, in CampaignCases) (*CampaignView, error) {
	if err := allow(u, minsheng.OpCampaignWrite); err != nil {
		return nil, err
	}
	if len(in.CaseIDs) == 0 || len(in.CaseIDs) > minsheng.MaxCampaignCases {
		return nil, minsheng.Invalid("case_ids", "1 to %d cases", minsheng.MaxCampaignCases)
	}
	if err := s.store.AddCampaignCases(ctx, id, in.CaseIDs); err != nil {
		return nil, err
	}
	return s.Campaign(ctx, u, id)
}

// ReportCampaign records a progress report by the supervisor or by staff
// of a department taking part.
func (s *Service) ReportCampaign(ctx context.Context, u *minsheng.User, id int64, in CampaignReport) (*minsheng.Report, error) {
	if err := allow(u, minsheng.OpCampaignReport); err != nil {
		return nil, err
	}
	if in.Progress < 0 || in.Progress > 100 {
		return nil, minsheng.Invalid("progress", "0 to 100 (per cent done)")
	}
	text := strings.TrimSpace(in.Text)
	if n := utf8.RuneCountInString(text); n < 2 || n > 2000 {
		return nil, minsheng.Invalid("text", "2 to 2000 characters")
	}
	if strings.ContainsRune(text, 0) || !utf8.ValidString(text) {
		return nil, minsheng.Invalid("text", "must be valid UTF-8 without NUL characters")
	}
	if _, _, err := s.campaignFor(ctx, u, id, minsheng.OpCampaignReport); err != nil {
		return nil, err
	}
	r := &minsheng.Report{AuthorID: u.ID, AuthorName: u.Name, OrgID: u.OrgID, Progress: in.Progress, Text: text}
	if err := s.store.AddCampaignReport(ctx, id, r); err != nil {
		return nil, err
	}
	return r, nil
}

// CloseCampaign closes a campaign and answers its cases with one reply
// (each case gets its own campaign_answer event and goes to the return visit).
func (s *Service) CloseCampaign(ctx context.Context, u *minsheng.User, id int64, in CampaignClose) (*CampaignView, error) {
	if err := allow(u, minsheng.OpCampaignWrite); err != nil {
		return nil, err
	}
	content := strings.TrimSpace(in.Content)
	if n := utf8.RuneCountInString(content); n < 2 || n > 5000 {
		return nil, minsheng.Invalid("content", "2 to 5000 characters")
	}
	if !in.Outcome.Valid() {
		return nil, minsheng.Invalid("outcome", "one of solved, explained, cannot_solve")
	}
	n, err := s.store.CloseCampaign(ctx, id, minsheng.ActorOf(u), content, in.Outcome)
	if err != nil {
		return nil, err
	}
	v, err := s.Campaign(ctx, u, id)
	if err != nil {
		return nil, err
	}
	v.Answered = n
	return v, nil
}
