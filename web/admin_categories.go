package web

import (
	"net/http"
	"strings"

	"minsheng"
	"minsheng/service"
)

// categoriesPage is the category tree (大类/中类/小类) with each category's
// responsible unit from the responsibility list, a form to add one, or,
// with Edit set, one category's form.
type categoriesPage struct {
	adminPage
	Tree     []catRow
	Orgs     []orgOpt
	OrgNames map[int64]string
	Form     catForm
	Edit     *minsheng.Category
}

// catRow is a category in the tree view.
type catRow struct {
	minsheng.Category
	Label string
	Depth int
}

// catForm is what the admin typed, kept when the form comes back.
type catForm struct {
	ParentID, OrgID int64
	Code, Name      string
	Disabled        bool
}

func catTree(cats []minsheng.Category) []catRow {
	kids := map[int64][]minsheng.Category{}
	for _, c := range cats {
		kids[c.ParentID] = append(kids[c.ParentID], c)
	}
	var out []catRow
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		for _, c := range kids[parent] {
			out = append(out, catRow{Category: c, Label: strings.Repeat("\u3000", depth) + c.Name, Depth: depth})
			walk(c.ID, depth+1)
		}
	}
	walk(0, 0)
	return out
}

func (s *Server) categoriesData(w http.ResponseWriter, r *http.Request, u *minsheng.User, titleKey string) (*categoriesPage, error) {
	p, err := s.adminBase(w, r, u, titleKey)
	if err != nil {
		return nil, err
	}
	cats, err := s.svc.Categories(r.Context(), u)
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	return &categoriesPage{adminPage: p, Tree: catTree(cats), Orgs: orgTreeOptions(orgs), OrgNames: names}, nil
}

func (s *Server) adminCategories(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.categoriesData(w, r, u, "admin.categories")
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_categories", p)
	return nil
}

func readCatForm(r *http.Request) (catForm, error) {
	f := catForm{Code: strings.TrimSpace(r.PostFormValue("code")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Disabled: r.PostFormValue("disabled") == "1"}
	var err error
	if f.ParentID, err = formInt(r, "parent_id"); err != nil {
		return f, err
	}
	f.OrgID, err = formInt(r, "org_id")
	return f, err
}

// patch turns the form into the use case's patch; the level follows from
// the parent, so the admin never types it.
func (f catForm) patch(tree []catRow) (service.CategoryPatch, error) {
	level := 1
	if f.ParentID != 0 {
		level = 0
		for _, c := range tree {
			if c.ID == f.ParentID {
				level = c.Level + 1
			}
		}
		if level == 0 {
			return service.CategoryPatch{}, minsheng.Invalid("parent_id", "no such category")
		}
	}
	return service.CategoryPatch{ParentID: &f.ParentID, Code: &f.Code, Name: &f.Name, Level: &level, OrgID: &f.OrgID, Disabled: &f.Disabled}, nil
}

func (s *Server) adminCategoryCreate(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.saveCategory(w, r, u, nil)
}

func (s *Server) saveCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User, edit *categoriesPage) error {
	p := edit
	if p == nil {
		var err error
		if p, err = s.categoriesData(w, r, u, "admin.categories"); err != nil {
			return err
		}
	}
	f, err := readCatForm(r)
	if err == nil {
		var patch service.CategoryPatch
		if patch, err = f.patch(p.Tree); err == nil {
			var id int64
			if p.Edit != nil {
				id = p.Edit.ID
			}
			if _, err = s.svc.SaveCategory(r.Context(), u, id, patch); err == nil {
				saved(w, r, "/w/admin/categories")
				return nil
			}
		}
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "admin_categories", p)
	return nil
}

func (s *Server) categoryEdit(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*categoriesPage, error) {
	id, err := pathID(r, "category")
	if err != nil {
		return nil, err
	}
	p, err := s.categoriesData(w, r, u, "admin.categories")
	if err != nil {
		return nil, err
	}
	for i := range p.Tree {
		if p.Tree[i].ID == id {
			p.Edit = &p.Tree[i].Category
		}
	}
	if p.Edit == nil {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such category")
	}
	return p, nil
}

// adminCategory is one category's form, where its responsible unit is set.
func (s *Server) adminCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.categoryEdit(w, r, u)
	if err != nil {
		return err
	}
	c := p.Edit
	p.Form = catForm{ParentID: c.ParentID, OrgID: c.OrgID, Code: c.Code, Name: c.Name, Disabled: c.Disabled}
	s.render(w, r, http.StatusOK, "admin_categories", p)
	return nil
}

func (s *Server) adminCategorySave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.categoryEdit(w, r, u)
	if err != nil {
		return err
	}
	return s.saveCategory(w, r, u, p)
}

// dutyRow is one unit of the responsibility list with the categories it
// handles by default.
type dutyRow struct {
	OrgID   int64
	OrgName string
	Cats    []catRow
}

// dutiesPage is the responsibility list (职责清单) read the other way
// round: per unit, what it is responsible for; categories nobody holds
// come first, since dispatchers must route those by hand.
type dutiesPage struct {
	adminPage
	Unassigned []catRow
	Rows       []dutyRow
}

func (s *Server) adminDuties(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	c, err := s.categoriesData(w, r, u, "admin.duties")
	if err != nil {
		return err
	}
	p := &dutiesPage{adminPage: c.adminPage}
	at := map[int64]int{}
	for _, o := range c.Orgs {
		at[o.ID] = -1
	}
	for _, cat := range c.Tree {
		if cat.OrgID == 0 {
			if cat.Depth > 0 { // a 大类 is a heading, not work to route
				p.Unassigned = append(p.Unassigned, cat)
			}
			continue
		}
		i, ok := at[cat.OrgID]
		if !ok || i < 0 {
			i = len(p.Rows)
			at[cat.OrgID] = i
			p.Rows = append(p.Rows, dutyRow{OrgID: cat.OrgID, OrgName: c.OrgNames[cat.OrgID]})
		}
		p.Rows[i].Cats = append(p.Rows[i].Cats, cat)
	}
	s.render(w, r, http.StatusOK, "admin_duties", p)
	return nil
}
