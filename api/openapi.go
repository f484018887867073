package api

import (
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"minsheng"
	"minsheng/httpx"
	"minsheng/lifecycle"
)

// OpenAPI builds the OpenAPI 3.1 description from the route table, so the
// document cannot drift from the router: every route, body, query parameter
// and error answer is listed from the same values that serve requests.
func (s *Server) OpenAPI() map[string]any {
	schemas := map[string]any{}
	paths := map[string]map[string]any{}
	for _, rt := range s.Table() {
		op := map[string]any{"summary": rt.Summary, "operationId": operationID(rt),
			"responses": responses(rt, schemas)}
		if !rt.Public {
			// A session token or a client system's API key, either header.
			op["security"] = []any{map[string]any{"bearer": []string{}}, map[string]any{"apiKey": []string{}}}
			op["x-permission"] = string(rt.Op)
		}
		var params []any
		for _, name := range pathParams(rt.Path) {
			p := map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}}
			if name == "action" {
				p["schema"] = map[string]any{"type": "string", "enum": actionNames()}
			}
			params = append(params, p)
		}
		for _, q := range rt.Query {
			params = append(params, map[string]any{"name": q.Name, "in": "query", "description": q.Doc, "schema": map[string]any{"type": q.Type}})
		}
		if rt.Method == "POST" && rt.Path == "/api/v1/cases" {
			params = append(params, map[string]any{"name": "Idempotency-Key", "in": "header", "schema": map[string]any{"type": "string", "maxLength": 200}})
		}
		if strings.HasSuffix(rt.Path, "/{action}") {
			params = append(params, map[string]any{"name": "If-Match", "in": "header", "description": "the ETag of the case as read (\"7\")", "schema": map[string]any{"type": "string"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.Body != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": schemaRef(reflect.TypeOf(rt.Body), schemas)}}}
		}
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = op
	}
	schemas["Error"] = schemaOf(reflect.TypeOf(httpx.ErrorBody{}), schemas)
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "minsheng 12345 hotline API", "version": "1",
			"description": "Cases from intake to return visit. Errors are {\"error\":{\"code\",\"message\",\"field\"}}; unknown fields are refused."},
		"paths": paths,
		"components": map[string]any{"schemas": schemas,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer",
				"description": "a login session's token, or a client system's API key (msk_…)"},
				"apiKey": map[string]any{"type": "apiKey", "in": "header", "name": "X-API-Key"}}},
	}
}

func (s *Server) openapi(w http.ResponseWriter, _ *http.Request, _ *minsheng.User) error {
	s.docOnce.Do(func() { s.doc = s.OpenAPI() })
	httpx.JSON(w, http.StatusOK, s.doc)
	return nil
}

func operationID(rt Route) string {
	id := strings.ToLower(rt.Method) + strings.NewReplacer("/api/v1", "", "/", "_", "{", "", "}", "", "-", "_", ".", "_").Replace(rt.Path)
	return strings.TrimSuffix(id, "_")
}

func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") {
			out = append(out, strings.Trim(seg, "{}"))
		}
	}
	return out
}

func actionNames() []string {
	var out []string
	for _, a := range lifecycle.Actions() {
		out = append(out, string(a))
	}
	return out
}

// errorStatuses are the error answers a route can give.
func errorStatuses(rt Route) []string {
	out := []string{"400", "500"}
	if !rt.Public {
		out = append(out, "401", "403")
	}
	if strings.Contains(rt.Path, "{") {
		out = append(out, "404")
	}
	if rt.Body != nil {
		out = append(out, "413")
	}
	switch {
	case strings.HasSuffix(rt.Path, "/{action}"):
		out = append(out, "409", "412")
	case rt.Path == "/api/v1/cases" && rt.Method == "POST":
		out = append(out, "422")
	case rt.Path == "/api/v1/login" || strings.HasPrefix(rt.Path, "/api/v1/track") || (rt.Path == "/api/v1/cases" && rt.Method == "GET"):
		out = append(out, "429")
	}
	out = append(out, "405")
	slices.Sort(out)
	return out
}

func responses(rt Route, schemas map[string]any) map[string]any {
	status := rt.Status
	if status == 0 {
		status = http.StatusOK
	}
	out := map[string]any{}
	ok := map[string]any{"description": http.StatusText(status)}
	if rt.Reply != nil {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": schemaRef(reflect.TypeOf(rt.Reply), schemas)}}
	}
	if rt.Produces != "" {
		ok["content"] = map[string]any{rt.Produces: map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}
	}
	out[itoa(status)] = ok
	for _, code := range errorStatuses(rt) {
		n := atoi(code)
		out[code] = map[string]any{"description": http.StatusText(n),
			"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	return out
}

// schemaRef returns a reference to a named struct's schema (adding it to
// schemas) or an inline schema for other types.
func schemaRef(t reflect.Type, schemas map[string]any) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct && t != reflect.TypeOf(time.Time{}) && t.Name() != "" {
		name := schemaName(t)
		if _, ok := schemas[name]; !ok {
			schemas[name] = map[string]any{} // placeholder against recursion
			schemas[name] = schemaOf(t, schemas)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return schemaOf(t, schemas)
}

func schemaName(t reflect.Type) string {
	name := t.Name()
	if i := strings.Index(name, "["); i >= 0 { // generic: Page[service.CaseView]
		inner := name[i+1 : len(name)-1]
		name = name[:i] + "Of" + inner[strings.LastIndex(inner, ".")+1:]
	}
	pkg := t.PkgPath()
	if pkg == "minsheng" {
		return name
	}
	return strings.ToUpper(pkg[strings.LastIndex(pkg, "/")+1:][:1]) + pkg[strings.LastIndex(pkg, "/")+2:] + name
}

func schemaOf(t reflect.Type, schemas map[string]any) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeOf(time.Time{}):
		return map[string]any{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return map[string]any{"type": "object", "description": "the action's payload"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": schemaRef(t.Elem(), schemas)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaRef(t.Elem(), schemas)}
	case reflect.Struct:
		props := map[string]any{}
		addFields(t, props, schemas)
		return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	}
	return map[string]any{}
}

func addFields(t reflect.Type, props map[string]any, schemas map[string]any) {
	for _, f := range httpx.JSONFields(t) {
		props[f.Name] = schemaRef(f.Type, schemas)
	}
}
