package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/service"
)

// TestRateForm posts the tracking page's rating form: without the CSRF
// token it is refused and nothing is recorded; without answers the errors
// sit under the questions with the note kept; a rating of an open case is a
// conflict said in words; a good one redirects to the thanks, and the
// citizen's Chinese note reaches the case unchanged and escaped.
func TestRateForm(t *testing.T) {
	m := node(t)
	svc, bg := backdoor(m), context.Background()
	created, err := svc.SubmitPublic(bg, "10.2.2.2", service.Intake{Content: "公园长椅坏了，坐下去会翻。",
		Citizen: minsheng.Citizen{Name: "周女士", Phone: "13800136000"}})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, m)
	path := "/track/" + created.TrackingCode
	_, page := c.do("GET", path, nil)
	if strings.Contains(page, `id="rate"`) {
		t.Fatal("an open case offers the rating form")
	}
	_, home := c.do("GET", "/", nil) // the open case's page has no form; the portal's token is the same
	good := url.Values{"csrf": {c.csrf(home)}, "solved": {"no"}, "satisfaction": {"dissatisfied"}, "note": {"长椅还是坏的<b>未修</b>"}}
	if res, body := c.do("POST", path+"/rating", good); res.StatusCode != http.StatusConflict || !strings.Contains(body, "还没有办结") {
		t.Fatalf("rating an open case: %d", res.StatusCode)
	}
	if _, err := svc.Act(bg, signIn(t, svc, "agent"), created.ID, lifecycle.Request{Action: lifecycle.Answer,
		Content: "已通知园林处今日维修。"}, false); err != nil {
		t.Fatal(err)
	}

	noCSRF := url.Values{"solved": {"no"}, "satisfaction": {"dissatisfied"}}
	if res, body := c.do("POST", path+"/rating", noCSRF); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "页面已过期") {
		t.Fatalf("without csrf: %d", res.StatusCode)
	}
	if cs, _ := m.Store.Case(bg, created.ID); cs.RatedAt != nil || cs.Status != minsheng.StatusClosed {
		t.Fatalf("a refused form was recorded: %+v", cs)
	}
	_, page = c.do("GET", path, nil)
	empty := url.Values{"csrf": {c.csrf(page)}, "note": {"还想说的话"}}
	res, body := c.do("POST", path+"/rating", empty)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="solved-err"`) ||
		!strings.Contains(body, "请选择您是否满意") || !strings.Contains(body, "还想说的话</textarea>") {
		t.Fatalf("without answers: %d", res.StatusCode)
	}

	res, _ = c.do("POST", path+"/rating", good)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"?rated=1" {
		t.Fatalf("rating: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = c.do("GET", path+"?rated=1", nil)
	if !strings.Contains(body, "感谢您的评价") || strings.Contains(body, `id="rate"`) {
		t.Fatal("the page does not thank, or still offers the form")
	}
	evs, err := m.Store.Events(bg, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := minsheng.Decode[minsheng.RatePayload](evs[len(evs)-1])
	if err != nil || p.Note != "长椅还是坏的<b>未修</b>" {
		t.Fatalf("note stored as %q (%v)", p.Note, err)
	}
	staff := newClient(t, m)
	staff.login("visitor")
	_, body = staff.do("GET", "/w/cases/"+strconv.FormatInt(created.ID, 10), nil)
	if strings.Contains(body, "<b>未修</b>") || !strings.Contains(body, "长椅还是坏的&lt;b&gt;未修&lt;/b&gt;") {
		t.Error("the citizen's note is not escaped on the case page")
	}
	if res, body := c.do("POST", path+"/rating", good); res.StatusCode != http.StatusConflict || !strings.Contains(body, "已经评价过") {
		t.Fatalf("second rating: %d", res.StatusCode)
	}
}
