package server

import (
	"context"
	"testing"

	"minsheng/store/storetest"
)

// TestHotspotsAndSurgesOverHTTP reports the same problem three times,
// lets the node refresh its lists, and reads them through the API as the
// roles that may and may not.
func TestHotspotsAndSurgesOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		base := m.URL()
		agent, analyst := login(t, base, "agent"), login(t, base, "analyst")
		supervisor, handler := login(t, base, "supervisor"), login(t, base, "handler")
		for _, phone := range []string{"13900000001", "13900000002", "13900000003"} {
			st, out := agent.call("POST", "/api/v1/cases", map[string]any{"title": "东港区渔港新村停水",
				"content": "渔港新村自来水管爆裂，整个小区停水，请尽快抢修。", "address": "东港区渔港新村",
				"citizen": map[string]any{"phone": phone}})
			if st != 201 {
				t.Fatalf("intake: %d %v", st, out)
			}
		}
		if err := m.Service.RefreshTrends(context.Background()); err != nil {
			t.Fatal(err)
		}
		runScenarios(t, []scenario{
			{"analyst reads hotspots", analyst, "GET", "/api/v1/stats/hotspots?days=7", nil, 200, `"place":"东港区 渔港新村"`},
			{"three citizens", analyst, "GET", "/api/v1/stats/hotspots", nil, 200, `"citizens":3`},
			{"days outside the periods", analyst, "GET", "/api/v1/stats/hotspots?days=5", nil, 400, `"field":"days"`},
			{"days not a number", analyst, "GET", "/api/v1/stats/hotspots?days=abc", nil, 400, `"field":"days"`},
			{"supervisor reads surges", supervisor, "GET", "/api/v1/stats/surges?days=30", nil, 200, `"items":[]`},
			{"surges over a year refused", supervisor, "GET", "/api/v1/stats/surges?days=400", nil, 400, `"field":"days"`},
			{"handler may not read hotspots", handler, "GET", "/api/v1/stats/hotspots", nil, 403, `"error"`},
			{"handler may not read surges", handler, "GET", "/api/v1/stats/surges", nil, 403, `"error"`},
		})
	})
}
