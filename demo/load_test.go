package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"minsheng"
	"minsheng/store"
)

// TestLoadPlaysEveryPlan loads the city and plays generated cases through the
// real lifecycle rules on SQLite for several seeds and dates: a plan the rules
// refuse fails the load, so this keeps generator and state machine in step.
func TestLoadPlaysEveryPlan(t *testing.T) {
	for _, tc := range []struct {
		seed int64
		now  time.Time
	}{
		{1, time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local)},
		{2, time.Date(2026, 7, 1, 23, 30, 0, 0, time.Local)},
		{3, time.Date(2027, 2, 14, 6, 0, 0, 0, time.Local)},
	} {
		ctx := context.Background()
		st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "demo.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		city := NewCity()
		l, err := SeedCity(ctx, st, city)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := SeedCity(ctx, st, city); err != nil {
			t.Fatalf("seeding twice: %v", err)
		}
		if err := LoadCases(ctx, st, city, l, 1200, tc.seed, tc.now, nil); err != nil {
			t.Fatalf("seed %d: %v", tc.seed, err)
		}
		counts := map[minsheng.Status]int{}
		var after int64
		for {
			page, err := st.ListCases(ctx, minsheng.CaseFilter{After: after, Limit: minsheng.MaxPage})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page {
				counts[c.Status]++
			}
			if len(page) < minsheng.MaxPage {
				break
			}
			after = page[len(page)-1].ID
		}
		total := 0
		for _, n := range counts {
			total += n
		}
		if total != 1200 || counts[minsheng.StatusClosed] < 600 || counts[minsheng.StatusHandling] == 0 || counts[minsheng.StatusPendingDispatch] == 0 {
			t.Errorf("seed %d: statuses %v", tc.seed, counts)
		}
	}
}
