package httpx

import (
	"net/http"
	"strings"

	"minsheng"
)

// Unmatched renders the mux's own 404 and 405 answers as errors of the
// surface (JSON or HTML), keeping the Allow header that ServeMux computes,
// so a wrong method gets 405 with Allow and never a silent 404.
func (rd *Renderer) Unmatched(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		probe := &headerProbe{header: http.Header{}}
		h.ServeHTTP(probe, r)
		if probe.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", probe.header.Get("Allow"))
			rd.Error(w, r, minsheng.Errorf(EMETHOD, "%s is not allowed on %s; use %s", r.Method, r.URL.Path,
				orList(probe.header.Get("Allow"))))
			return
		}
		if probe.status == http.StatusNotFound || probe.status == 0 {
			rd.Error(w, r, minsheng.Errorf(minsheng.ENOTFOUND, "no such endpoint: %s %s", r.Method, r.URL.Path))
			return
		}
		mux.ServeHTTP(w, r) // a redirect (trailing slash, cleaned path): let the mux answer
	})
}

// EMETHOD is the error kind of a method the route does not take (405).
const EMETHOD = "method_not_allowed"

func init() { statusOf[EMETHOD] = http.StatusMethodNotAllowed }

// headerProbe captures what the mux's fallback handler would write.
type headerProbe struct {
	header http.Header
	status int
}

func (p *headerProbe) Header() http.Header         { return p.header }
func (p *headerProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *headerProbe) WriteHeader(status int)      { p.status = status }

// orList turns "GET, HEAD, POST" into "GET, HEAD or POST".
func orList(allow string) string {
	if i := strings.LastIndex(allow, ", "); i >= 0 {
		return allow[:i] + " or " + allow[i+2:]
	}
	return allow
}
