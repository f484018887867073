package service

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestResponsibilityDisputes returns two orders as "not ours" on both
// databases: the hotline agrees with one, changing the responsibility list,
// and sends the other back; the counts per department say so.
func TestResponsibilityDisputes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		city := newOversightCity(t, st)
		urban := minsheng.Org{ParentID: city.hotline.ID, Name: "市城管局", Kind: minsheng.OrgDepartment}
		if err := st.CreateOrg(ctx, &urban); err != nil {
			t.Fatal(err)
		}
		uh := &minsheng.User{Username: "urban", Name: "城管承办人", Role: minsheng.RoleHandler, OrgID: urban.ID}
		if err := st.CreateUser(ctx, uh); err != nil {
			t.Fatal(err)
		}
		uh, _ = st.User(ctx, uh.ID)
		cat := minsheng.Category{Code: "070100", Name: "违章搭建", Level: 1, OrgID: urban.ID}
		if err := st.SaveCategory(ctx, &cat); err != nil {
			t.Fatal(err)
		}
		due := time.Now().Add(5 * 24 * time.Hour)
		disp := minsheng.ActorOf(city.dispatcher)

		// The list sends 违章搭建 to urban management; it says the roof shed is housing's.
		shed := city.dispatched(t, st, urban, "楼顶违章搭建", due)
		if _, _, err := st.Act(ctx, shed.ID, disp, lifecycle.Request{Action: lifecycle.Arbitrate, OrgID: city.dept.ID, Reason: "无争议不能仲裁"}); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("arbitration without a dispute: %v", err)
		}
		mustAct(t, st, shed.ID, uh, lifecycle.Request{Action: lifecycle.Return, Reason: "楼顶搭建属住建部门物业管理职责", NotOurs: true})
		got, _ := st.Case(ctx, shed.ID)
		if got.Status != minsheng.StatusPendingDispatch || got.DisputeOrgID != urban.ID {
			t.Fatalf("after a not-ours return: %s dispute %d", got.Status, got.DisputeOrgID)
		}
		if _, _, err := st.Act(ctx, shed.ID, disp, lifecycle.Request{Action: lifecycle.Arbitrate, OrgID: city.dept.ID, Reason: " "}); minsheng.ErrorField(err) != "reason" {
			t.Fatalf("arbitration without a reason: %v", err)
		}
		mustAct(t, st, shed.ID, city.dispatcher, lifecycle.Request{Action: lifecycle.Arbitrate, OrgID: city.dept.ID,
			CategoryID: cat.ID, Reason: "物业管理区域内搭建由住建局负责", UpdateList: true})
		got, _ = st.Case(ctx, shed.ID)
		if got.Status != minsheng.StatusDispatched || got.OrgID != city.dept.ID || got.DisputeOrgID != 0 {
			t.Fatalf("after arbitration: %s org %d dispute %d", got.Status, got.OrgID, got.DisputeOrgID)
		}
		cats, _ := st.Categories(ctx)
		for _, c := range cats {
			if c.ID == cat.ID && c.OrgID != city.dept.ID {
				t.Fatalf("responsibility list still names org %d for %s", c.OrgID, c.Name)
			}
		}

		// Housing says a pothole is not its job; the hotline sends it back.
		hole := city.dispatched(t, st, city.dept, "小区道路坑洼", due)
		mustAct(t, st, hole.ID, city.handler, lifecycle.Request{Action: lifecycle.Return, Reason: "道路维修不归我局", NotOurs: true})
		mustAct(t, st, hole.ID, city.dispatcher, lifecycle.Request{Action: lifecycle.Arbitrate, OrgID: city.dept.ID, Reason: "小区内部道路属物业管理，仍由住建局督促"})
		// A plain return is no dispute.
		plain := city.dispatched(t, st, city.dept, "咨询公积金", due)
		mustAct(t, st, plain.ID, city.handler, lifecycle.Request{Action: lifecycle.Return, Reason: "请转公积金中心办理"})
		if got, _ := st.Case(ctx, plain.ID); got.DisputeOrgID != 0 {
			t.Fatal("a plain return opened a dispute")
		}

		counts, err := svc.DisputeCounts(ctx, city.supervisor, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]minsheng.DisputeCount{
			urban.ID:     {OrgID: urban.ID, OrgName: "市城管局", Disputes: 1, Upheld: 1, ListUpdates: 1},
			city.dept.ID: {OrgID: city.dept.ID, OrgName: "市住建局", Disputes: 1, Rejected: 1},
		}
		if len(counts) != len(want) {
			t.Fatalf("counts: %+v", counts)
		}
		for _, c := range counts {
			if c != want[c.OrgID] {
				t.Errorf("counts for %s: %+v, want %+v", c.OrgName, c, want[c.OrgID])
			}
		}
		if _, err := svc.DisputeCounts(ctx, city.handler, time.Time{}, time.Time{}); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Fatalf("handler read dispute counts: %v", err)
		}
	})
}
