package service

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/store/storetest"
)

// TestMonthlyReport makes last month's report over generated cases on both
// databases: its intake equals a direct count of the month's cases, its
// sentences carry the figures, no personal data appears, and only the
// analysis roles may ask.
func TestMonthlyReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		now := time.Now()
		svc, st := demoService(t, url, 400, now)
		first := time.Date(now.In(minsheng.Shanghai).Year(), now.In(minsheng.Shanghai).Month(), 1, 0, 0, 0, 0, minsheng.Shanghai).AddDate(0, -1, 0)
		month := first.Format("2006-01")
		m, err := svc.MonthlyReport(ctx, userNamed(t, st, "analyst"), month)
		if err != nil {
			t.Fatal(err)
		}
		direct, err := st.CountCases(ctx, minsheng.CaseFilter{From: first, To: first.AddDate(0, 1, 0)})
		if err != nil {
			t.Fatal(err)
		}
		if m.This.Received == 0 || int64(direct) != m.This.Received {
			t.Fatalf("report received %d, cases of %s %d", m.This.Received, month, direct)
		}
		if !strings.Contains(m.Summary[0], fmt.Sprintf("共受理群众诉求 %d 件", m.This.Received)) {
			t.Errorf("summary: %s", m.Summary[0])
		}
		var cats int64
		for _, c := range m.Categories {
			cats += c.This
		}
		if cats != m.This.Received || len(m.Units) == 0 || len(m.Suggestions) == 0 || len(m.Hotspots) == 0 {
			t.Errorf("categories add to %d of %d; %d units, %d suggestions, %d hotspots", cats, m.This.Received, len(m.Units), len(m.Suggestions), len(m.Hotspots))
		}
		// The repeat calls (重复诉求) are the dashboard's for the same month,
		// newest first; the most reopened (重办) are their own list.
		d, err := svc.Dashboard(ctx, userNamed(t, st, "analyst"), DashQuery{From: month + "-01", To: first.AddDate(0, 1, -1).Format(time.DateOnly)})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Repeated) == 0 || len(m.Repeated) != len(d.Repeated) {
			t.Fatalf("report lists %d repeat calls, the dashboard %d for %s", len(m.Repeated), len(d.Repeated), month)
		}
		for i, l := range m.Repeated {
			c, earlier := callerCalledBefore(t, st, l.ID)
			if l.ID != d.Repeated[i].ID || c.Citizen.Phone == "" || len(earlier) == 0 || c.CreatedAt.Before(first) || !c.CreatedAt.Before(first.AddDate(0, 1, 0)) {
				t.Errorf("repeat call %d: %s (%d earlier of its caller, received %s), the dashboard's %s", i, l.Number, len(earlier), c.CreatedAt, d.Repeated[i].Number)
			}
		}
		for i, l := range m.Reopened {
			if l.Reopens == 0 || (i > 0 && l.Reopens > m.Reopened[i-1].Reopens) {
				t.Errorf("reopened list out of order at %d: %d reopens", i, l.Reopens)
			}
		}
		for _, c := range m.Typical {
			if !c.Solved || c.Reply == "" {
				t.Errorf("typical case %s: solved %v, reply %q", c.Number, c.Solved, c.Reply)
			}
		}
		if _, err := svc.MonthlyReport(ctx, userNamed(t, st, "dispatcher"), month); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Errorf("dispatcher: %v", err)
		}
		if _, err := svc.MonthlyReport(ctx, userNamed(t, st, "analyst"), "2026-1"); minsheng.ErrorField(err) != "month" {
			t.Errorf("bad month: %v", err)
		}
	})
}
