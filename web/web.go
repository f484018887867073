// Package web is minsheng's browser surface: the citizens' portal at / and
// the staff workbench under /w/. Like the JSON API it only parses forms,
// calls one use case of package service and renders the result, so every
// rule about who may do what lives once, in service and the domain.
package web

import (
	"log/slog"
	"net/http"
	"sync"

	"minsheng/httpx"
	"minsheng/service"
)

// Server serves the pages. One value serves a whole node.
type Server struct {
	svc    *service.Service
	log    *slog.Logger
	rd     *httpx.Renderer
	pages  *pages
	assets *assets
	// stopping closes when the node shuts down, ending live streams.
	stopping chan struct{}
	stopOnce sync.Once
	// imports are the uploads of the import page and their runs.
	imports *importJobs
}

// Stop ends the live event streams, so that a graceful shutdown need not
// wait for browsers to hang up, and stops the imports the page started
// (between two transactions: what was written stays, and running the same
// file again goes on from there).
func (s *Server) Stop() {
	s.stopOnce.Do(func() {
		close(s.stopping)
		s.imports.close()
	})
}

// New parses every template and hashes every static file. A missing or
// broken template fails here, at start-up, rather than on a user's request.
func New(svc *service.Service, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.Default()
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{svc: svc, log: log, assets: as, stopping: make(chan struct{}), imports: newImportJobs(log)}
	s.rd = &httpx.Renderer{Log: log, HTML: s.renderError}
	if s.pages, err = parsePages(as); err != nil {
		return nil, err
	}
	return s, nil
}

// Routes returns the pages behind the shared middleware: access log,
// security headers and panic recovery, as the API has them.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/{file}", s.assets)

	mux.HandleFunc("GET /{$}", s.portalHome)
	mux.HandleFunc("POST /submit", s.portalSubmit)
	mux.HandleFunc("GET /track", s.trackForm)
	mux.HandleFunc("GET /track/{code}", s.trackPage)
	mux.HandleFunc("POST /track/{code}/rating", s.trackRate) // the citizen's rating (issue 8)

	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.loginSubmit)
	mux.HandleFunc("POST /logout", s.staff(s.logout))

	mux.HandleFunc("GET /w/{$}", s.staff(s.home))
	mux.HandleFunc("GET /w/queues/{queue}", s.staff(s.queuePage))
	mux.HandleFunc("GET /w/search", s.staff(s.search))
	mux.HandleFunc("GET /w/search/export", s.staff(s.searchExport))
	mux.HandleFunc("GET /w/new", s.staff(s.seat))
	mux.HandleFunc("POST /w/new", s.staff(s.seatSave))
	mux.HandleFunc("GET /w/new/history", s.staff(s.seatHistory))
	mux.HandleFunc("GET /w/new/articles", s.staff(s.seatArticles))
	mux.HandleFunc("GET /w/cases/{id}", s.staff(s.casePage))
	mux.HandleFunc("POST /w/cases/{id}/{action}", s.staff(s.caseAct))
	mux.HandleFunc("GET /w/cases/{id}/quality", s.staff(s.replyQuality))
	// Field reports and photos (issue 10).
	mux.HandleFunc("GET /w/field", s.staff(s.field))
	mux.HandleFunc("POST /w/field", s.staffLimit(s.fieldSave, maxFieldBody))
	mux.HandleFunc("GET /w/photos/{id}", s.staff(s.photo))
	mux.HandleFunc("GET /w/admin/outbox", s.staff(s.outboxPage))
	mux.HandleFunc("POST /w/admin/outbox/{id}/retry", s.staff(s.outboxRetry))
	mux.HandleFunc("POST /w/admin/webhooks", s.staff(s.webhookCreate))
	mux.HandleFunc("POST /w/admin/webhooks/{id}", s.staff(s.webhookSave))
	mux.HandleFunc("POST /w/admin/webhooks/{id}/delete", s.staff(s.webhookDelete))
	// Supervision and escalation (issue 9).
	mux.HandleFunc("GET /w/notifications", s.staff(s.notifications))
	mux.HandleFunc("POST /w/notifications/read-all", s.staff(s.notificationRead))
	mux.HandleFunc("POST /w/notifications/{id}/read", s.staff(s.notificationRead))

	// Dashboards, the monthly report and public answers (issue 9).
	mux.HandleFunc("GET /w/dash", s.staff(s.dashboard))
	mux.HandleFunc("GET /w/dash/cases", s.staff(s.dashCases))
	mux.HandleFunc("GET /w/trends", s.staff(s.trends))
	mux.HandleFunc("GET /w/trends/surges/{id}", s.staff(s.surgeCases))
	mux.HandleFunc("GET /w/report", s.staff(s.reportPage))
	mux.HandleFunc("GET /w/report.xlsx", s.staff(s.reportWorkbook))
	mux.HandleFunc("GET /answers", s.publicAnswers)
	mux.HandleFunc("GET /w/feedback", s.staff(s.feedbackForm))
	mux.HandleFunc("POST /w/feedback", s.staff(s.feedbackPublish))
	mux.HandleFunc("GET /w/feedback/{id}/export.xlsx", s.staff(s.feedbackExport))

	// Operational pages (webops): live queues.
	mux.HandleFunc("GET /w/events", s.staff(s.liveEvents))
	mux.HandleFunc("GET /w/cases/{id}/compare/{other}", s.staff(s.compare))
	mux.HandleFunc("GET /w/cases/{id}/due", s.staff(s.duePreview))
	mux.HandleFunc("GET /w/board", s.staff(s.board))

	s.adminRoutes(mux) // admin pages (webadmin)
	s.seatRoutes(mux)  // the operator's log (webadmin)
	// Supervision and escalation pages (ovpages).
	s.oversightRoutes(mux)

	mux.HandleFunc("/", s.notFound)
	return httpx.Chain(mux, httpx.AccessLog(s.log), httpx.SecurityHeaders, s.rd.Recover)
}
