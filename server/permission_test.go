package server

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"minsheng"
	"minsheng/api"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestEveryRouteHasAPermissionRow holds the router against the permission
// table: a route without a row, an action without a row, or a row that no
// route uses fails.
func TestEveryRouteHasAPermissionRow(t *testing.T) {
	ops := minsheng.Ops()
	used := map[minsheng.Op]bool{}
	for _, rt := range (&api.Server{}).Table() {
		if rt.Public {
			if rt.Op != "" {
				t.Errorf("%s %s is public but names %s", rt.Method, rt.Path, rt.Op)
			}
			continue
		}
		if rt.Op == minsheng.CaseOp("{action}") {
			for _, a := range lifecycle.Actions() {
				op := minsheng.CaseOp(string(a))
				if !slices.Contains(ops, op) {
					t.Errorf("action %s has no row in the permission table", a)
				}
				used[op] = true
			}
			continue
		}
		if !slices.Contains(ops, rt.Op) {
			t.Errorf("%s %s: operation %q has no row in the permission table", rt.Method, rt.Path, rt.Op)
		}
		used[rt.Op] = true
	}
	for _, op := range ops {
		if !used[op] && op != minsheng.OpPersonalData { // personal data is a view and a filter of GET /cases, not a route
			t.Errorf("permission row %s is used by no route", op)
		}
	}
}

// TestProbeEveryRouteAsEveryRole calls every route as every role and checks
// that the answer is 403 exactly when the permission table says no.
func TestProbeEveryRouteAsEveryRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent := login(t, base, "agent")
		_, created := agent.call("POST", "/api/v1/cases", map[string]any{"content": "探测用的诉求：路灯不亮"})
		caseID := fmt.Sprint(created["id"])
		fill := strings.NewReplacer("{id}", caseID, "{year}", "2031", "{queue}", "overdue")
		routes := (&api.Server{}).Table()
		// Logging out ends the session the probe uses: last.
		slices.SortStableFunc(routes, func(a, b api.Route) int {
			return boolInt(a.Op == minsheng.OpSession && a.Method == "POST") - boolInt(b.Op == minsheng.OpSession && b.Method == "POST")
		})
		for _, role := range minsheng.Roles {
			c := login(t, base, string(role))
			for _, rt := range routes {
				if rt.Public {
					continue
				}
				path := fill.Replace(rt.Path)
				if strings.Contains(rt.Path, "/orgs/{id}") {
					path = strings.Replace(rt.Path, "{id}", fmt.Sprint(orgs["edu"]), 1)
				}
				actions := []string{""}
				if strings.HasSuffix(rt.Path, "{action}") {
					actions = actions[:0]
					for _, a := range lifecycle.Actions() {
						actions = append(actions, string(a))
					}
				}
				for _, a := range actions {
					op, p := rt.Op, path
					if a != "" {
						op, p = minsheng.CaseOp(a), strings.Replace(path, "{action}", a, 1)
					}
					var body any
					if rt.Method != "GET" {
						body = map[string]any{}
					}
					c.t = t
					st, out := c.call(rt.Method, p, body)
					denied := minsheng.Permit(role, op) == minsheng.ScopeNone
					if denied != (st == 403) {
						t.Errorf("%s %s %s: %d %v; the table says denied=%v", role, rt.Method, p, st, out, denied)
					}
					if st >= 500 {
						t.Errorf("%s %s %s: %d %v", role, rt.Method, p, st, out)
					}
				}
			}
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
