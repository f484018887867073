package web

import (
	"net/http"
	"strconv"
	"strings"

	"minsheng"
)

// adminRoutes mounts the admin pages: the configuration an admin keeps
// (organisations, accounts, categories and the responsibility list,
// deadline rules, holidays, the knowledge base and API keys). Every page
// calls the same use cases as the JSON admin API, so the permission table
// decides who may see and change them.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /w/admin/{$}", s.staff(s.adminHome))
	mux.HandleFunc("GET /w/admin/orgs", s.staff(s.adminOrgs))
	mux.HandleFunc("POST /w/admin/orgs", s.staff(s.adminOrgCreate))
	mux.HandleFunc("GET /w/admin/orgs/{id}", s.staff(s.adminOrg))
	mux.HandleFunc("POST /w/admin/orgs/{id}", s.staff(s.adminOrgSave))
	mux.HandleFunc("GET /w/admin/users", s.staff(s.adminUsers))
	mux.HandleFunc("POST /w/admin/users", s.staff(s.adminUserCreate))
	mux.HandleFunc("GET /w/admin/users/{id}", s.staff(s.adminUser))
	mux.HandleFunc("POST /w/admin/users/{id}", s.staff(s.adminUserSave))
	mux.HandleFunc("GET /w/admin/categories", s.staff(s.adminCategories))
	mux.HandleFunc("POST /w/admin/categories", s.staff(s.adminCategoryCreate))
	mux.HandleFunc("GET /w/admin/categories/{id}", s.staff(s.adminCategory))
	mux.HandleFunc("POST /w/admin/categories/{id}", s.staff(s.adminCategorySave))
	mux.HandleFunc("GET /w/admin/duties", s.staff(s.adminDuties))
	mux.HandleFunc("GET /w/admin/rules", s.staff(s.adminRules))
	mux.HandleFunc("POST /w/admin/rules", s.staff(s.adminRuleCreate))
	mux.HandleFunc("GET /w/admin/rules/{id}", s.staff(s.adminRule))
	mux.HandleFunc("POST /w/admin/rules/{id}", s.staff(s.adminRuleSave))
	mux.HandleFunc("GET /w/admin/holidays", s.staff(s.adminHolidays))
	mux.HandleFunc("POST /w/admin/holidays", s.staff(s.adminHolidaysSave))
	mux.HandleFunc("GET /w/admin/articles", s.staff(s.adminArticles))
	mux.HandleFunc("GET /w/admin/articles/new", s.staff(s.adminArticleNew))
	mux.HandleFunc("GET /w/admin/articles/{id}", s.staff(s.adminArticle))
	mux.HandleFunc("POST /w/admin/articles/{id}", s.staff(s.adminArticleSave))
	mux.HandleFunc("GET /w/admin/keys", s.staff(s.adminKeys))
	mux.HandleFunc("POST /w/admin/keys", s.staff(s.adminKeyCreate))
	mux.HandleFunc("POST /w/admin/keys/{id}/revoke", s.staff(s.adminKeyRevoke))
	// Imports of other channels' files, for the roles allowed to import.
	mux.HandleFunc("GET /w/admin/imports", s.staff(s.importsList))
	mux.HandleFunc("POST /w/admin/imports", s.staffLimit(s.importUpload, maxImportUpload+1<<20))
	mux.HandleFunc("GET /w/admin/imports/{id}", s.staff(s.importShow))
	mux.HandleFunc("POST /w/admin/imports/{id}/check", s.staff(s.importCheck))
	mux.HandleFunc("POST /w/admin/imports/{id}/commit", s.staff(s.importCommit))
}

// adminSections are the admin pages in the order the left column lists them.
var adminSections = []string{"orgs", "users", "categories", "duties", "rules", "holidays", "articles", "keys"}

// AdminLink is one admin page in the left column.
type AdminLink struct {
	Href, Label string
	On          bool
}

// AdminLinks lists the admin pages for a user the permission table lets
// change configuration; for everyone else it is empty, so the left column
// shows only queues.
func (b *Base) AdminLinks() []AdminLink {
	if b.User == nil || minsheng.Permit(b.User.Role, minsheng.OpOrgWrite) == minsheng.ScopeNone {
		return nil
	}
	out := make([]AdminLink, len(adminSections))
	for i, sec := range adminSections {
		href := "/w/admin/" + sec
		out[i] = AdminLink{Href: href, Label: b.T("admin." + sec), On: b.Path == href || strings.HasPrefix(b.Path, href+"/")}
	}
	return out
}

// CanReadLog reports whether the left column links the operator's log.
func (b *Base) CanReadLog() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpSeatLogRead) != minsheng.ScopeNone
}

// adminPage is what every admin page carries: the workbench around it,
// field errors of the form that came back, and a line for the whole page.
type adminPage struct {
	Base
	Errors  map[string]string
	Problem string
	Done    string
}

func (s *Server) adminBase(w http.ResponseWriter, r *http.Request, u *minsheng.User, titleKey string) (adminPage, error) {
	b, err := s.staffBase(w, r, u, titleKey)
	if err != nil {
		return adminPage{}, err
	}
	p := adminPage{Base: b, Errors: map[string]string{}}
	if r.URL.Query().Get("saved") == "1" {
		p.Done = b.T("admin.saved")
	}
	return p, nil
}

// adminHome sends an admin to the first admin page, and anyone else to the
// permission table's refusal.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	if minsheng.Permit(u.Role, minsheng.OpOrgWrite) == minsheng.ScopeNone {
		return minsheng.Forbidden(u.Role, minsheng.OpOrgWrite)
	}
	http.Redirect(w, r, "/w/admin/orgs", http.StatusSeeOther)
	return nil
}

// formError places a refused save: an invalid field gets its message under
// that field (from the catalogue when it has one), a conflict or a refusal
// without a field becomes the page's problem line. Any other error is
// returned to be rendered as an error page.
func (p *adminPage) formError(err error) error {
	switch minsheng.ErrorCode(err) {
	case minsheng.EINVALID, minsheng.ECONFLICT, minsheng.EUNPROCESSABLE:
	default:
		return err
	}
	field := minsheng.ErrorField(err)
	if field == "" {
		p.Problem = minsheng.ErrorMessage(err)
		return nil
	}
	msg := p.T("admin.err." + field)
	if msg == "admin.err."+field {
		msg = minsheng.ErrorMessage(err)
	}
	p.Errors[field] = msg
	return nil
}

// Err is the message under a field, for templates.
func (p *adminPage) Err(field string) string { return p.Errors[field] }

// formInt reads an integer field; an empty field is 0, anything else that
// is not a number is an error naming the field.
func formInt(r *http.Request, name string) (int64, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, minsheng.Invalid(name, "must be a whole number")
	}
	return n, nil
}

// pathID reads the {id} of an admin page's address.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, minsheng.Errorf(minsheng.ENOTFOUND, "no such %s", what)
	}
	return id, nil
}

// saved answers a successful save by going back to the list with a toast,
// so a reload does not post the form again.
func saved(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to+"?saved=1", http.StatusSeeOther)
}

// orgOpt is an organisation in a select, indented by depth.
type orgOpt struct {
	ID       int64
	Label    string
	Depth    int
	Disabled bool
	Org      *minsheng.Org
}

// orgTreeOptions lists organisations depth first with their depth, for the
// tree view and the pickers.
func orgTreeOptions(orgs []*minsheng.Org) []orgOpt {
	kids := map[int64][]*minsheng.Org{}
	for _, o := range orgs {
		kids[o.ParentID] = append(kids[o.ParentID], o)
	}
	var out []orgOpt
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		for _, o := range kids[parent] {
			out = append(out, orgOpt{ID: o.ID, Label: strings.Repeat("\u3000", depth) + o.Name, Depth: depth, Disabled: o.Disabled, Org: o})
			walk(o.ID, depth+1)
		}
	}
	walk(0, 0)
	return out
}
