package web

import (
	"net/http"

	"minsheng"
	"minsheng/service"
)

// rulesPage lists the handling time limits (办理时限) by category and
// urgency, with a form to add one, or, with Edit set, one rule's form.
type rulesPage struct {
	adminPage
	Rules   []minsheng.DeadlineRule
	Cats    []catRow
	CatName map[int64]string
	Form    minsheng.DeadlineRule
	Edit    *minsheng.DeadlineRule
}

func (s *Server) rulesData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*rulesPage, error) {
	p, err := s.adminBase(w, r, u, "admin.rules")
	if err != nil {
		return nil, err
	}
	rules, err := s.svc.DeadlineRules(r.Context(), u)
	if err != nil {
		return nil, err
	}
	cats, err := s.svc.Categories(r.Context(), u)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, c := range cats {
		names[c.ID] = c.Name
	}
	return &rulesPage{adminPage: p, Rules: rules, Cats: catTree(cats), CatName: names,
		Form: minsheng.DeadlineRule{Urgency: minsheng.UrgencyNormal}}, nil
}

func (s *Server) adminRules(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.rulesData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_rules", p)
	return nil
}

func readRuleForm(r *http.Request) (minsheng.DeadlineRule, error) {
	f := minsheng.DeadlineRule{Urgency: minsheng.Urgency(r.PostFormValue("urgency"))}
	var err error
	if f.CategoryID, err = formInt(r, "category_id"); err != nil {
		return f, err
	}
	days, err := formInt(r, "days")
	if err != nil {
		return f, err
	}
	hours, err := formInt(r, "hours")
	f.Days, f.Hours = int(days), int(hours)
	return f, err
}

func (s *Server) adminRuleCreate(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.rulesData(w, r, u)
	if err != nil {
		return err
	}
	return s.saveRule(w, r, u, p)
}

func (s *Server) saveRule(w http.ResponseWriter, r *http.Request, u *minsheng.User, p *rulesPage) error {
	f, err := readRuleForm(r)
	if err == nil {
		var id int64
		if p.Edit != nil {
			id = p.Edit.ID
		}
		if _, err = s.svc.SaveDeadlineRule(r.Context(), u, id, service.RulePatch{CategoryID: &f.CategoryID, Urgency: &f.Urgency,
			Days: &f.Days, Hours: &f.Hours}); err == nil {
			saved(w, r, "/w/admin/rules")
			return nil
		}
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "admin_rules", p)
	return nil
}

func (s *Server) ruleEdit(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*rulesPage, error) {
	id, err := pathID(r, "deadline rule")
	if err != nil {
		return nil, err
	}
	p, err := s.rulesData(w, r, u)
	if err != nil {
		return nil, err
	}
	for i := range p.Rules {
		if p.Rules[i].ID == id {
			p.Edit = &p.Rules[i]
		}
	}
	if p.Edit == nil {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such deadline rule")
	}
	return p, nil
}

func (s *Server) adminRule(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.ruleEdit(w, r, u)
	if err != nil {
		return err
	}
	p.Form = *p.Edit
	s.render(w, r, http.StatusOK, "admin_rules", p)
	return nil
}

func (s *Server) adminRuleSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.ruleEdit(w, r, u)
	if err != nil {
		return err
	}
	return s.saveRule(w, r, u, p)
}
