package service

import (
	"context"
	"strings"
	"testing"

	"minsheng"
	"minsheng/demo"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestRateCase runs the citizen's rating on both databases: bad input names
// its field and changes nothing, an open case and a second rating are
// conflicts, an unsolved rating puts the case in the visitor's to_visit
// queue, and a solved one leaves the case closed.
func TestRateCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		if _, err := demo.SeedCity(ctx, st, demo.NewCity()); err != nil {
			t.Fatal(err)
		}
		login := func(name string) *minsheng.User {
			s, err := svc.Login(ctx, "127.0.0.1", name, demo.Password)
			if err != nil {
				t.Fatal(err)
			}
			u, err := svc.Authenticate(ctx, s.Token)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		agent, visitor := login("agent"), login("visitor")
		submit := func(content string) *Created {
			c, err := svc.SubmitPublic(ctx, "10.0.0.9", Intake{Content: content,
				Citizen: minsheng.Citizen{Name: "张阿姨", Phone: "13800001111"}})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		answer := func(id int64) {
			if _, err := svc.Act(ctx, agent, id, lifecycle.Request{Action: lifecycle.Answer,
				Content: "已通知物业当天维修楼道灯。"}, false); err != nil {
				t.Fatal(err)
			}
		}
		no, yes := false, true
		unsolved := Rating{Solved: &no, Satisfaction: minsheng.Dissatisfied, Note: "灯还是不亮，晚上看不见台阶"}

		open := submit("楼道灯坏了，老人晚上上下楼很危险。")
		if _, err := svc.RateCase(ctx, "10.0.0.9", open.TrackingCode, unsolved); minsheng.ErrorCode(err) != minsheng.ECONFLICT ||
			!strings.Contains(err.Error(), "not closed yet") {
			t.Fatalf("rating an open case: %v", err)
		}
		answer(open.ID)
		for _, bad := range []struct {
			in    Rating
			field string
		}{
			{Rating{Satisfaction: minsheng.Satisfied}, "solved"},
			{Rating{Solved: &yes}, "satisfaction"},
			{Rating{Solved: &yes, Satisfaction: "happy"}, "satisfaction"},
			{Rating{Solved: &yes, Satisfaction: minsheng.Satisfied, Note: strings.Repeat("长", lifecycle.MaxNote+1)}, "note"},
		} {
			_, err := svc.RateCase(ctx, "10.0.0.9", open.TrackingCode, bad.in)
			if minsheng.ErrorCode(err) != minsheng.EINVALID || minsheng.ErrorField(err) != bad.field {
				t.Fatalf("%+v: %v (field %q), want EINVALID on %s", bad.in, err, minsheng.ErrorField(err), bad.field)
			}
		}
		if c, _ := st.Case(ctx, open.ID); c.RatedAt != nil || c.Status != minsheng.StatusClosed {
			t.Fatalf("bad input left state: rated %v status %s", c.RatedAt, c.Status)
		}
		if _, err := svc.RateCase(ctx, "10.0.0.9", "NOSUCHCODE123", unsolved); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Fatalf("unknown code: %v", err)
		}

		tr, err := svc.RateCase(ctx, "10.0.0.9", open.TrackingCode, unsolved)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Status != minsheng.StatusPendingVisit || tr.CanRate || tr.Rating == nil || tr.Rating.Solved ||
			tr.Rating.Satisfaction != minsheng.Dissatisfied {
			t.Fatalf("after an unsolved rating: %+v rating %+v", tr, tr.Rating)
		}
		q, err := svc.Queue(ctx, visitor, minsheng.QueueToVisit, QueuePage{})
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Items) != 1 || q.Items[0].ID != open.ID {
			t.Fatalf("to_visit has %d cases, want the rated one", len(q.Items))
		}
		d, err := svc.Case(ctx, visitor, open.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last := d.Timeline[len(d.Timeline)-1]; last.Action != "rate" || !strings.Contains(string(last.Payload), "灯还是不亮") {
			t.Fatalf("the visitor's timeline ends with %s %s", last.Action, last.Payload)
		}
		if _, err := svc.RateCase(ctx, "10.0.0.9", open.TrackingCode, unsolved); minsheng.ErrorCode(err) != minsheng.ECONFLICT ||
			!strings.Contains(err.Error(), "already rated") {
			t.Fatalf("second rating: %v", err)
		}

		happy := submit("小区门口井盖松动，踩上去咣当响。")
		answer(happy.ID)
		if before, _ := svc.Track(ctx, "10.0.0.9", happy.TrackingCode); !before.CanRate {
			t.Fatal("a closed, unrated case does not offer the rating")
		}
		tr, err = svc.RateCase(ctx, "10.0.0.9", happy.TrackingCode, Rating{Solved: &yes, Satisfaction: minsheng.Satisfied})
		if err != nil || tr.Status != minsheng.StatusClosed || tr.Rating == nil || !tr.Rating.Solved {
			t.Fatalf("solved rating: %+v %v", tr, err)
		}
	})
}
