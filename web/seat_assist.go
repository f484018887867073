package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"minsheng"
	"minsheng/service"
)

// historyFragment is the caller's earlier cases, shown beside the new-call
// form as the number is typed (an htmx fragment).
type historyFragment struct {
	Base
	Phone  string
	Cases  []service.CaseView
	Repeat bool // an open case already exists: a repeat call (重复来电)
}

// seatHistory looks the number up once it is long enough to be one. The
// service allows it only to roles that call citizens back, and throttles it.
func (s *Server) seatHistory(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p := &historyFragment{Base: s.base(w, r, ""), Phone: strings.TrimSpace(r.URL.Query().Get("phone"))}
	if looksLikePhone(p.Phone) && u.Role.SeesFullPhone() {
		page, err := s.svc.ListCases(r.Context(), u, minsheng.CaseFilter{Phone: p.Phone, Limit: 10})
		if err != nil && minsheng.ErrorCode(err) != minsheng.ERATELIMIT && minsheng.ErrorCode(err) != minsheng.EINVALID {
			return err
		}
		if page != nil {
			p.Cases = page.Items
			for _, c := range page.Items {
				if c.Status.Open() {
					p.Repeat = true
				}
			}
		}
	}
	s.render(w, r, http.StatusOK, "seat_history", p)
	return nil
}

// articlesFragment is the knowledge-base articles that match what the agent
// types, so a question can be answered on the spot (直接答复).
type articlesFragment struct {
	Base
	Articles []articleHit
}

type articleHit struct {
	Title, Excerpt string
}

func (s *Server) seatArticles(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p := &articlesFragment{Base: s.base(w, r, "")}
	q := strings.TrimSpace(r.URL.Query().Get("content"))
	if utf8.RuneCountInString(q) >= 2 {
		arts, err := s.svc.Articles(r.Context(), u, q)
		if err != nil && minsheng.ErrorCode(err) != minsheng.EINVALID {
			return err
		}
		for i, a := range arts {
			if i == 5 {
				break
			}
			p.Articles = append(p.Articles, articleHit{Title: a.Title, Excerpt: excerpt(a.Body, 120)})
		}
	}
	s.render(w, r, http.StatusOK, "seat_articles", p)
	return nil
}

func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
