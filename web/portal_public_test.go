package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng"
	"minsheng/server"
	"minsheng/service"
)

// answeredCases returns the numbers of n closed cases with a reply.
func answeredCases(t *testing.T, m *server.Main, n int) []*minsheng.Case {
	t.Helper()
	p, err := m.Store.PageCases(context.Background(), minsheng.CaseFilter{Status: []minsheng.Status{minsheng.StatusClosed}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []*minsheng.Case
	for _, c := range p.Cases {
		if c.Reply != "" && c.RepliedAt != nil && len(out) < n {
			out = append(out, c)
		}
	}
	if len(out) < n {
		t.Fatalf("only %d answered cases", len(out))
	}
	return out
}

// TestPublishAnswersPages publishes a batch as a supervisor through the
// form: a refusal keeps what was typed and names the field; the batch
// then shows on the portal's 公开答复 page without sign-in, with no
// citizen's phone, and exports for the media. An analyst may not publish.
func TestPublishAnswersPages(t *testing.T) {
	m := node(t)
	cases := answeredCases(t, m, 2)
	c := newClient(t, m)
	c.login("supervisor")
	_, form := c.do("GET", "/w/feedback", nil)
	res, page := c.do("POST", "/w/feedback", url.Values{"csrf": {c.csrf(form)}, "name": {"第1批"}, "cases": {cases[0].Number + "\n99999999"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, `id="fb-cases-err"`) || !strings.Contains(page, cases[0].Number+"\n99999999") {
		t.Fatalf("unknown case: %d", res.StatusCode)
	}
	res, _ = c.do("POST", "/w/feedback", url.Values{"csrf": {c.csrf(form)}, "name": {"2026年第1批媒体集中反馈"}, "cases": {cases[0].Number + "，" + cases[1].Number}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	_, done := c.do("GET", res.Header.Get("Location"), nil)
	if !strings.Contains(done, "共 2 件") || !strings.Contains(done, "/export.xlsx") {
		t.Error("no confirmation or export link after publishing")
	}
	res, book := c.do("GET", "/w/feedback/1/export.xlsx", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(book, "PK") {
		t.Errorf("export: %d", res.StatusCode)
	}
	pub := newClient(t, m)
	res, answers := pub.do("GET", "/answers", nil)
	if res.StatusCode != 200 || !strings.Contains(answers, cases[0].Number) || !strings.Contains(answers, "第 1 批") {
		t.Fatalf("public answers: %d", res.StatusCode)
	}
	for _, cs := range cases {
		if cs.Citizen.Phone != "" && strings.Contains(answers, cs.Citizen.Phone) {
			t.Errorf("case %s: the citizen's phone is on the portal", cs.Number)
		}
	}
	a := newClient(t, m)
	a.login("analyst")
	if res, _ = a.do("GET", "/w/feedback", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("analyst: %d", res.StatusCode)
	}
}

// TestBrowserPublicAnswers shows the portal's published answers on a phone.
func TestBrowserPublicAnswers(t *testing.T) {
	base, ctx, m := browserNode(t)
	cases := answeredCases(t, m, 3)
	sup, err := m.Store.UserByName(context.Background(), "supervisor")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := backdoor(m).PublishFeedback(context.Background(), sup, service.NewFeedbackBatch{Name: "第1批",
		Cases: []string{cases[0].Number, cases[1].Number, cases[2].Number}}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open the public answers", chromedp.EmulateViewport(375, 720), chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("a.plink")), chromedp.Click(chromedp.CSS("a.plink")),
		chromedp.WaitVisible(chromedp.CSS("article.answer")))
	shoot(t, ctx, "answers-375", 375)
}
