package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"minsheng/lifecycle"
	"minsheng/server"
	"minsheng/service"
)

// TestBrowserNotifications puts a case due in three hours in the handler's
// unit, runs the escalation rules, and follows the reminder in a browser:
// the top bar counts it, the list shows it (its markup as text), opening it
// marks it read and lands on the case.
func TestBrowserNotifications(t *testing.T) {
	eachBrowserNode(t, func(t *testing.T, base string, ctx context.Context, m *server.Main) {
		svc, bg := backdoor(m), context.Background()
		d, h := signIn(t, svc, "dispatcher"), signIn(t, svc, "handler")
		created, err := svc.CreateCase(bg, d, service.Intake{Channel: "phone", Title: "<b>路灯</b>不亮",
			Content: "和平路路灯连续三晚不亮，行人看不清路。"}, "")
		if err != nil {
			t.Fatal(err)
		}
		due := time.Now().Add(3 * time.Hour)
		if _, err := svc.Act(bg, d, created.ID, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: h.OrgID, DueAt: &due}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Escalate(bg); err != nil {
			t.Fatal(err)
		}
		list, err := svc.Notifications(bg, h, true, 0, 200)
		if err != nil || list.Unread == 0 {
			t.Fatalf("handler has no unread reminder: %+v %v", list, err)
		}
		unread, mine := list.Unread, int64(0)
		for _, n := range list.Items {
			if n.CaseID == created.ID {
				mine = n.ID
			}
		}
		if mine == 0 {
			t.Fatal("no reminder about the new case")
		}

		login(t, ctx, base, "handler")
		if got := text(t, ctx, ".topbar .notices-link .badge"); got != strconv.Itoa(unread) {
			t.Fatalf("top bar badge %q, want %d", got, unread)
		}
		run(t, ctx, "open the list", chromedp.Click(chromedp.CSS(".topbar .notices-link")),
			chromedp.WaitVisible(chromedp.CSS("table.notices")))
		body := text(t, ctx, "table.notices")
		if !strings.Contains(body, "<b>路灯</b>不亮") || !strings.Contains(body, "即将到期") || !strings.Contains(body, created.Number) {
			t.Fatalf("list lacks the reminder (title as text, kind, number): %s", body)
		}
		shoot(t, ctx, "notifications-1280", 1280)
		shoot(t, ctx, "notifications-375", 375)
		chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720))
		run(t, ctx, "open the reminder", chromedp.Click(chromedp.CSS("#notice-"+strconv.FormatInt(mine, 10)+" button")), chromedp.WaitVisible(chromedp.CSS("ol.timeline")))
		if !strings.Contains(text(t, ctx, "main"), created.Number) {
			t.Fatal("opening the reminder did not land on its case")
		}
		after, err := svc.Notifications(bg, h, true, 0, 200)
		if err != nil || after.Unread != unread-1 {
			t.Fatalf("unread after opening: %d (%v), want %d", after.Unread, err, unread-1)
		}
	})
}

// TestLeadersCaseShowsEverywhere has a leader hand a case down and checks
// that the handler's queue and the case page badge it 领导交办, that the
// timeline shows the leader's instruction, and that the leader's case page
// offers the hand-down form.
func TestLeadersCaseShowsEverywhere(t *testing.T) {
	eachNode(t, func(t *testing.T, m *server.Main) {
		svc, bg := backdoor(m), context.Background()
		d, h, l := signIn(t, svc, "dispatcher"), signIn(t, svc, "handler"), signIn(t, svc, "leader")
		created, err := svc.CreateCase(bg, d, service.Intake{Channel: "phone", Content: "小区二次供水水箱多年未清洗，水有异味。"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Act(bg, d, created.ID, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: h.OrgID}, false); err != nil {
			t.Fatal(err)
		}
		leader := newClient(t, m)
		leader.login("leader")
		path := "/w/cases/" + strconv.FormatInt(created.ID, 10)
		_, page := leader.do("GET", path, nil)
		if !strings.Contains(page, `action="`+path+`/leader_assign"`) {
			t.Fatal("the leader's case page offers no hand-down form")
		}
		if _, err := svc.Act(bg, l, created.ID, lifecycle.Request{Action: lifecycle.LeaderAssign, Note: "请三日内清洗水箱并检测水质"}, false); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, m)
		c.login("handler")
		_, queue := c.do("GET", "/w/queues/to_sign", nil)
		if !strings.Contains(queue, created.Number) || !strings.Contains(queue, "领导交办") {
			t.Fatal("the handler's queue does not badge the leader's case")
		}
		_, casePage := c.do("GET", path, nil)
		if !strings.Contains(casePage, "领导交办") || !strings.Contains(casePage, "请三日内清洗水箱并检测水质") {
			t.Fatal("the case page lacks the badge or the leader's instruction")
		}
		_, top := c.do("GET", "/w/", nil)
		if !strings.Contains(top, `class="badge badge-red">1<`) {
			t.Fatal("the top bar does not count the handler's notification")
		}
	})
}
