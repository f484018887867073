package store

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// TestRankCases returns the cases given back most often first, leaves out
// cases never returned and cases outside the period, and refuses an unknown
// ranking by naming the field.
func TestRankCases(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		bounce := func(c *minsheng.Case, times int) {
			for range times {
				act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: "dispatch", OrgID: f.dept.ID})
				act(t, s, c.ID, f.handler, lifecycle.Request{Action: "return", Reason: "不属于本单位职责，请改派城管局"})
			}
		}
		once := newCase(t, s, f, "路灯不亮", "幸福路路灯不亮已经三天。")
		twice := newCase(t, s, f, "噪音扰民", "工地夜间施工噪音扰民。")
		newCase(t, s, f, "咨询公积金", "公积金怎么提取？")
		bounce(once, 1)
		bounce(twice, 2)
		now := time.Now()
		got, err := s.RankCases(ctx, minsheng.CaseRanking{By: minsheng.RankReturns, From: now.Add(-time.Hour), To: now.Add(time.Hour), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != twice.ID || got[0].ReturnCount != 2 || got[1].ID != once.ID {
			t.Fatalf("ranking by returns: %+v", got)
		}
		if got[0].Title != "噪音扰民" {
			t.Errorf("title did not round-trip: %q", got[0].Title)
		}
		got, err = s.RankCases(ctx, minsheng.CaseRanking{By: minsheng.RankReturns, From: now.Add(time.Hour), To: now.Add(2 * time.Hour), Limit: 10})
		if err != nil || len(got) != 0 {
			t.Fatalf("a later period: %v %v", got, err)
		}
		_, err = s.RankCases(ctx, minsheng.CaseRanking{By: "likes", From: now.Add(-time.Hour), To: now, Limit: 10})
		if e, ok := err.(*minsheng.Error); !ok || e.Field != "by" {
			t.Fatalf("unknown ranking: %v", err)
		}
	})
}

// TestClosedCases returns the newest closed cases received in the period,
// newest first, as a direct look at every case finds them.
func TestClosedCases(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		k := newKPICity(t, s, 120)
		var cases []*minsheng.Case
		for _, id := range k.ids {
			c, err := s.Case(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, c)
		}
		slices.SortFunc(cases, func(a, b *minsheng.Case) int {
			return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(b.ID, a.ID))
		})
		from, to := cases[100].CreatedAt, cases[20].CreatedAt
		for _, limit := range []int{15, minsheng.MaxPage} {
			var want []int64
			for _, c := range cases {
				if c.Status == minsheng.StatusClosed && !c.CreatedAt.Before(from) && c.CreatedAt.Before(to) && len(want) < limit {
					want = append(want, c.ID)
				}
			}
			got, err := s.ClosedCases(ctx, from, to, limit)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			if len(want) < 15 || !slices.Equal(ids, want) {
				t.Errorf("limit %d: closed cases %v, want %v", limit, ids, want)
			}
		}
	})
}
