package web

import (
	"net/http"
	"strings"

	"minsheng"
	"minsheng/service"
)

// orgKinds are the kinds an admin may give an organisation, in the order the
// select lists them.
var orgKinds = []minsheng.OrgKind{minsheng.OrgDepartment, minsheng.OrgDistrict, minsheng.OrgStreet, minsheng.OrgCommunity,
	minsheng.OrgCompany, minsheng.OrgHotline, minsheng.OrgMedia, minsheng.OrgPetition, minsheng.OrgDiscipline}

// orgsPage is the organisation tree with a form to add a unit, or, with
// Edit set, one unit's form.
type orgsPage struct {
	adminPage
	Tree  []orgOpt
	Kinds []minsheng.OrgKind
	Form  orgForm
	Edit  *minsheng.Org
}

// orgForm is what the admin typed, kept when the form comes back.
type orgForm struct {
	ParentID               int64
	Name                   string
	Kind                   minsheng.OrgKind
	LeadApproval, Disabled bool
}

func (s *Server) orgsData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*orgsPage, error) {
	p, err := s.adminBase(w, r, u, "admin.orgs")
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return nil, err
	}
	return &orgsPage{adminPage: p, Tree: orgTreeOptions(orgs), Kinds: orgKinds, Form: orgForm{Kind: minsheng.OrgDepartment}}, nil
}

func (s *Server) adminOrgs(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.orgsData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_orgs", p)
	return nil
}

func readOrgForm(r *http.Request) (orgForm, error) {
	f := orgForm{Name: strings.TrimSpace(r.PostFormValue("name")), Kind: minsheng.OrgKind(r.PostFormValue("kind")),
		LeadApproval: r.PostFormValue("lead_approval") == "1", Disabled: r.PostFormValue("disabled") == "1"}
	var err error
	f.ParentID, err = formInt(r, "parent_id")
	return f, err
}

func (s *Server) adminOrgCreate(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	f, err := readOrgForm(r)
	if err == nil {
		_, err = s.svc.CreateOrg(r.Context(), u, service.NewOrg{ParentID: f.ParentID, Name: f.Name, Kind: f.Kind, LeadApproval: f.LeadApproval})
		if err == nil {
			saved(w, r, "/w/admin/orgs")
			return nil
		}
	}
	p, lerr := s.orgsData(w, r, u)
	if lerr != nil {
		return lerr
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "admin_orgs", p)
	return nil
}

// adminOrg is one unit's form: rename, change its kind, ask for lead
// approval, disable it.
func (s *Server) adminOrg(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.orgEdit(w, r, u)
	if err != nil {
		return err
	}
	o := p.Edit
	p.Form = orgForm{ParentID: o.ParentID, Name: o.Name, Kind: o.Kind, LeadApproval: o.LeadApproval, Disabled: o.Disabled}
	s.render(w, r, http.StatusOK, "admin_orgs", p)
	return nil
}

func (s *Server) orgEdit(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*orgsPage, error) {
	id, err := pathID(r, "organisation")
	if err != nil {
		return nil, err
	}
	p, err := s.orgsData(w, r, u)
	if err != nil {
		return nil, err
	}
	for _, o := range p.Tree {
		if o.ID == id {
			p.Edit = o.Org
		}
	}
	if p.Edit == nil {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such organisation")
	}
	return p, nil
}

func (s *Server) adminOrgSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.orgEdit(w, r, u)
	if err != nil {
		return err
	}
	f, _ := readOrgForm(r)
	f.ParentID = p.Edit.ParentID
	_, err = s.svc.UpdateOrg(r.Context(), u, p.Edit.ID, service.OrgPatch{Name: &f.Name, Kind: &f.Kind, LeadApproval: &f.LeadApproval, Disabled: &f.Disabled})
	if err == nil {
		saved(w, r, "/w/admin/orgs")
		return nil
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "admin_orgs", p)
	return nil
}
