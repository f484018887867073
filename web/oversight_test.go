package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/server"
	"minsheng/service"
)

// TestEscalationRulesPage: the admin edits the rules with errors under the
// fields and applies them at once; a supervisor reads them without a save
// button; a handler is refused; a save without its token changes nothing.
func TestEscalationRulesPage(t *testing.T) {
	eachNode(t, func(t *testing.T, m *server.Main) {
		svc, bg := backdoor(m), context.Background()
		admin := signIn(t, svc, "admin")
		before, err := svc.EscalationRules(bg, admin)
		if err != nil {
			t.Fatal(err)
		}
		a := newClient(t, m)
		a.login("admin")
		res, page := a.do("GET", "/w/escalation", nil)
		if res.StatusCode != 200 || !strings.Contains(page, "督办规则") || !strings.Contains(page, `href="/w/escalation"`) {
			t.Fatalf("admin's rules page: %d", res.StatusCode)
		}
		form := url.Values{"enabled": {"1"}, "due_soon_hours": {"12"}, "overdue_level1": {"1"}, "level2_overdue_days": {"5"}, "level2_send_backs": {"3"}}
		if res, _ = a.do("POST", "/w/escalation", form); res.StatusCode != http.StatusForbidden {
			t.Fatalf("save without csrf: %d", res.StatusCode)
		}
		if now, _ := svc.EscalationRules(bg, admin); now.DueSoonHours != before.DueSoonHours || now.Level2SendBacks != before.Level2SendBacks {
			t.Fatalf("a save without its token changed the rules: %+v", now)
		}
		form.Set("csrf", a.csrf(page))
		form.Set("due_soon_hours", "999")
		res, body := a.do("POST", "/w/escalation", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="due_soon_hours-err">请填写 0 到 720 之间的整数`) ||
			!strings.Contains(body, `value="999"`) {
			t.Fatalf("out-of-range hours: %d", res.StatusCode)
		}
		form.Set("due_soon_hours", "12")
		if res, _ = a.do("POST", "/w/escalation", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", res.StatusCode)
		}
		if now, _ := svc.EscalationRules(bg, admin); now.DueSoonHours != 12 || now.Level2OverdueDays != 5 || now.Level2SendBacks != 3 || !now.OverdueLevel1 {
			t.Fatalf("saved rules: %+v", now)
		}
		res, _ = a.do("POST", "/w/escalation/run", url.Values{"csrf": {a.csrf(page)}})
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/w/escalation?ran=") {
			t.Fatalf("apply now: %d %s", res.StatusCode, loc)
		} else if _, page = a.do("GET", loc, nil); !strings.Contains(page, `id="ran"`) {
			t.Fatal("apply now says nothing about what it did")
		}

		sup := newClient(t, m)
		sup.login("supervisor")
		res, page = sup.do("GET", "/w/escalation", nil)
		if res.StatusCode != 200 || strings.Contains(page, `id="run-now"`) || !strings.Contains(page, "只有系统管理员可以修改") {
			t.Fatalf("supervisor reads the rules: %d", res.StatusCode)
		}
		if res, _ = sup.do("POST", "/w/escalation/run", url.Values{"csrf": {sup.csrf(page)}}); res.StatusCode != http.StatusForbidden {
			t.Fatalf("supervisor applies the rules: %d", res.StatusCode)
		}
		h := newClient(t, m)
		h.login("handler")
		if res, page = h.do("GET", "/w/escalation", nil); res.StatusCode != http.StatusForbidden {
			t.Fatalf("handler opens the rules: %d", res.StatusCode)
		}
		if strings.Contains(page, `href="/w/escalation"`) || strings.Contains(page, `href="/w/campaigns"`) == false {
			t.Error("the handler's side navigation should link campaigns but not the rules")
		}
	})
}

// openCases creates n cases dispatched to the housing bureau and returns
// their ids and numbers.
func openCases(t *testing.T, m *server.Main, n int) ([]int64, []string) {
	t.Helper()
	svc, bg := backdoor(m), context.Background()
	d, h := signIn(t, svc, "dispatcher"), signIn(t, svc, "handler")
	var ids []int64
	var nums []string
	for i := range n {
		c, err := svc.CreateCase(bg, d, service.Intake{Channel: "phone", Content: "老旧小区第" + strconv.Itoa(i+1) + "栋外墙脱落，存在安全隐患。"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Act(bg, d, c.ID, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: h.OrgID}, false); err != nil {
			t.Fatal(err)
		}
		ids, nums = append(ids, c.ID), append(nums, c.Number)
	}
	return ids, nums
}

// TestCampaignPages: a supervisor starts a campaign from the form (an
// unknown number is named under its field), the lead unit's handler reports
// progress, another unit's handler cannot open it, and closing answers its
// cases. Forms without their token change nothing.
func TestCampaignPages(t *testing.T) {
	eachNode(t, func(t *testing.T, m *server.Main) {
		svc, bg := backdoor(m), context.Background()
		ids, nums := openCases(t, m, 2)
		sup := newClient(t, m)
		sup.login("supervisor")
		res, page := sup.do("GET", "/w/campaigns", nil)
		if res.StatusCode != 200 || !strings.Contains(page, `id="campaign-form"`) {
			t.Fatalf("campaigns page: %d", res.StatusCode)
		}
		housing := orgNamed(t, svc, signIn(t, svc, "supervisor"), "住房")
		due := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, 10).Format("2006-01-02T15:04")
		form := url.Values{"title": {"<b>老旧小区</b>外墙脱落专项整治"}, "lead_org_id": {strconv.FormatInt(housing, 10)}, "due_at": {due},
			"case_numbers": {nums[0] + "\n20991231-9999999"}}
		if res, _ = sup.do("POST", "/w/campaigns", form); res.StatusCode != http.StatusForbidden {
			t.Fatalf("create without csrf: %d", res.StatusCode)
		}
		form.Set("csrf", sup.csrf(page))
		res, body := sup.do("POST", "/w/campaigns", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "找不到编号为 20991231-9999999 的工单") ||
			!strings.Contains(body, "&lt;b&gt;老旧小区&lt;/b&gt;") {
			t.Fatalf("unknown case number: %d", res.StatusCode)
		}
		if list, _ := svc.Campaigns(bg, signIn(t, svc, "supervisor")); len(list) != 0 {
			t.Fatalf("refused forms created %d campaigns", len(list))
		}
		form.Set("case_numbers", nums[0]+"，"+nums[1])
		res, _ = sup.do("POST", "/w/campaigns", form)
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/w/campaigns/") {
			t.Fatalf("create: %d %s", res.StatusCode, loc)
		}
		path := strings.SplitN(loc, "?", 2)[0]
		_, page = sup.do("GET", path, nil)
		if !strings.Contains(page, nums[0]) || !strings.Contains(page, nums[1]) || strings.Contains(page, "<b>老旧小区") ||
			strings.Contains(page, "map[") {
			t.Fatal("the campaign page lacks its cases or shows the title unescaped")
		}

		h := newClient(t, m)
		h.login("handler")
		res, page = h.do("GET", path, nil)
		if res.StatusCode != 200 || !strings.Contains(page, `id="report-form"`) || strings.Contains(page, `id="close-form"`) {
			t.Fatalf("the lead unit's handler: %d", res.StatusCode)
		}
		rep := url.Values{"csrf": {h.csrf(page)}, "progress": {"40"}, "text": {"已完成 3 栋外墙排查，<i>正在</i>招标修缮。"}}
		if res, _ = h.do("POST", path+"/reports", rep); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("report: %d", res.StatusCode)
		}
		rep.Set("progress", "140")
		if res, body = h.do("POST", path+"/reports", rep); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写 0 到 100 之间的整数") {
			t.Fatalf("report at 140%%: %d", res.StatusCode)
		}
		if res, _ = h.do("POST", path+"/close", url.Values{"csrf": {h.csrf(page)}, "content": {"已修缮"}, "outcome": {"solved"}, "confirm": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a handler closes the campaign: %d", res.StatusCode)
		}
		other := newClient(t, m)
		other.login("handler2")
		if res, _ = other.do("GET", path, nil); res.StatusCode != http.StatusNotFound {
			t.Fatalf("another unit's handler opens the campaign: %d", res.StatusCode)
		}
		agent := newClient(t, m)
		agent.login("agent")
		if res, _ = agent.do("GET", "/w/campaigns", nil); res.StatusCode != http.StatusForbidden {
			t.Fatalf("an agent lists campaigns: %d", res.StatusCode)
		}

		_, page = sup.do("GET", path, nil)
		if !strings.Contains(page, "&lt;i&gt;正在&lt;/i&gt;招标修缮") || !strings.Contains(page, "完成 40%") {
			t.Fatal("the supervisor does not see the escaped progress report")
		}
		closing := url.Values{"content": {"外墙已全部修缮完毕，经验收合格。"}, "outcome": {"solved"}, "confirm": {"1"}}
		if res, _ = sup.do("POST", path+"/close", closing); res.StatusCode != http.StatusForbidden {
			t.Fatalf("close without csrf: %d", res.StatusCode)
		}
		closing.Set("csrf", sup.csrf(page))
		closing.Del("confirm")
		if res, body = sup.do("POST", path+"/close", closing); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请先勾选确认") ||
			!strings.Contains(body, "经验收合格") {
			t.Fatalf("close without confirmation: %d", res.StatusCode)
		}
		for _, id := range ids {
			if c, _ := m.Store.Case(bg, id); c.Status != minsheng.StatusDispatched {
				t.Fatalf("a refused close touched case %d: %s", id, c.Status)
			}
		}
		closing.Set("confirm", "1")
		res, _ = sup.do("POST", path+"/close", closing)
		if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "answered=2") {
			t.Fatalf("close: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		for _, id := range ids {
			if c, _ := m.Store.Case(bg, id); c.Status == minsheng.StatusDispatched {
				t.Fatalf("closing left case %d %s", id, c.Status)
			}
		}
		_, page = sup.do("GET", path, nil)
		if !strings.Contains(page, `id="campaign-reply"`) || strings.Contains(page, `id="close-form"`) {
			t.Fatal("a closed campaign should show its answer and no forms")
		}
	})
}

// TestLeadersAndDisputesPages: the leaders' list and the disputes table
// open for the roles the permission table allows and not for a handler; a
// return as not ours shows in the disputes table; a bad date is named.
func TestLeadersAndDisputesPages(t *testing.T) {
	eachNode(t, func(t *testing.T, m *server.Main) {
		svc, bg := backdoor(m), context.Background()
		ids, nums := openCases(t, m, 1)
		l := signIn(t, svc, "leader")
		if _, err := svc.Act(bg, l, ids[0], lifecycle.Request{Action: lifecycle.LeaderAssign, Note: "请尽快排除隐患"}, false); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"leader", "supervisor"} {
			c := newClient(t, m)
			c.login(who)
			res, page := c.do("GET", "/w/leaders", nil)
			if res.StatusCode != 200 || !strings.Contains(page, nums[0]) || !strings.Contains(page, `href="/w/leaders"`) {
				t.Errorf("%s's leaders' list: %d", who, res.StatusCode)
			}
		}
		h := newClient(t, m)
		h.login("handler")
		for _, p := range []string{"/w/leaders", "/w/disputes"} {
			if res, _ := h.do("GET", p, nil); res.StatusCode != http.StatusForbidden {
				t.Errorf("handler %s: %d", p, res.StatusCode)
			}
		}
		// The handler returns the case as not its own from the case page.
		path := "/w/cases/" + strconv.FormatInt(ids[0], 10)
		_, page := h.do("GET", path, nil)
		if !strings.Contains(page, `name="not_ours"`) {
			t.Fatal("the return form has no not-ours box")
		}
		version := strings.SplitN(strings.SplitN(page, `name="version" value="`, 2)[1], `"`, 2)[0]
		if res, _ := h.do("POST", path+"/return", url.Values{"csrf": {h.csrf(page)}, "version": {version}, "confirm": {"1"}, "not_ours": {"1"},
			"reason": {"外墙属于公共维修资金范围，应由街道负责"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("return as not ours: %d", res.StatusCode)
		}
		d := newClient(t, m)
		d.login("dispatcher")
		_, page = d.do("GET", path, nil)
		for _, want := range []string{`action="` + path + `/arbitrate"`, `name="category_id"`, `name="update_list"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the dispatcher's case page lacks %s", want)
			}
		}
		version = strings.SplitN(strings.SplitN(page, `name="version" value="`, 2)[1], `"`, 2)[0]
		urban := orgNamed(t, svc, l, "城市管理")
		if res, body := d.do("POST", path+"/arbitrate", url.Values{"csrf": {d.csrf(page)}, "version": {version},
			"org_id": {strconv.FormatInt(urban, 10)}, "reason": {"外墙修缮由城管牵头"}, "update_list": {"1"},
			"category_id": {regexp.MustCompile(`id="arbitrate-category_id"[^>]*><option value="">[^<]*</option>\s*<option value="(\d+)"`).FindStringSubmatch(page)[1]}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("arbitrate: %d %s", res.StatusCode, body)
		}
		res, page := d.do("GET", "/w/disputes", nil)
		row := regexp.MustCompile(`<td>市住房和城乡建设局</td>((?:<td class="num">\d+</td>){4})`).FindStringSubmatch(page)
		if res.StatusCode != 200 || row == nil || row[1] != `<td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">1</td>` {
			t.Fatalf("disputes table: %d", res.StatusCode)
		}
		if res, page = d.do("GET", "/w/disputes?from=2026-13-01", nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="from-err"`) {
			t.Fatalf("bad date: %d", res.StatusCode)
		}
	})
}
