package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/httpx"
)

// searchPage is the search form with its filters and a page of results,
// newest first, and links that export the same selection as a 台账.
type searchPage struct {
	Base
	caseTable
	Form url.Values // what the form holds, to show it again
	// Searched is set once any filter is given; an empty form lists nothing.
	Searched bool
	// CanPhone shows the phone filter to roles that may look callers up.
	CanPhone   bool
	Statuses   []minsheng.Status
	Channels   []minsheng.Channel
	Categories []catOption
	Orgs       []orgNode
	// Export is the query of the export links (the filters, no paging).
	Export string
	// FieldErrs maps a filter to what is wrong with it.
	FieldErrs map[string]string
}

// searchFields are the form's inputs, in the API's names except
// created_until, which is inclusive (the API's created_to is exclusive).
var searchFields = []string{"q", "status", "category_id", "org_id", "channel", "created_from", "created_until",
	"overdue", "supervised", "citizen_phone"}

// search runs the search form: Chinese full text (case numbers included)
// and filters, in the user's scope. A phone number typed into the top bar
// looks the caller up for roles allowed to; the service throttles that.
func (s *Server) search(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "search.label")
	if err != nil {
		return err
	}
	p := &searchPage{Base: b, Form: url.Values{}, Statuses: minsheng.Statuses, Channels: minsheng.Channels,
		CanPhone: minsheng.Permit(u.Role, minsheng.OpPersonalData) != minsheng.ScopeNone}
	for _, k := range searchFields {
		if v := strings.TrimSpace(r.URL.Query().Get(k)); v != "" {
			p.Form.Set(k, v)
		}
	}
	p.Query = p.Form.Get("q")
	if err := s.searchOptions(r, u, p); err != nil {
		return err
	}
	f, err := searchFilter(r, p)
	if err != nil {
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			return err
		}
		p.FieldErrs = map[string]string{minsheng.ErrorField(err): fieldMessage(p.Lang, err)}
		s.render(w, r, http.StatusUnprocessableEntity, "search", p)
		return nil
	}
	if !p.Searched {
		s.render(w, r, http.StatusOK, "search", p)
		return nil
	}
	cursor := r.URL.Query().Get("cursor")
	f.Cursor, f.Limit = cursor, 50
	page, err := s.svc.ListCases(r.Context(), u, f)
	if err != nil {
		if minsheng.ErrorCode(err) == minsheng.EINVALID {
			p.FieldErrs = map[string]string{minsheng.ErrorField(err): fieldMessage(p.Lang, err)}
			s.render(w, r, http.StatusUnprocessableEntity, "search", p)
			return nil
		}
		return err
	}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return err
	}
	p.Export = exportQuery(f)
	p.fill(page, names, "/w/search?"+p.Form.Encode(), cursor)
	s.render(w, r, http.StatusOK, "search", p)
	return nil
}

// searchFilter reads the form into a case filter with the API's parser,
// then adds the inclusive end date and the top bar's phone shortcut.
func searchFilter(r *http.Request, p *searchPage) (minsheng.CaseFilter, error) {
	f, err := httpx.CaseFilter(r)
	if err != nil {
		return f, err
	}
	q := httpx.NewQuery(r)
	if until := q.Time("created_until"); !until.IsZero() {
		f.To = until.AddDate(0, 0, 1)
	}
	if err := q.Err(); err != nil {
		return f, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, minsheng.Invalid("created_until", "must not be before the start date")
	}
	if f.Phone == "" && looksLikePhone(f.Query) && p.CanPhone {
		f.Phone, f.Query = f.Query, ""
	}
	f.Sort, f.Limit, f.Cursor = "", 0, ""
	p.Searched = f.Query != "" || f.Phone != "" || len(f.Status) > 0 || f.OrgID != 0 || f.CategoryID != 0 ||
		f.Channel != "" || f.Overdue || f.Supervised || !f.From.IsZero() || !f.To.IsZero()
	return f, nil
}

// exportQuery is the filter in the API's parameter names, for the export
// links, so the 台账 holds exactly the cases the page lists.
func exportQuery(f minsheng.CaseFilter) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", f.Query)
	set("citizen_phone", f.Phone)
	var st []string
	for _, s := range f.Status {
		st = append(st, string(s))
	}
	set("status", strings.Join(st, ","))
	if f.OrgID != 0 {
		set("org_id", strconv.FormatInt(f.OrgID, 10))
	}
	if f.CategoryID != 0 {
		set("category_id", strconv.FormatInt(f.CategoryID, 10))
	}
	set("channel", string(f.Channel))
	if f.Overdue {
		set("overdue", "true")
	}
	if f.Supervised {
		set("supervised", "true")
	}
	if !f.From.IsZero() {
		set("created_from", f.From.In(httpx.CST).Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		set("created_to", f.To.In(httpx.CST).Format(time.DateOnly))
	}
	return v.Encode()
}

// searchOptions fills the filters' choices: categories and organisations
// as indented trees.
func (s *Server) searchOptions(r *http.Request, u *minsheng.User, p *searchPage) error {
	cats, err := s.svc.Categories(r.Context(), u)
	if err != nil {
		return err
	}
	p.Categories = categoryOptions(cats)
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return err
	}
	p.Orgs = orgTree(orgs, nil)
	return nil
}

// ExportURL is the export endpoint's address for this selection in a
// format (xlsx or csv). The query is built by url.Values, so it is safe to
// hand to the template as a URL.
func (p *searchPage) ExportURL(format string) template.URL {
	return template.URL("/w/search/export?format=" + url.QueryEscape(format) + "&" + p.Export)
}

// Selected reports whether the form's field holds v, for select options.
func (p *searchPage) Selected(field string, v any) bool {
	switch v := v.(type) {
	case int64:
		return p.Form.Get(field) == strconv.FormatInt(v, 10)
	case minsheng.Status:
		return p.Form.Get(field) == string(v)
	case minsheng.Channel:
		return p.Form.Get(field) == string(v)
	}
	return false
}

// looksLikePhone is 7 to 20 digits, perhaps with + - and spaces.
func looksLikePhone(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' || r == '-' || r == ' ':
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 20
}
