// Package minsheng holds the domain of a 12345 citizen-request hotline: cases,
// organisations, users, events and the vocabulary of errors. It knows nothing of
// HTTP or SQL; the packages around it implement the interfaces declared here.
package minsheng

import (
	"errors"
	"fmt"
)

// Error codes form the closed set of error kinds that callers branch on; the API
// maps each to exactly one HTTP status.
const (
	EINVALID       = "invalid"             // bad input: a field is missing or malformed
	EUNAUTHORIZED  = "unauthorized"        // no or expired credentials
	EFORBIDDEN     = "forbidden"           // the role may not do this
	ENOTFOUND      = "not_found"           // unknown, or outside the caller's scope
	ECONFLICT      = "conflict"            // not allowed in the current state, or a concurrent change
	EUNPROCESSABLE = "unprocessable"       // well-formed but cannot be honoured: an idempotency key reused with another body
	EPRECONDITION  = "precondition_failed" // a stale If-Match: the record changed since it was read
	ETOOLARGE      = "too_large"           // the request body is over the limit
	ERATELIMIT     = "rate_limited"        // too many attempts
	EINTERNAL      = "internal"            // anything unexpected; details are logged, not shown
)

// Error is a domain error whose Message is safe to show to the user. Field names
// the offending input field for EINVALID so that forms can point at it.
type Error struct {
	Code    string
	Message string
	Field   string
	// Format and Args are the message before formatting. A surface that
	// speaks another language looks the format up in its catalogue and
	// formats the same arguments, so "at least %d characters" reaches a
	// Chinese page as "至少 %d 个字" without a key at every call site.
	Format string
	Args   []any
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("minsheng error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("minsheng error: code=%s message=%s", e.Code, e.Message)
}

// Errorf builds a domain error with a user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// Invalid reports bad input in one field, saying which field and why.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: field + ": " + fmt.Sprintf(format, args...), Format: format, Args: args}
}

// ErrNotFound is returned (wrapped) when a record does not exist or is outside scope.
var ErrNotFound = &Error{Code: ENOTFOUND, Message: "not found"}

// ErrConflict is returned when an optimistic version check fails.
var ErrConflict = &Error{Code: ECONFLICT, Message: "the case was changed by someone else; reload and try again"}

// Is lets errors.Is match any *Error of the same code, so wrapped sentinels work.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && (t.Message == e.Message || t == ErrNotFound || t == ErrConflict)
}

// ErrorCode returns the code of the first domain error in err's chain, or
// EINTERNAL for anything else.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err; internal errors get a
// plain sentence so that no SQL or stack detail leaks.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorField returns the field of an EINVALID error, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
