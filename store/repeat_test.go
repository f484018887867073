package store

import (
	"context"
	"testing"

	"minsheng"
)

// TestRepeatCallsAreMarked: the same caller with the same problem again is
// a repeat call, kept on the case for RepeatOnly; a different problem from
// the same caller is not.
func TestRepeatCallsAreMarked(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		first := newCase(t, s, f, "小区供暖温度不达标", "幸福里小区3号楼供暖温度只有14度，已经一周了。")
		again := newCase(t, s, f, "小区供暖温度不达标", "幸福里小区3号楼供暖温度只有14度，已经一周了，还是没人管。")
		other := newCase(t, s, f, "路灯不亮", "人民路路灯坏了三天")
		got, err := s.ListCases(ctx, minsheng.CaseFilter{RepeatOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != again.ID {
			ids := []int64{}
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			t.Fatalf("repeats %v, want only %d (first %d, other %d)", ids, again.ID, first.ID, other.ID)
		}
	})
}
