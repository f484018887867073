package api

import (
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// reply answers with v, 201 when a record was created.
func reply(w http.ResponseWriter, created bool, v any) error {
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	httpx.JSON(w, status, v)
	return nil
}

func (s *Server) listOrgs(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) createOrg(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.NewOrg
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	o, err := s.svc.CreateOrg(r.Context(), u, in)
	if err != nil {
		return err
	}
	return reply(w, true, o)
}

func (s *Server) updateOrg(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "organisation")
	if err != nil {
		return err
	}
	var p service.OrgPatch
	if err := httpx.Decode(w, r, &p); err != nil {
		return err
	}
	o, err := s.svc.UpdateOrg(r.Context(), u, id, p)
	if err != nil {
		return err
	}
	return reply(w, false, o)
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Users(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.NewUser
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.svc.CreateUser(r.Context(), u, in)
	if err != nil {
		return err
	}
	return reply(w, true, v)
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "user")
	if err != nil {
		return err
	}
	var p service.UserPatch
	if err := httpx.Decode(w, r, &p); err != nil {
		return err
	}
	v, err := s.svc.UpdateUser(r.Context(), u, id, p)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) listCategories(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Categories(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) createCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.saveCategory(w, r, u, 0)
}

func (s *Server) updateCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "category")
	if err != nil {
		return err
	}
	return s.saveCategory(w, r, u, id)
}

func (s *Server) saveCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User, id int64) error {
	var p service.CategoryPatch
	if err := httpx.Decode(w, r, &p); err != nil {
		return err
	}
	c, err := s.svc.SaveCategory(r.Context(), u, id, p)
	if err != nil {
		return err
	}
	return reply(w, id == 0, c)
}

func (s *Server) listRules(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.DeadlineRules(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) createRule(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.saveRule(w, r, u, 0)
}

func (s *Server) updateRule(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "deadline rule")
	if err != nil {
		return err
	}
	return s.saveRule(w, r, u, id)
}

func (s *Server) saveRule(w http.ResponseWriter, r *http.Request, u *minsheng.User, id int64) error {
	var p service.RulePatch
	if err := httpx.Decode(w, r, &p); err != nil {
		return err
	}
	rule, err := s.svc.SaveDeadlineRule(r.Context(), u, id, p)
	if err != nil {
		return err
	}
	return reply(w, id == 0, rule)
}

func (s *Server) listHolidays(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Holidays(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

// holidaysBody is the shape GET /holidays answers and PUT takes back.
type holidaysBody struct {
	Year  int                   `json:"year,omitempty"`
	Items []minsheng.HolidayDay `json:"items"`
}

func (s *Server) setHolidays(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return minsheng.Invalid("year", "a year between 2000 and 2100")
	}
	var body holidaysBody
	if err := httpx.Decode(w, r, &body); err != nil {
		return err
	}
	if body.Year != 0 && body.Year != year {
		return minsheng.Invalid("year", "the body is for %d but the path for %d", body.Year, year)
	}
	days, err := s.svc.SetHolidays(r.Context(), u, year, body.Items)
	if err != nil {
		return err
	}
	return reply(w, false, holidaysBody{Year: year, Items: days})
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	text := q.String("q", 100)
	if err := q.Err(); err != nil {
		return err
	}
	v, err := s.svc.Articles(r.Context(), u, text)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "article")
	if err != nil {
		return err
	}
	a, err := s.svc.Article(r.Context(), u, id)
	if err != nil {
		return err
	}
	return reply(w, false, a)
}

func (s *Server) createArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.saveArticle(w, r, u, 0)
}

func (s *Server) updateArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "article")
	if err != nil {
		return err
	}
	return s.saveArticle(w, r, u, id)
}

func (s *Server) saveArticle(w http.ResponseWriter, r *http.Request, u *minsheng.User, id int64) error {
	var p service.ArticlePatch
	if err := httpx.Decode(w, r, &p); err != nil {
		return err
	}
	a, err := s.svc.SaveArticle(r.Context(), u, id, p)
	if err != nil {
		return err
	}
	return reply(w, id == 0, a)
}
