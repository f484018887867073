package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

//go:embed templates
var templateFS embed.FS

// pageNames lists every page; each is templates/NAME.html together with the
// shared layouts. Adding a page here without its file fails start-up.
var pageNames = []string{"quality", "portal_home", "track", "login", "home", "queue", "search", "case", "seat", "seat_history", "seat_articles", "error",
	"field", "admin_outbox", // channels (issue 10)
	"notifications",                                   // supervision and escalation (issue 9)
	"dash", "dash_cases", "portal_public", "feedback", // dashboards, the monthly report and public answers (issue 9)
	"trends", "surge", // hotspots and surge alerts (issue 9)
	"compare", "due", "board", // the dispatcher's and supervisor's pages (issue 8)
	"admin_orgs", "admin_users", "admin_categories", "admin_duties", "admin_rules", "admin_holidays", "admin_articles", "admin_keys", // admin (issue 8)
	"admin_imports", "admin_import", // imports of other channels' files (issue 10)
	"seat_log",                                                             // the operator's log (issue 8)
	"ov_rules", "ov_campaigns", "ov_campaign", "ov_leaders", "ov_disputes", // supervision and escalation pages (ovpages)
}

// pages holds the parsed templates, one set per page.
type pages struct {
	sets map[string]*template.Template
}

func parsePages(as *assets) (*pages, error) {
	funcs := template.FuncMap{"asset": as.url, "fieldOf": fieldOf, "pct": func(f float64) float64 { return f * 100 },
		"qualityOf": qualityOf,
		"rowOf":     func(p *queuePage, r caseRow) queueRow { return queueRow{P: p, R: r} },
		"sideOf": func(p *comparePage, d *service.Detail, cat string, other *service.Detail, merge bool) compareSide {
			return compareSide{P: p, D: d, Cat: cat, Other: other, Merge: merge}
		},
		"urgencies": func() []minsheng.Urgency {
			return []minsheng.Urgency{minsheng.UrgencyNormal, minsheng.UrgencyUrgent, minsheng.UrgencyImmediate}
		}}
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		files := []string{"templates/layout.html", "templates/" + name + ".html"}
		if strings.HasPrefix(name, "admin_") || strings.HasPrefix(name, "ov_") {
			files = append(files, "templates/admin_common.html") // the admin pages' shared parts
		}
		if name == "seat" || name == "seat_log" {
			files = append(files, "templates/log_form.html") // the operator's log form, on both
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, files...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		if t.Lookup("page") == nil {
			return nil, fmt.Errorf("template %s: no \"page\" defined", name)
		}
		p.sets[name] = t
	}
	return p, nil
}

// render executes a page into a buffer first, so a template error becomes a
// clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.sets[name].ExecuteTemplate(&buf, "page", data); err != nil {
		s.log.Error("render page", "page", name, "err", err, "request_id", httpx.RequestID(r.Context()))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store") // pages carry personal data and CSRF tokens
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage is the data of the error page.
type errorPage struct {
	Base
	Status  int
	Message string
}

// renderError is the web's httpx.Renderer.HTML: a full page with the
// message in the user's language where the catalogue has one.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, d httpx.ErrorDetail) {
	s.errorPage(w, r, status, d, nil)
}

// errorPage renders the error page; signed in, it keeps the workbench
// around it (top bar and queues), so the way back is one click.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, d httpx.ErrorDetail, u *minsheng.User) {
	b := s.base(w, r, "")
	if u != nil {
		if sb, err := s.staffBase(w, r, u, ""); err == nil {
			b = sb
		}
	}
	msg := translate(b.Lang, "error."+d.Code)
	if msg == "error."+d.Code {
		msg = d.Message
	}
	b.Title = translate(b.Lang, "error.title")
	s.render(w, r, status, "error", &errorPage{Base: b, Status: status, Message: msg})
}

// fail renders err as an error page; internal errors are logged with their
// detail and shown as a plain sentence.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) { s.failFor(w, r, nil, err) }

// failFor is fail on a workbench page, for the signed-in user u.
func (s *Server) failFor(w http.ResponseWriter, r *http.Request, u *minsheng.User, err error) {
	status := httpx.Status(err)
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "request_id", httpx.RequestID(r.Context()), "err", err)
	}
	code := minsheng.ErrorCode(err)
	if code == "" {
		code = minsheng.EINTERNAL
	}
	msg := minsheng.ErrorMessage(err)
	if status == http.StatusInternalServerError {
		msg = "internal error"
	}
	s.errorPage(w, r, status, httpx.ErrorDetail{Code: code, Message: msg}, u)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, minsheng.Errorf(minsheng.ENOTFOUND, "no such page"))
}
