package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestSeatTypeAndLog puts the agent at the business-environment seat from
// the admin's user form, takes a call, and finds the seat on the case;
// then writes the call into the operator's log from the seat, where a
// wrong case number is explained under its field, and finds the entry on
// the log page, as a supervisor does too, while a handler may not read it.
func TestSeatTypeAndLog(t *testing.T) {
	m := node(t)
	admin := newClient(t, m)
	admin.login("admin")
	_, page := admin.do("GET", "/w/admin/users", nil)
	uid := regexp.MustCompile(`href="/w/admin/users/(\d+)">编辑<span class="sr-only"> agent<`).FindStringSubmatch(page)
	if uid == nil {
		t.Fatal("agent not listed")
	}
	_, page = admin.do("GET", "/w/admin/users/"+uid[1], nil)
	org := regexp.MustCompile(`<option value="(\d+)" selected>`).FindStringSubmatch(page)
	res, body := admin.post(page, "/w/admin/users/"+uid[1], url.Values{"name": {"林晓燕"}, "role": {"agent"}, "org_id": {org[1]}, "seat_type": {"vip"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="seat_type-err"`) {
		t.Fatalf("unknown seat type: %d", res.StatusCode)
	}
	if res, _ = admin.post(page, "/w/admin/users/"+uid[1], url.Values{"name": {"林晓燕"}, "role": {"agent"}, "org_id": {org[1]}, "seat_type": {"business"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set seat type: %d", res.StatusCode)
	}

	a := newClient(t, m)
	a.login("agent")
	_, page = a.do("GET", "/w/new", nil)
	if !strings.Contains(page, "本坐席：营商环境专席") || !strings.Contains(page, `id="log-text"`) {
		t.Fatal("the seat shows neither its type nor the log form")
	}
	res, _ = a.post(page, "/w/new", url.Values{"key": {"k-seat-1"}, "phone": {"13912345678"}, "content": {"企业开办登记材料被反复退回，影响营业执照办理"}, "urgency": {"normal"}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/w/new?saved=") {
		t.Fatalf("record the call: %d %s", res.StatusCode, loc)
	}
	_, page = a.do("GET", loc, nil)
	num := regexp.MustCompile(`id="log-case" name="case" value="([0-9-]+)"`).FindStringSubmatch(page)
	if num == nil {
		t.Fatal("the log form is not filled with the new case number")
	}
	_, casePage := a.do("GET", "/w/cases/"+strings.TrimPrefix(loc, "/w/new?saved="), nil)
	if !strings.Contains(casePage, `<span class="tag tag-blue">营商环境专席</span>`) {
		t.Fatal("the case does not show the seat it was taken at")
	}
	res, body = a.post(page, "/w/log", url.Values{"back": {"seat"}, "kind": {"opinion"}, "text": {"企业反映开办登记退件多"}, "case": {"20200101-9999999"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="log-case-err"`) || !strings.Contains(body, "企业反映开办登记退件多") {
		t.Fatalf("log with an unknown case number: %d", res.StatusCode)
	}
	res, _ = a.post(page, "/w/log", url.Values{"back": {"seat"}, "kind": {"opinion"}, "text": {"企业反映开办登记退件多<script>"}, "case": {num[1]}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/w/new?logged=1" {
		t.Fatalf("log from the seat: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	s := newClient(t, m)
	s.login("supervisor")
	_, page = s.do("GET", "/w/log", nil)
	if !strings.Contains(page, "企业反映开办登记退件多&lt;script&gt;") || !strings.Contains(page, "林晓燕 · 营商环境专席") || strings.Contains(page, `id="log-text"`) {
		t.Fatal("the supervisor's log page lacks the entry, or offers a form")
	}
	h := newClient(t, m)
	h.login("handler")
	if res, _ := h.do("GET", "/w/log", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("handler reads the operator's log: %d", res.StatusCode)
	}
}
