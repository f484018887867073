package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"minsheng"
	"minsheng/store/storetest"
)

// TestKPIsOverHTTP asks the KPIs as the hotline and as a unit: the unit is
// held to its subtree, other roles are refused, bad questions name the field,
// and the workbook carries the same figures under Chinese headers.
func TestKPIsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, handler, analyst := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "handler"), login(t, base, "analyst")
		var ids []string
		for i := range 2 {
			_, out := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "web",
				"content": fmt.Sprintf("夜间施工噪音扰民，请处理%d", i), "citizen": map[string]any{"phone": "13912345678"}})
			ids = append(ids, fmt.Sprint(out["id"]))
		}
		if st, out := disp.call("POST", "/api/v1/cases/"+ids[0]+"/dispatch", map[string]any{"org_id": orgs["housing"]}); st != 200 {
			t.Fatalf("dispatch: %d %v", st, out)
		}
		if st, out := handler.call("POST", "/api/v1/cases/"+ids[0]+"/return", map[string]any{"reason": "不属于本单位职责"}); st != 200 {
			t.Fatalf("return: %d %v", st, out)
		}
		day := time.Now().In(minsheng.Shanghai).Format(time.DateOnly)
		q := "/api/v1/stats/kpis?from=" + day + "&to=" + day
		runScenarios(t, []scenario{
			{"hotline received", analyst, "GET", q, nil, 200, `"received":2,`},
			{"hotline dispatched", analyst, "GET", q, nil, 200, `"dispatched":1,`},
			{"repeat of the same caller", analyst, "GET", q, nil, 200, `"repeat":1,"repeat_rate":0.5,`},
			{"return rate", analyst, "GET", q, nil, 200, `"return_rate":1,"returned":1,`},
			{"no denominator is null", analyst, "GET", q, nil, 200, `"on_time_rate":null,`},
			{"league table", analyst, "GET", q + "&group_by=org", nil, 200,
				fmt.Sprintf(`"dispatched":1,"on_time_rate":null,"org_id":%d,"org_name":"市住建局"`, orgs["housing"])},
			{"unit sees its subtree", handler, "GET", q, nil, 200, `"received":0,`},
			{"unit's own dispatches", handler, "GET", q, nil, 200, `"dispatched":1,`},
			{"unit below its own", handler, "GET", q + fmt.Sprintf("&org_id=%d", orgs["street"]), nil, 200, `"dispatched":0,`},
			{"unit asks another", handler, "GET", q + fmt.Sprintf("&org_id=%d", orgs["edu"]), nil, 404, `not_found`},
			{"agent may not", agent, "GET", q, nil, 403, `forbidden`},
			{"no period", analyst, "GET", "/api/v1/stats/kpis", nil, 400, `"field":"from"`},
			{"period backwards", analyst, "GET", "/api/v1/stats/kpis?from=2026-02-01&to=2026-01-01", nil, 400, `"field":"to"`},
			{"unknown breakdown", analyst, "GET", q + "&group_by=year", nil, 400, `"field":"group_by"`},
			{"unknown channel", analyst, "GET", q + "&channel=fax", nil, 400, `"field":"channel"`},
			{"by day", analyst, "GET", q + "&group_by=day", nil, 200, `"day":"` + day + `"`},
		})

		req, _ := http.NewRequest("GET", base+"/api/v1/stats/kpis.xlsx?from="+day+"&to="+day+"&group_by=org", nil)
		req.Header.Set("Authorization", "Bearer "+analyst.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("xlsx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		head, _ := json.Marshal(rows[1])
		if !strings.Contains(string(head), `"单位","受理量","派单量","办结量"`) || !strings.Contains(string(head), "按时办结率") {
			t.Fatalf("headers: %s", head)
		}
		found := false
		for _, r := range rows[2:] {
			if r[0] == "市住建局" && r[2] == "1" {
				found = true
			}
		}
		if !found {
			t.Fatalf("no row for 市住建局 with one dispatch: %v", rows)
		}
	})
}
