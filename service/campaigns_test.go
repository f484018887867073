package service

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestTopicCampaign runs a campaign on both databases: a request with a
// finished case is refused whole, the lead and co-departments see and
// report on it while an uninvolved unit does not, and closing it answers
// each waiting case through the lifecycle and nothing else.
func TestTopicCampaign(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		city := newOversightCity(t, st)
		mkOrg := func(name string) minsheng.Org {
			o := minsheng.Org{ParentID: city.hotline.ID, Name: name, Kind: minsheng.OrgDepartment}
			if err := st.CreateOrg(ctx, &o); err != nil {
				t.Fatal(err)
			}
			return o
		}
		urban, edu := mkOrg("市城管局"), mkOrg("市教育局")
		mkUser := func(name string, org minsheng.Org) *minsheng.User {
			u := &minsheng.User{Username: name, Name: name, Role: minsheng.RoleHandler, OrgID: org.ID}
			if err := st.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
			u, _ = st.User(ctx, u.ID)
			return u
		}
		urbanH, eduH := mkUser("urban", urban), mkUser("edu", edu)
		due := time.Now().Add(10 * 24 * time.Hour)

		intake := func(content string) *minsheng.Case {
			k := &minsheng.Case{Channel: "phone", Content: content, Citizen: minsheng.Citizen{Name: "张三", Phone: "13800001111"}}
			if _, err := st.CreateCase(ctx, k, minsheng.ActorOf(city.dispatcher), ""); err != nil {
				t.Fatal(err)
			}
			return k
		}
		waiting := intake("幸福路夜市油烟扰民")
		handling := city.dispatched(t, st, city.dept, "幸福路夜市占道经营", due)
		mustAct(t, st, handling.ID, city.handler, lifecycle.Request{Action: lifecycle.Accept})
		later := city.dispatched(t, st, city.street, "幸福路夜市噪音", due)
		done := intake("幸福路夜市几点收摊")
		mustAct(t, st, done.ID, city.dispatcher, lifecycle.Request{Action: lifecycle.Answer, Content: "夜市22点收摊。"})

		in := NewCampaign{Title: "幸福路夜市专项整治", Description: "油烟、占道、噪音集中投诉", LeadOrgID: city.dept.ID,
			CoOrgIDs: []int64{urban.ID}, DueAt: due, CaseIDs: []int64{waiting.ID, handling.ID, done.ID}}
		if _, err := svc.CreateCampaign(ctx, city.supervisor, in); minsheng.ErrorField(err) != "case_ids" {
			t.Fatalf("campaign with a closed case: %v, want an error on case_ids", err)
		}
		if all, _ := st.Campaigns(ctx); len(all) != 0 {
			t.Fatalf("a refused campaign was stored: %v", all)
		}
		if k, _ := st.Case(ctx, waiting.ID); k.CampaignID != 0 {
			t.Fatal("a refused campaign took a case")
		}
		if _, err := svc.CreateCampaign(ctx, city.handler, in); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Fatalf("handler started a campaign: %v", err)
		}
		in.CaseIDs = []int64{waiting.ID, handling.ID}
		c, err := svc.CreateCampaign(ctx, city.supervisor, in)
		if err != nil {
			t.Fatal(err)
		}
		if c.Title != "幸福路夜市专项整治" || len(c.Cases) != 2 || c.LeadOrgName != "市住建局" {
			t.Fatalf("campaign: %+v", c)
		}
		if _, err := svc.AddCampaignCases(ctx, city.supervisor, c.ID, CampaignCases{CaseIDs: []int64{later.ID}}); err != nil {
			t.Fatal(err)
		}

		for _, u := range []*minsheng.User{city.handler, urbanH, city.streetHandler} {
			list, err := svc.Campaigns(ctx, u)
			if err != nil || len(list) != 1 {
				t.Fatalf("%s sees %d campaigns (%v), want 1", u.Username, len(list), err)
			}
		}
		if list, _ := svc.Campaigns(ctx, eduH); len(list) != 0 {
			t.Fatal("an uninvolved unit sees the campaign")
		}
		if _, err := svc.ReportCampaign(ctx, eduH, c.ID, CampaignReport{Progress: 10, Text: "无关单位"}); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Fatalf("uninvolved report: %v", err)
		}
		if _, err := svc.ReportCampaign(ctx, city.handler, c.ID, CampaignReport{Progress: 101, Text: "进展"}); minsheng.ErrorField(err) != "progress" {
			t.Fatalf("progress 101: %v", err)
		}
		if _, err := svc.ReportCampaign(ctx, city.handler, c.ID, CampaignReport{Progress: 60, Text: "已约谈夜市管理方，油烟净化器安装过半"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ReportCampaign(ctx, urbanH, c.ID, CampaignReport{Progress: 70, Text: "占道摊位已清理"}); err != nil {
			t.Fatal(err)
		}

		if _, err := svc.CloseCampaign(ctx, city.supervisor, c.ID, CampaignClose{Content: " ", Outcome: minsheng.OutcomeSolved}); minsheng.ErrorField(err) != "content" {
			t.Fatalf("empty answer: %v", err)
		}
		closed, err := svc.CloseCampaign(ctx, city.supervisor, c.ID, CampaignClose{Content: "夜市已整体搬迁至室内市场，油烟、占道和噪音问题已解决。", Outcome: minsheng.OutcomeSolved})
		if err != nil {
			t.Fatal(err)
		}
		if closed.Answered != 3 || !closed.Closed || len(closed.Reports) != 2 || closed.Reports[0].Progress != 60 {
			t.Fatalf("closed campaign: answered %d closed %v reports %+v", closed.Answered, closed.Closed, closed.Reports)
		}
		for _, k := range []*minsheng.Case{waiting, handling, later} {
			got, err := st.Case(ctx, k.ID)
			if err != nil || got.Status != minsheng.StatusPendingVisit || got.Reply == "" {
				t.Fatalf("case %d after closing: %s %q (%v)", k.ID, got.Status, got.Reply, err)
			}
			evs, _ := st.Events(ctx, k.ID)
			last := evs[len(evs)-1]
			p, err := minsheng.Decode[minsheng.CampaignAnswerPayload](last)
			if last.Action != "campaign_answer" || err != nil || p.CampaignID != c.ID || !last.Public {
				t.Fatalf("case %d last event %s %+v (%v)", k.ID, last.Action, p, err)
			}
		}
		if got, _ := st.Case(ctx, done.ID); got.Status != minsheng.StatusClosed || got.CampaignID != 0 {
			t.Fatal("closing touched a case outside the campaign")
		}
		if _, err := svc.CloseCampaign(ctx, city.supervisor, c.ID, CampaignClose{Content: "再次关闭", Outcome: minsheng.OutcomeSolved}); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("closing twice: %v", err)
		}
		if _, err := svc.ReportCampaign(ctx, city.handler, c.ID, CampaignReport{Progress: 100, Text: "完成"}); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("report after closing: %v", err)
		}
	})
}
