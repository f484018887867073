package server

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"minsheng/store/storetest"
)

// seedServices adds a small category tree as an admin: a top category, a
// middle one, two leaves (services) and a disabled leaf (not a service).
func seedServices(t *testing.T, admin client, orgID int64) {
	t.Helper()
	var parent any
	for _, c := range []struct {
		code, name string
		level      int
		disabled   bool
	}{{"700000", "市政管理", 1, false}, {"700100", "道路设施", 2, false}, {"700101", "井盖缺失", 3, false},
		{"700102", "路灯不亮", 3, false}, {"700103", "旧分类", 3, true}} {
		body := map[string]any{"code": c.code, "name": c.name, "level": c.level, "org_id": orgID, "disabled": c.disabled}
		if c.level > 1 {
			body["parent_id"] = parent
		}
		st, out := admin.call("POST", "/api/v1/categories", body)
		if st != 201 {
			t.Fatalf("category %s: %d %v", c.code, st, out)
		}
		if c.level < 3 {
			parent = out["id"]
		}
	}
}

// TestOpen311 runs a client written from the GeoReport v2 specification
// against a real node, in both formats: discovery, services, filing
// requests with an API key, following them by id and token, and the errors.
func TestOpen311(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		admin, agent := login(t, m.URL(), "admin"), login(t, m.URL(), "agent")
		seedServices(t, admin, orgs["housing"])
		st, issued := admin.call("POST", "/api/v1/api-keys", map[string]any{"name": "市民App"})
		if st != 201 || !strings.HasPrefix(fmt.Sprint(issued["key"]), "msk_") {
			t.Fatalf("create key: %d %v", st, issued)
		}
		key := issued["key"].(string)
		g := geoClient{t: t, root: m.URL() + "/open311/v2"}

		// Discovery and services, in both formats.
		var disc specDiscovery
		_, body := g.get("/discovery.json")
		jsonOf(t, body, &disc)
		if len(disc.Endpoints) != 1 || !slices.Contains(disc.Endpoints[0].Formats, "text/xml") || !strings.HasSuffix(disc.Endpoints[0].URL, "/open311/v2") {
			t.Errorf("discovery.json: %s", body)
		}
		_, body = g.get("/discovery.xml")
		xmlOf(t, body, &disc)
		var svcs []specService
		_, body = g.get("/services.json")
		jsonOf(t, body, &svcs)
		var svx specServicesXML
		_, xbody := g.get("/services.xml")
		xmlOf(t, xbody, &svx)
		for _, list := range [][]specService{svcs, svx.Services} {
			codes := []string{}
			for _, s := range list {
				codes = append(codes, s.Code)
				if !s.Metadata || s.Type != "realtime" || s.Group != "道路设施" || s.Name == "" {
					t.Errorf("service %+v", s)
				}
			}
			if !slices.Equal(codes, []string{"700101", "700102"}) {
				t.Errorf("services are the enabled leaves: %v", codes)
			}
		}
		types := map[string]bool{}
		for _, f := range []string{"json", "xml"} {
			var def specDefinition
			st, body := g.get("/services/700101." + f)
			if f == "json" {
				jsonOf(t, body, &def)
			} else {
				xmlOf(t, body, &def)
			}
			if st != 200 || def.Code != "700101" || len(def.Attributes) == 0 {
				t.Fatalf("definition.%s: %d %s", f, st, body)
			}
			for _, a := range def.Attributes {
				types[a.Datatype] = true
				if strings.HasSuffix(a.Datatype, "list") && len(a.Values) == 0 {
					t.Errorf("%s: a list without values", a.Code)
				}
			}
			st, body = g.get("/services/999999." + f)
			wantError(t, "unknown service", st, body, f == "xml", 404)
		}
		for _, dt := range []string{"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"} {
			if !types[dt] {
				t.Errorf("no attribute of datatype %s", dt)
			}
		}

		// Filing: refusals first.
		form := func(kv ...string) url.Values {
			v := url.Values{"api_key": {key}, "service_code": {"700101"}, "lat": {"36.0671"}, "long": {"120.3826"},
				"description": {"人行道井盖缺失，夜里很危险"}}
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i+1] == "" {
					v.Del(kv[i])
				} else {
					v.Set(kv[i], kv[i+1])
				}
			}
			return v
		}
		for _, c := range []struct {
			what string
			form url.Values
			want int
		}{{"no api_key", form("api_key", ""), 403}, {"bad api_key", form("api_key", "msk_0000"), 403},
			{"no location", form("lat", "", "long", ""), 400}, {"no service_code", form("service_code", ""), 400},
			{"unknown service_code", form("service_code", "700103"), 400}, {"no description", form("description", ""), 400},
			{"bad number", form("attribute[people_affected]", "many"), 400}, {"unknown attribute", form("attribute[colour]", "red"), 400},
			{"bad list key", form("attribute[urgency]", "tomorrow"), 400}, {"bad datetime", form("attribute[observed_at]", "yesterday"), 400},
			{"other jurisdiction", form("jurisdiction_id", "nowhere"), 404}} {
			for _, f := range []string{"json", "xml"} {
				st, body, _ := g.post("/requests."+f, c.form)
				wantError(t, c.what+" ("+f+")", st, body, f == "xml", c.want)
			}
		}

		// A request with personal data, attributes of every kind and a photo.
		full := form("first_name", "小明", "last_name", "王", "phone", "13600001111", "email", "wang@example.com",
			"address_string", "市南区香港中路100号", "media_url", "https://img.example.com/a.jpg",
			"attribute[urgency]", "urgent", "attribute[title]", "井盖缺失", "attribute[observed_at]", "2026-11-29T20:30:00+08:00",
			"attribute[people_affected]", "30", "attribute[details]", "已有人绊倒 <b>&amp;</b>")
		full["attribute[hazards][]"] = []string{"traffic", "injury"}
		st, body, _ = g.post("/requests.json", full)
		var filed []specRequest
		jsonOf(t, body, &filed)
		if st != 201 || len(filed) != 1 || filed[0].ID == "" || filed[0].Token == "" {
			t.Fatalf("POST requests.json: %d %s", st, body)
		}
		id, token := filed[0].ID, filed[0].Token
		st, body, _ = g.post("/requests.xml", form())
		var filedX specRequestsXML
		xmlOf(t, body, &filedX)
		if st != 201 || len(filedX.Requests) != 1 || filedX.Requests[0].ID == "" {
			t.Fatalf("POST requests.xml: %d %s", st, body)
		}
		id2 := filedX.Requests[0].ID

		// Following it: by id and token, both formats, no personal data.
		var got []specRequest
		_, body = g.get("/requests/" + id + ".json")
		jsonOf(t, body, &got)
		var gotX specRequestsXML
		_, xbody = g.get("/requests/" + id + ".xml")
		xmlOf(t, xbody, &gotX)
		for _, raw := range [][]byte{body, xbody} {
			for _, secret := range []string{"13600001111", "wang@example.com", "小明", "王小明", token} {
				if strings.Contains(string(raw), secret) {
					t.Errorf("request view shows %q: %s", secret, raw)
				}
			}
		}
		for _, r := range []specRequest{got[0], gotX.Requests[0]} {
			if r.ID != id || r.Status != "open" || r.ServiceCode != "700101" || r.ServiceName != "井盖缺失" ||
				r.Address != "市南区香港中路100号" || r.Lat == nil || *r.Lat != 36.0671 || r.MediaURL != "https://img.example.com/a.jpg" ||
				!strings.Contains(r.Description, "受影响人数：30") || !strings.Contains(r.Description, "已有人绊倒 <b>&amp;</b>") || !strings.Contains(r.Description, "影响交通、人身安全") {
				t.Errorf("request %+v", r)
			}
			for _, ts := range []string{r.Requested, r.Updated, r.Expected} {
				if _, err := time.Parse(time.RFC3339, ts); err != nil {
					t.Errorf("not a W3C datetime: %q", ts)
				}
			}
		}
		var tok []specRequest
		_, body = g.get("/tokens/" + token + ".json")
		jsonOf(t, body, &tok)
		if len(tok) != 1 || tok[0].ID != id {
			t.Errorf("tokens: %s", body)
		}
		_, body = g.get("/tokens/" + token + ".xml")
		var tokX specRequestsXML
		xmlOf(t, body, &tokX)
		if len(tokX.Requests) != 1 || tokX.Requests[0].ID != id {
			t.Errorf("tokens.xml: %s", body)
		}
		st, body = g.get("/tokens/nosuchtoken.xml")
		wantError(t, "unknown token", st, body, true, 404)
		st, body = g.get("/requests/99999.json")
		wantError(t, "unknown request", st, body, false, 404)

		// Inside minsheng it is an ordinary case of the open311 channel.
		st, c := agent.call("GET", "/api/v1/cases/"+id, nil)
		if st != 200 || c["channel"] != "open311" || c["channel_ref"] != token || c["urgency"] != "urgent" || c["title"] != "井盖缺失" {
			t.Fatalf("case %s: %d %v", id, st, c)
		}
		if cit := c["citizen"].(map[string]any); cit["phone"] != "13600001111" || cit["name"] != "王小明" {
			t.Errorf("citizen as an agent sees it: %v", cit)
		}

		// Answered directly, it is closed with the answer as its notes.
		st, out := agent.call("POST", "/api/v1/cases/"+id+"/answer", map[string]any{"content": "已通知维修单位，今日补装井盖。"})
		if st != 200 {
			t.Fatalf("answer: %d %v", st, out)
		}
		list := func(q string) []string {
			t.Helper()
			var rs []specRequest
			st, body := g.get("/requests.json?" + q)
			if st != 200 {
				t.Fatalf("requests.json?%s: %d %s", q, st, body)
			}
			jsonOf(t, body, &rs)
			ids := []string{}
			for _, r := range rs {
				ids = append(ids, r.ID)
				if r.ID == id && (r.Status != "closed" || r.StatusNotes != "已通知维修单位，今日补装井盖。" || r.Expected != "") {
					t.Errorf("answered request: %+v", r)
				}
			}
			slices.Sort(ids)
			return ids
		}
		both := []string{id, id2}
		slices.Sort(both)
		future := url.QueryEscape(time.Now().Add(time.Hour).Format(time.RFC3339))
		for q, want := range map[string][]string{
			"": both, "service_request_id=" + id + "," + id2: both, "status=closed": {id}, "status=open": {id2},
			"status=open,closed": both, "service_code=700101": both, "service_code=700102": {}, "start_date=" + future: {},
			"end_date=" + future: both, "service_request_id=" + id + "&status=open": {id}, // the ids override the filters
		} {
			if got := list(q); !slices.Equal(got, want) {
				t.Errorf("requests.json?%s: %v, want %v", q, got, want)
			}
		}
		var all specRequestsXML
		_, body = g.get("/requests.xml")
		xmlOf(t, body, &all)
		if len(all.Requests) != 2 {
			t.Errorf("requests.xml: %s", body)
		}
		st, body = g.get("/requests.json?status=pending")
		wantError(t, "bad status", st, body, false, 400)
		st, body = g.get("/requests.xml?start_date=last+week")
		wantError(t, "bad date", st, body, true, 400)
		st, body = g.get("/nothing.xml")
		wantError(t, "unknown endpoint", st, body, true, 404)

		// Cases of other channels are not public.
		_, phone := agent.call("POST", "/api/v1/cases", map[string]any{"content": "电话来的诉求，不公开"})
		st, body = g.get(fmt.Sprintf("/requests/%v.json", phone["id"]))
		wantError(t, "a phone case", st, body, false, 404)
	})
}
