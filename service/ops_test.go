package service

import (
	"context"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/lifecycle"
	"minsheng/store"
	"minsheng/store/storetest"
)

// TestOperationalViews runs the operational use cases on both databases
// over the demo city: the returned queue's reasons, the deadline preview
// counted on the calendar, and the board's sections in the user's scope.
func TestOperationalViews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		city := demo.NewCity()
		l, err := demo.SeedCity(ctx, st, city)
		if err != nil {
			t.Fatal(err)
		}
		if err := demo.LoadCases(ctx, st, city, l, 120, 1, time.Now(), nil); err != nil {
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
		disp, hand, sup := login("dispatcher"), login("handler"), login("supervisor")
		q, err := svc.Queue(ctx, disp, minsheng.QueueToDispatch, QueuePage{})
		if err != nil || len(q.Items) == 0 {
			t.Fatalf("nothing to dispatch: %v", err)
		}
		id := q.Items[0].ID

		// The deadline preview: the rule's, then a typed one on a Sunday.
		p, err := svc.PreviewDue(ctx, disp, id, time.Time{})
		if err != nil || p.Custom || p.Due.IsZero() {
			t.Fatalf("rule preview: %+v %v", p, err)
		}
		// Noon in Beijing: the calendar's day, whatever the machine's zone.
		now := time.Now().In(store.CST)
		sunday := time.Date(now.Year(), now.Month(), now.Day()+14, 12, 0, 0, 0, store.CST)
		for sunday.Weekday() != time.Sunday {
			sunday = sunday.AddDate(0, 0, 1)
		}
		if p, err = svc.PreviewDue(ctx, disp, id, sunday); err != nil || !p.Custom || !p.OffDay || p.WorkingDays < 5 {
			t.Fatalf("a Sunday two weeks ahead: %+v %v", p, err)
		}
		if _, err := svc.PreviewDue(ctx, hand, id, time.Time{}); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Fatalf("a handler previews a dispatch: %v", err)
		}

		// The returned queue carries the unit's reason.
		var housing int64
		orgs, _ := svc.Orgs(ctx, disp)
		for _, o := range orgs {
			if o.ID == hand.OrgID {
				housing = o.ID
			}
		}
		if _, err := svc.Act(ctx, disp, id, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: housing}, false); err != nil {
			t.Fatal(err)
		}
		reason := "不属于本单位职责，请改派交通部门"
		if _, err := svc.Act(ctx, hand, id, lifecycle.Request{Action: lifecycle.Return, Reason: reason}, false); err != nil {
			t.Fatal(err)
		}
		ret, err := svc.Queue(ctx, disp, minsheng.QueueReturned, QueuePage{})
		if err != nil {
			t.Fatal(err)
		}
		notes, err := svc.QueueNotes(ctx, disp, minsheng.QueueReturned, ret.Items)
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := notes[id]; !ok || e.Action != string(lifecycle.Return) || !strings.Contains(string(e.Payload), reason) {
			t.Fatalf("the returned case's note: %+v", notes[id])
		}
		if hidden, err := svc.QueueNotes(ctx, hand, minsheng.QueueReturned, ret.Items); err != nil || len(hidden) != 0 {
			t.Fatalf("a handler reads notes of cases outside their scope: %v %v", hidden, err)
		}

		// The board: four sections; the overdue one agrees with the queue.
		secs, err := svc.Board(ctx, sup)
		if err != nil || len(secs) != 4 {
			t.Fatalf("board: %d sections, %v", len(secs), err)
		}
		od, err := svc.Queue(ctx, sup, minsheng.QueueOverdue, QueuePage{})
		if err != nil || od.Total == nil || secs[0].Total != *od.Total {
			t.Fatalf("board overdue %d, queue %v (%v)", secs[0].Total, od.Total, err)
		}
		for _, sec := range secs {
			for _, c := range sec.Cases {
				if sec.Name == "long_open" && time.Since(c.CreatedAt) < LongOpen {
					t.Errorf("long_open lists case %d received %s", c.ID, c.CreatedAt)
				}
				if !c.Status.Open() {
					t.Errorf("%s lists closed case %d", sec.Name, c.ID)
				}
			}
		}
	})
}
