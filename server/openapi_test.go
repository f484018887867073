package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"minsheng/api"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestOpenAPIMatchesTheRouter fetches the served description and holds it
// against the real router: every documented operation is routed (no 404 or
// 405 from the mux), every route is documented with its errors, every
// action is listed, and every $ref resolves.
func TestOpenAPIMatchesTheRouter(t *testing.T) {
	m, _ := testNode(t, storetest.SQLite(t))
	anon := client{t: t, base: m.URL()}
	st, doc := anon.call("GET", "/api/v1/openapi.json", nil)
	if st != 200 || doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi.json: %d %v", st, doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	documented := 0
	for path, ops := range paths {
		for method, op := range ops.(map[string]any) {
			documented++
			o := op.(map[string]any)
			resp := o["responses"].(map[string]any)
			if resp["400"] == nil || resp["500"] == nil || resp["405"] == nil {
				t.Errorf("%s %s: errors not described: %v", method, path, keys(resp))
			}
			if o["security"] != nil && (resp["401"] == nil || resp["403"] == nil) {
				t.Errorf("%s %s: 401/403 not described", method, path)
			}
			url := strings.NewReplacer("{id}", "1", "{action}", "comment", "{year}", "2031", "{code}", "ABCDEFGHJKMN", "{queue}", "overdue").Replace(path)
			req, _ := http.NewRequest(strings.ToUpper(method), m.URL()+url, strings.NewReader("{}"))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			json.NewDecoder(res.Body).Decode(&body)
			res.Body.Close()
			if res.StatusCode == 405 || strings.HasPrefix(body.Error.Message, "no such endpoint") {
				t.Errorf("documented %s %s is not routed: %d %s", method, path, res.StatusCode, body.Error.Message)
			}
		}
	}
	if n := len((&api.Server{}).Table()); documented != n {
		t.Errorf("%d operations documented, %d routes", documented, n)
	}
	action := paths["/api/v1/cases/{id}/{action}"].(map[string]any)["post"].(map[string]any)
	var enum []any
	for _, p := range action["parameters"].([]any) {
		if p.(map[string]any)["name"] == "action" {
			enum = p.(map[string]any)["schema"].(map[string]any)["enum"].([]any)
		}
	}
	for _, a := range lifecycle.Actions() {
		if !slices.Contains(enum, any(string(a))) {
			t.Errorf("action %s is not documented", a)
		}
	}
	raw, _ := json.Marshal(doc)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, part := range strings.Split(string(raw), `"$ref":"#/components/schemas/`)[1:] {
		name := part[:strings.Index(part, `"`)]
		if schemas[name] == nil {
			t.Errorf("$ref to missing schema %s", name)
		}
	}
}

func keys(m map[string]any) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return fmt.Sprint(out)
}
