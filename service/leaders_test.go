package service

import (
	"context"
	"slices"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestLeaderAssignTellsInItsTransaction has a leader hand a dispatched case
// down on both databases: when Act returns, the handler, the department lead
// and the supervisor each hold one notification quoting the leader, and
// the leader and the dispatcher (the case is dispatched already) none; a
// refused instruction (no note) before it told no one.
func TestLeaderAssignTellsInItsTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		city := newOversightCity(t, st)
		leader := &minsheng.User{Username: "leader", Name: "王市长", Role: minsheng.RoleLeader, OrgID: city.hotline.ID}
		if err := st.CreateUser(ctx, leader); err != nil {
			t.Fatal(err)
		}
		leader, _ = st.User(ctx, leader.ID)
		c := city.dispatched(t, st, city.dept, "外墙脱落", time.Now().Add(72*time.Hour))
		assign := lifecycle.Request{Action: lifecycle.LeaderAssign, Note: "请住建局本周内排除隐患"}
		if _, err := svc.Act(ctx, leader, c.ID, lifecycle.Request{Action: lifecycle.LeaderAssign}, false); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("an instruction without a note: %v, want it refused", err)
		}
		if _, err := svc.Act(ctx, leader, c.ID, assign, false); err != nil {
			t.Fatal(err)
		}
		for _, u := range []*minsheng.User{city.handler, city.lead, city.supervisor, leader, city.dispatcher} {
			list, err := st.Notifications(ctx, u.ID, false, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if slices.Contains([]*minsheng.User{city.handler, city.lead, city.supervisor}, u) {
				want = 1
			}
			if len(list) != want {
				t.Fatalf("%s has %d notifications, want %d", u.Username, len(list), want)
			}
			if want == 1 && (list[0].CaseID != c.ID || list[0].Kind != minsheng.AlertLeaderAssigned || list[0].Note != "王市长：请住建局本周内排除隐患") {
				t.Fatalf("%s's notification: %+v", u.Username, list[0])
			}
		}
	})
}
