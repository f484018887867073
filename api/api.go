// Package api is minsheng's JSON API under /api/v1: thin handlers that decode,
// check the caller, call the store and encode. Errors map to statuses in one
// place (errors.go).
package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"minsheng"
	"minsheng/auth"
	"minsheng/lifecycle"
	"minsheng/store"
)

// Store is what the API needs from storage; *store.Store implements it.
type Store interface {
	Ping(ctx context.Context) error
	CreateCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string) (bool, error)
	Case(ctx context.Context, id int64) (*minsheng.Case, error)
	CaseByTrackingCode(ctx context.Context, code string) (*minsheng.Case, error)
	Events(ctx context.Context, caseID int64) ([]minsheng.Event, error)
	ListCases(ctx context.Context, f minsheng.CaseFilter) ([]*minsheng.Case, error)
	RelatedCases(ctx context.Context, c *minsheng.Case) (merged, sameCaller []*minsheng.Case, err error)
	Act(ctx context.Context, id int64, a minsheng.Actor, req lifecycle.Request) (*minsheng.Case, minsheng.Event, error)
	CaseHeads(ctx context.Context, ids []int64) (map[int64]*minsheng.Case, error)
	Articles(ctx context.Context) ([]*minsheng.Article, error)
	Article(ctx context.Context, id int64) (*minsheng.Article, error)
	SaveArticle(ctx context.Context, a *minsheng.Article) error

	Orgs(ctx context.Context) (*minsheng.OrgTree, error)
	CreateOrg(ctx context.Context, o *minsheng.Org) error
	UpdateOrg(ctx context.Context, o *minsheng.Org) error
	Categories(ctx context.Context) ([]minsheng.Category, error)
	SaveCategory(ctx context.Context, c *minsheng.Category) error
	DeadlineRules(ctx context.Context) ([]minsheng.DeadlineRule, error)
	SaveDeadlineRule(ctx context.Context, r *minsheng.DeadlineRule) error
	Holidays(ctx context.Context) ([]minsheng.HolidayDay, error)
	SetHolidays(ctx context.Context, year int, days []minsheng.HolidayDay) error

	CreateUser(ctx context.Context, u *minsheng.User) error
	UpdateUser(ctx context.Context, u *minsheng.User) error
	User(ctx context.Context, id int64) (*minsheng.User, error)
	UserByName(ctx context.Context, username string) (*minsheng.User, error)
	Users(ctx context.Context) ([]*minsheng.User, error)
	CreateSession(ctx context.Context, token string, userID int64, ttl time.Duration) (time.Time, error)
	SessionUser(ctx context.Context, token string) (*minsheng.User, time.Time, error)
	RevokeSession(ctx context.Context, token string) error
}

var _ Store = (*store.Store)(nil)

// Server serves the JSON API.
type Server struct {
	store    Store
	assist   Assistant
	log      *slog.Logger
	sessions *sessionCache
	heads    headCache
	throttle *auth.Throttle // failed logins per user and address
	guesses  *auth.Throttle // unknown tracking codes per address
	// TokenTTL is how long a login lasts.
	TokenTTL time.Duration
}

// New returns an API server over the store; as may be nil (no suggestions).
func New(s Store, as Assistant, log *slog.Logger) *Server {
	return &Server{store: s, assist: as, log: log, sessions: newSessionCache(), throttle: auth.NewThrottle(5, 15*time.Minute),
		guesses:  auth.NewThrottle(30, 10*time.Minute),
		TokenTTL: 12 * time.Hour}
}

// maxBody bounds request bodies; larger ones get 413.
const maxBody = 1 << 20

// Routes returns the API's handler. Every route but login, health and the
// public tracking view requires a bearer token.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("POST /api/v1/login", s.login)
	mux.HandleFunc("GET /api/v1/track/{code}", s.track)

	authed := func(pattern string, h func(http.ResponseWriter, *http.Request, *minsheng.User)) {
		mux.Handle(pattern, s.authenticate(h))
	}
	authed("POST /api/v1/logout", s.logout)
	authed("GET /api/v1/me", s.me)

	authed("POST /api/v1/cases", s.createCase)
	authed("GET /api/v1/cases", s.listCases)
	authed("GET /api/v1/cases/{id}", s.getCase)
	authed("POST /api/v1/cases/{id}/{action}", s.caseAction)

	authed("GET /api/v1/orgs", s.listOrgs)
	authed("POST /api/v1/orgs", s.createOrg)
	authed("PATCH /api/v1/orgs/{id}", s.updateOrg)
	authed("GET /api/v1/users", s.listUsers)
	authed("POST /api/v1/users", s.createUser)
	authed("PATCH /api/v1/users/{id}", s.updateUser)
	authed("GET /api/v1/categories", s.listCategories)
	authed("POST /api/v1/categories", s.createCategory)
	authed("PATCH /api/v1/categories/{id}", s.updateCategory)
	authed("GET /api/v1/deadline-rules", s.listRules)
	authed("POST /api/v1/deadline-rules", s.createRule)
	authed("PATCH /api/v1/deadline-rules/{id}", s.updateRule)
	authed("GET /api/v1/articles", s.listArticles)
	authed("GET /api/v1/articles/{id}", s.getArticle)
	authed("POST /api/v1/articles", s.createArticle)
	authed("PATCH /api/v1/articles/{id}", s.updateArticle)
	authed("GET /api/v1/holidays", s.listHolidays)
	authed("PUT /api/v1/holidays/{year}", s.setHolidays)

	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, minsheng.Errorf(minsheng.ENOTFOUND, "no such endpoint: %s %s", r.Method, r.URL.Path))
	})
	return s.recoverer(mux)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
