package api

import (
	"net/http"
	"strconv"

	"minsheng"
)

func (s *Server) listCategories(w http.ResponseWriter, r *http.Request, _ *minsheng.User) {
	cats, err := s.store.Categories(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": cats})
}

func (s *Server) createCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	s.saveCategory(w, r, u, 0)
}

func (s *Server) updateCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.saveCategory(w, r, u, id)
}

func (s *Server) saveCategory(w http.ResponseWriter, r *http.Request, u *minsheng.User, id int64) {
	var c minsheng.Category
	if err := adminDecode(w, r, u, &c); err != nil {
		s.fail(w, r, err)
		return
	}
	c.ID = id
	if err := s.store.SaveCategory(r.Context(), &c); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, statusFor(id), c)
}

func statusFor(id int64) int {
	if id == 0 {
		return http.StatusCreated
	}
	return http.StatusOK
}

func (s *Server) listRules(w http.ResponseWriter, r *http.Request, _ *minsheng.User) {
	rules, err := s.store.DeadlineRules(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": rules})
}

func (s *Server) createRule(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	s.saveRule(w, r, u, 0)
}

func (s *Server) updateRule(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.saveRule(w, r, u, id)
}

func (s *Server) saveRule(w http.ResponseWriter, r *http.Request, u *minsheng.User, id int64) {
	var rule minsheng.DeadlineRule
	if err := adminDecode(w, r, u, &rule); err != nil {
		s.fail(w, r, err)
		return
	}
	rule.ID = id
	if err := s.store.SaveDeadlineRule(r.Context(), &rule); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, statusFor(id), rule)
}

func (s *Server) listHolidays(w http.ResponseWriter, r *http.Request, _ *minsheng.User) {
	days, err := s.store.Holidays(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": days})
}

// setHolidays replaces one year's holidays and make-up working days.
func (s *Server) setHolidays(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		s.fail(w, r, minsheng.Invalid("year", "a year between 2000 and 2100"))
		return
	}
	var body struct {
		Days []minsheng.HolidayDay `json:"days"`
	}
	if err := adminDecode(w, r, u, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.SetHolidays(r.Context(), year, body.Days); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": year, "items": body.Days})
}
