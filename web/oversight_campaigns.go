package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/service"
)

// campaignForm is what a supervisor typed to start a campaign, kept when
// the form comes back with an error.
type campaignForm struct {
	Title, Description, DueAt, Numbers string
	LeadOrgID                          int64
	CoOrgIDs                           map[int64]bool
}

// campaignsPage lists the topic campaigns (专题) and, for supervisors, the
// form that starts one.
type campaignsPage struct {
	adminPage
	List     []*minsheng.Campaign
	OrgNames map[int64]string
	Orgs     []orgNode
	Form     campaignForm
	CanWrite bool
}

func (s *Server) campaignsData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*campaignsPage, error) {
	ap, err := s.adminBase(w, r, u, "ov.campaigns")
	if err != nil {
		return nil, err
	}
	list, err := s.svc.Campaigns(r.Context(), u)
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return nil, err
	}
	p := &campaignsPage{adminPage: ap, List: list, OrgNames: map[int64]string{}, CanWrite: ap.may(minsheng.OpCampaignWrite),
		Form: campaignForm{CoOrgIDs: map[int64]bool{}}}
	for _, o := range orgs {
		p.OrgNames[o.ID] = o.Name
	}
	if p.CanWrite {
		p.Orgs = orgTree(orgs, notDispatchable)
	}
	return p, nil
}

func (s *Server) campaignsPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.campaignsData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "ov_campaigns", p)
	return nil
}

func (s *Server) campaignCreate(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	if err := allowed(u, minsheng.OpCampaignWrite); err != nil {
		return err
	}
	p, err := s.campaignsData(w, r, u)
	if err != nil {
		return err
	}
	f := campaignForm{Title: r.PostFormValue("title"), Description: r.PostFormValue("description"),
		DueAt: strings.TrimSpace(r.PostFormValue("due_at")), Numbers: r.PostFormValue("case_numbers"), CoOrgIDs: map[int64]bool{}}
	in, err := s.readCampaignForm(r, u, &f)
	var v *service.CampaignView
	if err == nil {
		if v, err = s.svc.CreateCampaign(r.Context(), u, in); err == nil {
			http.Redirect(w, r, "/w/campaigns/"+strconv.FormatInt(v.ID, 10)+"?saved=1", http.StatusSeeOther)
			return nil
		}
	}
	if err := oversightError(&p.adminPage, err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "ov_campaigns", p)
	return nil
}

// readCampaignForm turns the form into the use case's input: units by id,
// the deadline in China time, the cases by the numbers people read out.
func (s *Server) readCampaignForm(r *http.Request, u *minsheng.User, f *campaignForm) (service.NewCampaign, error) {
	in := service.NewCampaign{Title: f.Title, Description: f.Description}
	var err error
	if in.LeadOrgID, err = formInt(r, "lead_org_id"); err != nil {
		return in, err
	}
	f.LeadOrgID = in.LeadOrgID
	for _, v := range r.PostForm["co_org_ids"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return in, minsheng.Invalid("co_org_ids", "must be organisation ids")
		}
		in.CoOrgIDs = append(in.CoOrgIDs, id)
		f.CoOrgIDs[id] = true
	}
	if f.DueAt != "" {
		if in.DueAt, err = time.ParseInLocation("2006-01-02T15:04", f.DueAt, cst); err != nil {
			return in, minsheng.Invalid("due_at", "a date and time such as 2026-12-07T18:00")
		}
	}
	in.CaseIDs, err = s.caseIDs(r, u, f.Numbers)
	return in, err
}

// caseIDs finds the cases a form lists by number (separated by spaces,
// commas or lines); an unknown number is an error naming it.
func (s *Server) caseIDs(r *http.Request, u *minsheng.User, text string) ([]int64, error) {
	nums := strings.FieldsFunc(text, func(c rune) bool {
		return c == ',' || c == '，' || c == '、' || c == ';' || c == ' ' || c == '\n' || c == '\r' || c == '\t'
	})
	if len(nums) > minsheng.MaxCampaignCases {
		return nil, minsheng.Invalid("case_ids", "1 to %d cases", minsheng.MaxCampaignCases)
	}
	var ids []int64
	for _, n := range nums {
		id, err := s.svc.CaseIDByNumber(r.Context(), u, n)
		if err != nil {
			return nil, minsheng.Invalid("case_number", "%s", n) // named under the cases' field

		}
		ids = append(ids, id)
	}
	return ids, nil
}

// campaignPage is one campaign: its cases, its progress reports, and the
// forms the user may send (report, add cases, close).
type campaignPage struct {
	adminPage
	C                   *service.CampaignView
	OrgNames            map[int64]string
	CanWrite, CanReport bool
	// Typed is what came back with an error, and Open the form it was in.
	Typed map[string]string
	Open  string
}

func (s *Server) campaignData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*campaignPage, error) {
	id, err := pathID(r, "campaign")
	if err != nil {
		return nil, err
	}
	ap, err := s.adminBase(w, r, u, "ov.campaigns")
	if err != nil {
		return nil, err
	}
	v, err := s.svc.Campaign(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return nil, err
	}
	ap.Title = v.Title
	p := &campaignPage{adminPage: ap, C: v, OrgNames: map[int64]string{}, Typed: map[string]string{},
		CanWrite: !v.Closed && ap.may(minsheng.OpCampaignWrite), CanReport: !v.Closed && ap.may(minsheng.OpCampaignReport)}
	for _, o := range orgs {
		p.OrgNames[o.ID] = o.Name
	}
	if q := r.URL.Query(); q.Get("answered") != "" {
		p.Done = p.T("ov.camp.answered", q.Get("answered"))
	}
	return p, nil
}

func (s *Server) campaignPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.campaignData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "ov_campaign", p)
	return nil
}

// campaignAct runs one of the campaign page's forms: act sends it, and an
// invalid form comes back open, with what was typed and the error under
// its field.
func (s *Server) campaignAct(w http.ResponseWriter, r *http.Request, u *minsheng.User, op minsheng.Op, form string,
	fields []string, act func(id int64) (string, error)) error {
	if err := allowed(u, op); err != nil {
		return err
	}
	p, err := s.campaignData(w, r, u)
	if err != nil {
		return err
	}
	to, err := act(p.C.ID)
	if err == nil {
		http.Redirect(w, r, to, http.StatusSeeOther)
		return nil
	}
	if err := oversightError(&p.adminPage, err); err != nil {
		return err
	}
	p.Open = form
	for _, f := range fields {
		p.Typed[f] = r.PostFormValue(f)
	}
	s.render(w, r, http.StatusUnprocessableEntity, "ov_campaign", p)
	return nil
}

func campaignURL(id int64) string { return "/w/campaigns/" + strconv.FormatInt(id, 10) }

func (s *Server) campaignAddCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.campaignAct(w, r, u, minsheng.OpCampaignWrite, "cases", []string{"case_numbers"}, func(id int64) (string, error) {
		ids, err := s.caseIDs(r, u, r.PostFormValue("case_numbers"))
		if err != nil {
			return "", err
		}
		if _, err := s.svc.AddCampaignCases(r.Context(), u, id, service.CampaignCases{CaseIDs: ids}); err != nil {
			return "", err
		}
		return campaignURL(id) + "?saved=1", nil
	})
}

func (s *Server) campaignReport(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.campaignAct(w, r, u, minsheng.OpCampaignReport, "report", []string{"progress", "text"}, func(id int64) (string, error) {
		n, err := formInt(r, "progress")
		if err != nil {
			return "", err
		}
		if _, err := s.svc.ReportCampaign(r.Context(), u, id, service.CampaignReport{Progress: int(n), Text: r.PostFormValue("text")}); err != nil {
			return "", err
		}
		return campaignURL(id) + "?saved=1", nil
	})
}

func (s *Server) campaignClose(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.campaignAct(w, r, u, minsheng.OpCampaignWrite, "close", []string{"content", "outcome"}, func(id int64) (string, error) {
		if r.PostFormValue("confirm") != "1" {
			return "", minsheng.Invalid("confirm", "confirm first: every waiting case gets this answer")
		}
		v, err := s.svc.CloseCampaign(r.Context(), u, id, service.CampaignClose{Content: r.PostFormValue("content"),
			Outcome: minsheng.Outcome(r.PostFormValue("outcome"))})
		if err != nil {
			return "", err
		}
		return campaignURL(id) + "?answered=" + strconv.Itoa(v.Answered), nil
	})
}
