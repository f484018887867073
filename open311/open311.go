// Package open311 serves the Open311 GeoReport v2 standard under
// /open311/v2/, so that apps and city systems that already speak it can file
// and follow requests without learning our API. It is a thin surface: it
// parses the standard's form fields and paths, calls the use cases of
// package service (the same intake every channel uses), and renders their
// results as the standard's JSON or XML. Our categories are its services;
// our lifecycle states are its open and closed.
package open311

import (
	"encoding/xml"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// Prefix is where the standard is served.
const Prefix = "/open311/v2/"

// Config says what the discovery document tells clients.
type Config struct {
	// Jurisdiction is this hotline's jurisdiction_id; requests naming
	// another are refused. Default "12345".
	Jurisdiction string
	// Contact is the human contact in the discovery document.
	Contact string
}

// Handler serves GeoReport v2.
type Handler struct {
	svc *service.Service
	log *slog.Logger
	cfg Config
	rd  *httpx.Renderer
}

// New returns the Open311 surface over the use cases.
func New(svc *service.Service, log *slog.Logger, cfg Config) *Handler {
	if log == nil {
		log = slog.Default()
	}
	if cfg.Jurisdiction == "" {
		cfg.Jurisdiction = "12345"
	}
	if cfg.Contact == "" {
		cfg.Contact = "12345 政务服务便民热线"
	}
	return &Handler{svc: svc, log: log, cfg: cfg, rd: &httpx.Renderer{Log: log}}
}

// endpoint is one handler; format is "json" or "xml", name the path
// segment without its extension.
type endpoint func(w http.ResponseWriter, r *http.Request, format, name string) error

// Routes returns the handler for everything under Prefix, behind the shared
// access log, security headers and panic recovery.
func (h *Handler) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET "+Prefix+"{doc}", h.serve(h.top))
	mux.Handle("POST "+Prefix+"{doc}", h.serve(h.post))
	mux.Handle("GET "+Prefix+"services/{doc}", h.serve(h.serviceDefinition))
	mux.Handle("GET "+Prefix+"requests/{doc}", h.serve(h.request))
	mux.Handle("GET "+Prefix+"tokens/{doc}", h.serve(h.token))
	mux.Handle("/open311/", h.serve(func(w http.ResponseWriter, r *http.Request, format, _ string) error {
		return status(http.StatusNotFound, "no such Open311 endpoint; see "+Prefix+"discovery.json")
	}))
	return httpx.Chain(mux, httpx.AccessLog(h.log), httpx.SecurityHeaders, h.rd.Recover)
}

// serve splits the format off the last path segment and renders errors in
// the standard's format.
func (h *Handler) serve(e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, format := splitFormat(r.PathValue("doc"))
		if r.PathValue("doc") == "" {
			_, format = splitFormat(r.URL.Path)
		}
		if format == "" {
			format = "json"
			h.fail(w, r, format, status(http.StatusNotFound, "add the format to the path: .json or .xml"))
			return
		}
		if err := e(w, r, format, name); err != nil {
			h.fail(w, r, format, err)
		}
	})
}

// splitFormat splits "requests.json" into "requests" and "json"; the format
// is "" when it is neither json nor xml.
func splitFormat(s string) (name, format string) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return s, ""
	}
	switch ext := strings.ToLower(s[i+1:]); ext {
	case "json", "xml":
		return s[:i], ext
	}
	return s, ""
}

// statusError is a refusal with the standard's status code.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return e.msg }

func status(code int, msg string) error { return &statusError{code, msg} }

// apiError is one entry of the standard's error list.
type apiError struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

type xmlErrors struct {
	XMLName xml.Name   `xml:"errors"`
	Errors  []apiError `xml:"error"`
}

// fail renders an error as the standard's list of errors. The standard
// knows 400 (a missing or bad field), 403 (a bad api_key) and 404; a
// session-less API key refusal (401 in our API) is its 403, and a throttled
// key gets 429 with Retry-After.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, format string, err error) {
	var e apiError
	if se, ok := err.(*statusError); ok {
		e = apiError{se.code, se.msg}
	} else {
		e = apiError{httpx.Status(err), minsheng.ErrorMessage(err)}
		if e.Code == http.StatusUnauthorized {
			e.Code = http.StatusForbidden
		}
		var t *service.Throttled
		if errors.As(err, &t) {
			w.Header().Set("Retry-After", t.RetryAfterSeconds())
		}
		if e.Code >= 500 {
			h.log.Error("open311 internal error", "method", r.Method, "path", r.URL.Path,
				"request_id", httpx.RequestID(r.Context()), "err", err)
			e.Description = "internal error"
		}
	}
	h.write(w, format, e.Code, []apiError{e}, xmlErrors{Errors: []apiError{e}})
}

// write renders the JSON value or the XML value, by format.
func (h *Handler) write(w http.ResponseWriter, format string, code int, jsonV, xmlV any) {
	if format == "json" {
		httpx.JSON(w, code, jsonV)
		return
	}
	body, err := xml.MarshalIndent(xmlV, "", "  ")
	if err != nil {
		h.log.Error("open311 xml", "err", err)
		code, body = http.StatusInternalServerError, []byte("<errors><error><code>500</code><description>internal error</description></error></errors>")
	}
	body = append([]byte(xml.Header), append(body, '\n')...)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	w.Write(body)
}

// cst is the time zone the hotline works in; datetimes are W3C (RFC 3339)
// with its offset.
var cst = time.FixedZone("CST", 8*3600)

func w3c(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cst).Format(time.RFC3339)
}

// parseW3C reads a W3C datetime, or a bare date (midnight in CST).
func parseW3C(field, v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", v, cst); err == nil {
		return t, nil
	}
	return time.Time{}, status(http.StatusBadRequest, field+": not a W3C datetime such as 2026-11-30T09:30:00+08:00")
}

// checkJurisdiction refuses a jurisdiction_id other than ours.
func (h *Handler) checkJurisdiction(r *http.Request) error {
	if j := r.FormValue("jurisdiction_id"); j != "" && j != h.cfg.Jurisdiction {
		return status(http.StatusNotFound, "jurisdiction_id not found: this endpoint serves "+h.cfg.Jurisdiction)
	}
	return nil
}
