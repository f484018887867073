package web

import (
	"net/http"
	"strings"
	"unicode"

	"minsheng"
	"minsheng/service"
)

// articlesPage is the knowledge base the seat's suggestions come from: the
// list with a search, or, with Editing set, one article's form.
type articlesPage struct {
	adminPage
	Q        string
	Articles []*minsheng.Article
	Cats     []catRow
	CatName  map[int64]string
	Editing  bool
	ID       int64
	Form     articleForm
}

// articleForm is what the editor typed, kept when the form comes back.
type articleForm struct {
	Title, Body, Keywords string
	CategoryID            int64
	Disabled              bool
}

func (s *Server) articlesData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*articlesPage, error) {
	p, err := s.adminBase(w, r, u, "admin.articles")
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
	return &articlesPage{adminPage: p, Cats: catTree(cats), CatName: names}, nil
}

func (s *Server) adminArticles(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.articlesData(w, r, u)
	if err != nil {
		return err
	}
	p.Q = strings.TrimSpace(r.URL.Query().Get("q"))
	if p.Articles, err = s.svc.Articles(r.Context(), u, p.Q); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_articles", p)
	return nil
}

func (s *Server) adminArticleNew(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.articlesData(w, r, u)
	if err != nil {
		return err
	}
	p.Editing = true
	s.render(w, r, http.StatusOK, "admin_articles", p)
	return nil
}

func (s *Server) adminArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := pathID(r, "article")
	if err != nil {
		return err
	}
	a, err := s.svc.Article(r.Context(), u, id)
	if err != nil {
		return err
	}
	p, err := s.articlesData(w, r, u)
	if err != nil {
		return err
	}
	p.Editing, p.ID = true, id
	p.Form = articleForm{Title: a.Title, Body: a.Body, Keywords: strings.Join(a.Keywords, "，"), CategoryID: a.CategoryID, Disabled: a.Disabled}
	s.render(w, r, http.StatusOK, "admin_articles", p)
	return nil
}

// splitKeywords reads keywords separated by commas (either width), the
// Chinese enumeration comma or spaces.
func splitKeywords(s string) []string {
	out := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || unicode.IsSpace(r)
	})
	if out == nil {
		out = []string{} // none is a list, so the patch clears them
	}
	return out
}

// adminArticleSave creates an article (at /w/admin/articles/0) or changes
// one; the seat's suggestions see it at once.
func (s *Server) adminArticleSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id := int64(0)
	if r.PathValue("id") != "0" {
		var err error
		if id, err = pathID(r, "article"); err != nil {
			return err
		}
	}
	f := articleForm{Title: strings.TrimSpace(r.PostFormValue("title")), Body: strings.TrimSpace(r.PostFormValue("body")),
		Keywords: strings.TrimSpace(r.PostFormValue("keywords")), Disabled: r.PostFormValue("disabled") == "1"}
	cat, err := formInt(r, "category_id")
	f.CategoryID = cat
	if err == nil {
		kw := splitKeywords(f.Keywords)
		if _, err = s.svc.SaveArticle(r.Context(), u, id, service.ArticlePatch{Title: &f.Title, Body: &f.Body, CategoryID: &f.CategoryID,
			Keywords: &kw, Disabled: &f.Disabled}); err == nil {
			saved(w, r, "/w/admin/articles")
			return nil
		}
	}
	p, lerr := s.articlesData(w, r, u)
	if lerr != nil {
		return lerr
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Editing, p.ID, p.Form = true, id, f
	s.render(w, r, http.StatusUnprocessableEntity, "admin_articles", p)
	return nil
}
