// Package api is minsheng's JSON API under /api/v1. It only maps JSON and
// query strings to the use cases of package service and their results back
// to JSON; every rule lives in service and the domain. The route table below
// is also what the OpenAPI description and the permission test are built from.
package api

import (
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// Server serves the JSON API.
type Server struct {
	svc *service.Service
	rd  *httpx.Renderer
	log *slog.Logger
	// doc is the OpenAPI description, built from the route table on first ask.
	docOnce sync.Once
	doc     map[string]any
}

// New returns the API over the use cases.
func New(svc *service.Service, log *slog.Logger) *Server {
	return &Server{svc: svc, rd: &httpx.Renderer{Log: log}, log: log}
}

// handler is one endpoint: it gets the signed-in user (nil on public
// routes) and returns an error to render, or nil once it has answered.
type handler func(w http.ResponseWriter, r *http.Request, u *minsheng.User) error

// Route is one endpoint of the API: its pattern, the operation of the
// permission table it performs, and what the OpenAPI description says of it.
type Route struct {
	Method, Path string
	// Op is the permission-table operation; "" only on public routes.
	Op      minsheng.Op
	Public  bool
	Summary string
	// Body is a value of the request body's type, nil when there is none.
	Body any
	// Query lists the query parameters.
	Query []Param
	// Reply is a value of the success answer's type.
	Reply any
	// Produces is the media type of a success answer that is not JSON.
	Produces string
	Status   int
	h        handler
}

// Param is a query parameter of a route.
type Param struct {
	Name, Type, Doc string
}

// Routes returns the API's handler: the routes of Table behind the shared
// middleware (request id and access log, security headers, panic recovery,
// JSON 404 and 405 answers).
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.Table() {
		mux.Handle(rt.Method+" "+rt.Path, s.endpoint(rt))
	}
	return httpx.Chain(s.rd.Unmatched(mux), httpx.AccessLog(s.log), httpx.SecurityHeaders, s.rd.Recover)
}

// endpoint authenticates (unless public) and renders the handler's error.
func (s *Server) endpoint(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u *minsheng.User
		if !rt.Public {
			var err error
			if u, err = s.svc.Authenticate(r.Context(), bearer(r)); err != nil {
				s.fail(w, r, err)
				return
			}
			httpx.SetUser(r.Context(), u.ID)
		}
		if err := rt.h(w, r, u); err != nil {
			s.fail(w, r, err)
		}
	})
}

// fail renders an error, with Retry-After for throttled requests.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var t *service.Throttled
	if errorsAs(err, &t) {
		w.Header().Set("Retry-After", t.RetryAfterSeconds())
	}
	s.rd.Error(w, r, err)
}

// bearer is the credential of a request: a session token or a client
// system's API key in Authorization: Bearer, or an API key in X-API-Key.
func bearer(r *http.Request) string {
	if k := r.Header.Get("X-API-Key"); k != "" {
		return strings.TrimSpace(k)
	}
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// clientIP is the address throttles count by.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
