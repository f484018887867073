package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"unicode/utf8"

	"minsheng"
)

// statusOf is the one place where error kinds become HTTP statuses.
var statusOf = map[string]int{
	minsheng.EINVALID:      http.StatusBadRequest,
	minsheng.EUNAUTHORIZED: http.StatusUnauthorized,
	minsheng.EFORBIDDEN:    http.StatusForbidden,
	minsheng.ENOTFOUND:     http.StatusNotFound,
	minsheng.ECONFLICT:     http.StatusConflict,
	minsheng.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	minsheng.ERATELIMIT:    http.StatusTooManyRequests,
	minsheng.EINTERNAL:     http.StatusInternalServerError,
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// fail writes err as {"error": {...}} with its status. Internal errors are
// logged with their detail and shown as a plain message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := minsheng.ErrorCode(err)
	if code == minsheng.EINTERNAL {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, errorBody{errorDetail{Code: code, Message: minsheng.ErrorMessage(err), Field: minsheng.ErrorField(err)}})
}

// writeJSON sends v with an exact Content-Length. json.Marshal escapes <, >
// and & in user text, so the JSON is safe even if a page embeds it.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// decode reads a JSON body into v, turning every failure into an EINVALID or
// ETOOLARGE error that names the problem.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return minsheng.Errorf(minsheng.ETOOLARGE, "the body is larger than %d bytes", maxBody)
	case err != nil:
		return minsheng.Errorf(minsheng.EINVALID, "could not read the body: %v", err)
	case len(bytes.TrimSpace(raw)) == 0:
		return minsheng.Errorf(minsheng.EINVALID, "the body is empty; send a JSON object")
	case !utf8.Valid(raw):
		// encoding/json would quietly turn GBK bytes into U+FFFD: refuse instead.
		return minsheng.Errorf(minsheng.EINVALID, "the body is not valid UTF-8; send JSON encoded as UTF-8")
	}
	err = json.Unmarshal(raw, v)
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typeErr):
		return minsheng.Invalid(typeErr.Field, "must be a %s, not a JSON %s", typeErr.Type.Kind(), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return minsheng.Errorf(minsheng.EINVALID, "malformed JSON at byte %d: %s", syntaxErr.Offset, syntaxErr.Error())
	}
	return minsheng.Errorf(minsheng.EINVALID, "malformed JSON: %v", err)
}

// recoverer turns a panic in a handler into a logged 500.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.fail(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// orgTree loads the organisation snapshot or answers with the error.
func (s *Server) orgTree(w http.ResponseWriter, r *http.Request) (*minsheng.OrgTree, bool) {
	orgs, err := s.store.Orgs(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return orgs, true
}
