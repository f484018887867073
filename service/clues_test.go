package service

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestDisciplineClues refers a case of misconduct to the discipline body on
// both databases: its inspector then finds that case and no other, in lists
// and in full-text search, and is told; the department under scrutiny sees
// neither the referral nor the inspector's notes.
func TestDisciplineClues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		city := newOversightCity(t, st)
		jw := minsheng.Org{ParentID: city.hotline.ID, Name: "市纪委监委", Kind: minsheng.OrgDiscipline}
		if err := st.CreateOrg(ctx, &jw); err != nil {
			t.Fatal(err)
		}
		insp := &minsheng.User{Username: "inspector", Name: "纪检员", Role: minsheng.RoleInspector, OrgID: jw.ID}
		if err := st.CreateUser(ctx, insp); err != nil {
			t.Fatal(err)
		}
		insp, _ = st.User(ctx, insp.ID)
		due := time.Now().Add(5 * 24 * time.Hour)
		bad := city.dispatched(t, st, city.dept, "办事窗口推诿扯皮", due)
		other := city.dispatched(t, st, city.dept, "窗口排队时间长", due)

		refer := func(u *minsheng.User, id, org int64, reason string) error {
			_, err := svc.Act(ctx, u, id, lifecycle.Request{Action: lifecycle.ReferClue, OrgID: org, Reason: reason}, false)
			return err
		}
		if err := refer(city.handler, bad.ID, jw.ID, "承办人三次推诿，态度恶劣"); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Fatalf("handler referred a clue: %v", err)
		}
		if err := refer(city.supervisor, bad.ID, city.dept.ID, "承办人三次推诿，态度恶劣"); minsheng.ErrorField(err) != "org_id" {
			t.Fatalf("clue to a department: %v", err)
		}
		if err := refer(city.supervisor, bad.ID, jw.ID, "太短"); minsheng.ErrorField(err) != "reason" {
			t.Fatalf("short reason: %v", err)
		}
		if l, _ := svc.ListCases(ctx, insp, minsheng.CaseFilter{}); len(l.Items) != 0 {
			t.Fatalf("inspector sees %d cases before any referral", len(l.Items))
		}
		if _, err := svc.Case(ctx, insp, bad.ID); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Fatalf("inspector read an unreferred case: %v", err)
		}
		if err := refer(city.reviewer, bad.ID, jw.ID, "承办人三次推诿，电话中态度恶劣"); err != nil {
			t.Fatal(err)
		}
		if err := refer(city.supervisor, bad.ID, jw.ID, "再次移送同一线索"); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("second referral: %v", err)
		}

		for _, f := range []minsheng.CaseFilter{{}, {Query: "推诿"}, {Query: "窗口"}} {
			l, err := svc.ListCases(ctx, insp, f)
			if err != nil || len(l.Items) != 1 || l.Items[0].ID != bad.ID {
				t.Fatalf("inspector's list %+v: %d items (%v), want only the referred case", f, len(l.Items), err)
			}
		}
		d, err := svc.Case(ctx, insp, bad.ID)
		if err != nil || d.ClueOrgID != jw.ID {
			t.Fatalf("inspector's view: %v", err)
		}
		if _, err := svc.Case(ctx, insp, other.ID); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Fatalf("inspector read another case of the department: %v", err)
		}
		if _, err := svc.Act(ctx, insp, bad.ID, lifecycle.Request{Action: lifecycle.Comment, Text: "已立案核查"}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Act(ctx, insp, bad.ID, lifecycle.Request{Action: lifecycle.Reply, Content: "越权答复", Outcome: minsheng.OutcomeSolved}, false); err == nil {
			t.Fatal("the inspector replied for the department")
		}
		n, _ := svc.Notifications(ctx, insp, true, 0, 0)
		if len(n.Items) != 1 || n.Items[0].Kind != minsheng.AlertClue || n.Items[0].CaseID != bad.ID {
			t.Fatalf("inspector's notifications: %+v", n.Items)
		}

		hd, err := svc.Case(ctx, city.handler, bad.ID)
		if err != nil {
			t.Fatal(err)
		}
		if hd.ClueOrgID != 0 {
			t.Error("the department sees the clue's body")
		}
		for _, ev := range hd.Timeline {
			if ev.Action == string(lifecycle.ReferClue) || ev.ActorRole == minsheng.RoleInspector {
				t.Errorf("the department sees %s by %s", ev.Action, ev.ActorRole)
			}
		}
		if l, _ := svc.ListCases(ctx, city.handler, minsheng.CaseFilter{}); len(l.Items) != 2 {
			t.Fatalf("the department's list changed: %d", len(l.Items))
		}
		sd, _ := svc.Case(ctx, city.supervisor, bad.ID)
		if sd.ClueOrgID != jw.ID || sd.Timeline[len(sd.Timeline)-1].ActorRole != minsheng.RoleInspector {
			t.Error("the hotline does not see the clue and the inspector's note")
		}
	})
}
