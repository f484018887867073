// Package httpx holds what every HTTP surface of minsheng shares: reading
// request bodies and query strings strictly, rendering errors, ETags, security
// headers, request ids and the access log. Surfaces (api, web, open311) stay
// thin because the hard parts live here once.
package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"minsheng"
)

// MaxBody bounds request bodies; larger ones get 413.
const MaxBody = 1 << 20

// Decode reads a JSON object body into v. It refuses what would otherwise
// lose data quietly: fields v does not have, text with NUL characters, bytes
// that are not UTF-8, and trailing values. Errors are EINVALID naming the
// field, or ETOOLARGE.
func Decode(w http.ResponseWriter, r *http.Request, v any) error {
	return DecodeOnly(w, r, v, nil)
}

// DecodeOnly is Decode with an explicit list of the top-level fields the
// request may carry (nil: those of v). The lifecycle uses it: one request
// type serves every action, but each action takes only its own fields.
func DecodeOnly(w http.ResponseWriter, r *http.Request, v any, allowed []string) error {
	raw, err := readBody(w, r, MaxBody, "")
	if err != nil {
		return err
	}
	return decodeRaw(raw, v, allowed)
}

// DecodeLarge is Decode for the few bodies that carry files (base64 photos)
// and so need more than MaxBody: max bounds the body, and a larger one is
// ETOOLARGE naming field with a message that says the limit and what it
// allows (why), instead of a bare byte count.
func DecodeLarge(w http.ResponseWriter, r *http.Request, v any, max int64, field, why string) error {
	raw, err := readBody(w, r, max, why)
	if err != nil {
		if e, ok := err.(*minsheng.Error); ok && e.Code == minsheng.ETOOLARGE {
			e.Field = field
		}
		return err
	}
	return decodeRaw(raw, v, nil)
}

func decodeRaw(raw []byte, v any, allowed []string) error {
	// The generic pass names the field of a NUL or of a field outside an
	// explicit list, and the kind of a body that is no object; most bodies
	// need none of that, and skip it.
	if _, isObj := firstByte(raw); !isObj || allowed != nil || bytes.Contains(raw, []byte(`\u0000`)) {
		if err := checkGeneric(raw, allowed); err != nil {
			return err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields() // nested objects too
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			return syntaxError(err)
		}
		return typeError(err)
	}
	if dec.More() {
		return minsheng.Errorf(minsheng.EINVALID, "the body holds more than one JSON value; send one object")
	}
	return nil
}

// firstByte returns the first non-space byte and whether it opens an object.
func firstByte(raw []byte) (byte, bool) {
	t := bytes.TrimLeft(raw, " \t\r\n")
	if len(t) == 0 {
		return 0, false
	}
	return t[0], t[0] == '{'
}

// checkGeneric decodes the body without a target to find a NUL anywhere and
// top-level fields outside allowed (nil: any).
func checkGeneric(raw []byte, allowed []string) error {
	var generic any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return syntaxError(err)
	}
	if dec.More() {
		return minsheng.Errorf(minsheng.EINVALID, "the body holds more than one JSON value; send one object")
	}
	obj, ok := generic.(map[string]any)
	if !ok {
		return minsheng.Errorf(minsheng.EINVALID, "the body must be a JSON object, not %s", jsonKind(generic))
	}
	if path := findNUL(obj, ""); path != "" {
		return minsheng.Invalid(path, "must not contain the NUL character (U+0000)")
	}
	var unknown []string
	for k := range obj {
		if allowed != nil && !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return minsheng.Invalid(unknown[0], "unknown field%s %s; this request takes %s", plural(len(unknown)),
			strings.Join(unknown, ", "), strings.Join(allowed, ", "))
	}
	return nil
}

func readBody(w http.ResponseWriter, r *http.Request, max int64, why string) ([]byte, error) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) && why != "":
		return nil, minsheng.Errorf(minsheng.ETOOLARGE, "the body is larger than %.1f MB: %s", float64(max)/(1<<20), why)
	case errors.As(err, &tooBig):
		return nil, minsheng.Errorf(minsheng.ETOOLARGE, "the body is larger than %d bytes", max)
	case err != nil:
		return nil, minsheng.Errorf(minsheng.EINVALID, "could not read the body: %v", err)
	case len(bytes.TrimSpace(raw)) == 0:
		return nil, minsheng.Errorf(minsheng.EINVALID, "the body is empty; send a JSON object")
	case !utf8.Valid(raw):
		// encoding/json would quietly turn GBK bytes into U+FFFD: refuse instead.
		return nil, minsheng.Errorf(minsheng.EINVALID, "the body is not valid UTF-8; send JSON encoded as UTF-8")
	}
	return raw, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// findNUL returns the path of the first string (key or value) holding U+0000.
func findNUL(v any, path string) string {
	switch x := v.(type) {
	case string:
		if strings.ContainsRune(x, 0) {
			return path
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := join(path, k)
			if strings.ContainsRune(k, 0) {
				return p
			}
			if got := findNUL(x[k], p); got != "" {
				return got
			}
		}
	case []any:
		for i, e := range x {
			if got := findNUL(e, fmt.Sprintf("%s[%d]", path, i)); got != "" {
				return got
			}
		}
	}
	return ""
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// Field is one JSON field of a struct type: its name and Go type.
type Field struct {
	Name string
	Type reflect.Type
}

// JSONFields lists the fields encoding/json reads into a struct type,
// embedded structs flattened; nil for other types. Decoding refuses fields
// outside this list, and the OpenAPI description documents exactly it.
func JSONFields(t reflect.Type) []Field {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var out []Field
	for i := range t.NumField() {
		f := t.Field(i)
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && ft.Kind() == reflect.Struct {
			out = append(out, JSONFields(ft)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, Field{name, f.Type})
	}
	return out
}

func syntaxError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return minsheng.Errorf(minsheng.EINVALID, "malformed JSON at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return minsheng.Errorf(minsheng.EINVALID, "malformed JSON: the body ends too early")
	}
	return minsheng.Errorf(minsheng.EINVALID, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// typeError says in plain words which field has the wrong JSON type.
func typeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "body"
		}
		return minsheng.Invalid(field, "must be %s, not %s", plainType(te.Type), plainJSON(te.Value))
	}
	if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name := strings.Trim(msg, `"`)
		return minsheng.Invalid(name, "unknown field %s", name)
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return minsheng.Errorf(minsheng.EINVALID, "a time is malformed (%q); use RFC 3339 like 2026-11-30T17:00:00+08:00", pe.Value)
	}
	return minsheng.Errorf(minsheng.EINVALID, "malformed request: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// plainType names a Go type the way a JSON client thinks of it.
func plainType(t reflect.Type) string {
	if t == reflect.TypeOf(time.Time{}) {
		return "a date-time string (RFC 3339)"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return plainType(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "another type"
}

// plainJSON names the JSON value kind that UnmarshalTypeError reports.
func plainJSON(v string) string {
	switch {
	case v == "string":
		return "a string"
	case v == "bool":
		return "true or false"
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case strings.HasPrefix(v, "number"):
		return "a number (" + strings.TrimSpace(strings.TrimPrefix(v, "number")) + ")"
	}
	return v
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	case json.Number:
		return "a number"
	}
	return "an object"
}
