package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middleware so that the first listed runs first.
func Chain(h http.Handler, mw ...Middleware) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

type ctxKey int

const traceKey ctxKey = 0

// trace is what the access log learns while a request is served: its id,
// and the user once authentication has found one.
type trace struct {
	id     string
	userID int64
}

// RequestID returns the id of the request being served ("" outside one).
func RequestID(ctx context.Context) string {
	if t, ok := ctx.Value(traceKey).(*trace); ok {
		return t.id
	}
	return ""
}

// SetUser records the authenticated user for the access log.
func SetUser(ctx context.Context, id int64) {
	if t, ok := ctx.Value(traceKey).(*trace); ok {
		t.userID = id
	}
}

// recorder remembers the status a handler wrote.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Flush lets server-sent events through the recorder.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap exposes the original writer to http.ResponseController.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// AccessLog logs one line per request: method, route pattern, status,
// duration, user and request id. A client's X-Request-Id is kept when it is
// short and printable, so a call can be followed across systems. With debug
// logging on, the query string and client address are added.
func AccessLog(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			t := &trace{id: requestID(r)}
			w.Header().Set("X-Request-Id", t.id)
			rec := &recorder{ResponseWriter: w}
			r = r.WithContext(context.WithValue(r.Context(), traceKey, t))
			next.ServeHTTP(rec, r)
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			attrs := []any{"method", r.Method, "route", route, "status", rec.status,
				"duration_ms", float64(time.Since(start).Microseconds()) / 1000, "user_id", t.userID, "request_id", t.id}
			if log.Enabled(r.Context(), slog.LevelDebug) {
				attrs = append(attrs, "path", r.URL.Path, "query", r.URL.RawQuery, "remote", r.RemoteAddr, "bytes", rec.bytes)
			}
			log.Info("request", attrs...)
		})
	}
}

func requestID(r *http.Request) string {
	if v := r.Header.Get("X-Request-Id"); v != "" && len(v) <= 64 && printable(v) {
		return v
	}
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// SecurityHeaders sets the headers every answer carries: no MIME sniffing,
// no framing, no referrer leaking case numbers to other sites, and a content
// security policy that allows only the site's own scripts and styles.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		next.ServeHTTP(w, r)
	})
}

// Recover turns a panic in a handler into a logged 500.
func (rd *Renderer) Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				rd.Error(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
