package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"minsheng"
)

// TestSampleTrendCasesSpreadsOverThePeriod: a month of 600 cases sampled
// to at most 110 gives every sixth case, from its first days to its last, and the
// month's total; a sample larger than the month gives the whole month.
func TestSampleTrendCasesSpreadsOverThePeriod(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		from := time.Date(2026, 10, 1, 0, 0, 0, 0, CST)
		to := from.AddDate(0, 1, 0)
		err := s.Bulk(ctx, func(b *Bulk) error {
			for i := range 600 {
				c := &minsheng.Case{Channel: "phone", Title: "路灯不亮", Content: fmt.Sprintf("第%d条：小区路灯不亮", i)}
				if err := b.CreateCase(c, f.agent, from.Add(time.Duration(i)*31*24*time.Hour/600)); err != nil {
					return err
				}
			}
			outside := &minsheng.Case{Channel: "phone", Title: "九月", Content: "上个月的诉求"}
			return b.CreateCase(outside, f.agent, from.Add(-time.Hour))
		})
		if err != nil {
			t.Fatal(err)
		}
		got, total, err := s.SampleTrendCases(ctx, from, to, 110)
		if err != nil {
			t.Fatal(err)
		}
		if total != 600 || len(got) != 100 {
			t.Fatalf("sampled %d of %d, want every sixth: 100 of 600", len(got), total)
		}
		if first, last := got[0].CreatedAt, got[len(got)-1].CreatedAt; first.After(from.AddDate(0, 0, 1)) || last.Before(to.AddDate(0, 0, -1)) {
			t.Errorf("the sample runs from %v to %v, not over the whole month", first, last)
		}
		for i, c := range got {
			if c.Content == "" || c.CreatedAt.Before(from) || !c.CreatedAt.Before(to) || i > 0 && c.CreatedAt.Before(got[i-1].CreatedAt) {
				t.Fatalf("case %d: %+v", i, c)
			}
		}
		all, total, err := s.SampleTrendCases(ctx, from, to, 1000)
		if err != nil || total != 600 || len(all) != 600 {
			t.Fatalf("a sample larger than the month: %d of %d, %v", len(all), total, err)
		}
	})
}
