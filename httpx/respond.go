package httpx

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"minsheng"
)

// statusOf is the one place where error kinds become HTTP statuses.
var statusOf = map[string]int{
	minsheng.EINVALID:       http.StatusBadRequest,
	minsheng.EUNAUTHORIZED:  http.StatusUnauthorized,
	minsheng.EFORBIDDEN:     http.StatusForbidden,
	minsheng.ENOTFOUND:      http.StatusNotFound,
	minsheng.ECONFLICT:      http.StatusConflict,
	minsheng.EPRECONDITION:  http.StatusPreconditionFailed,
	minsheng.ETOOLARGE:      http.StatusRequestEntityTooLarge,
	minsheng.EUNPROCESSABLE: http.StatusUnprocessableEntity,
	minsheng.ERATELIMIT:     http.StatusTooManyRequests,
	minsheng.EINTERNAL:      http.StatusInternalServerError,
}

// Status returns the HTTP status of an error's kind.
func Status(err error) int {
	if st, ok := statusOf[minsheng.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every error: {"error": {...}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong in words a user can act on; Field names
// the input at fault so that a form can point at it.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// Renderer writes errors for one surface. JSON is the default; the web
// surface sets HTML to render a full page, or a fragment for htmx requests.
type Renderer struct {
	Log *slog.Logger
	// HTML, when set, renders errors for requests that want HTML.
	HTML func(w http.ResponseWriter, r *http.Request, status int, d ErrorDetail)
}

// Error writes err with its status. Internal errors are logged with their
// detail and shown as a plain sentence, so no SQL or stack detail leaks.
func (rd *Renderer) Error(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	if status == http.StatusInternalServerError && rd.Log != nil {
		rd.Log.Error("internal error", "method", r.Method, "path", r.URL.Path, "request_id", RequestID(r.Context()), "err", err)
	}
	d := ErrorDetail{Code: minsheng.ErrorCode(err), Message: minsheng.ErrorMessage(err), Field: minsheng.ErrorField(err)}
	if d.Code == "" {
		d.Code = minsheng.EINTERNAL
	}
	if rd.HTML != nil && WantsHTML(r) {
		rd.HTML(w, r, status, d)
		return
	}
	JSON(w, status, ErrorBody{d})
}

// WantsHTML reports whether the client asked for a page or an htmx fragment.
func WantsHTML(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" || strings.HasPrefix(r.Header.Get("Accept"), "text/html")
}

// JSON sends v with an exact Content-Length. json.Marshal escapes <, > and &
// in user text, so the JSON is safe even if a page embeds it.
func JSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
