package store

import (
	"context"
	"encoding/json"
	"testing"

	"minsheng/lifecycle"
)

// TestLatestEvents: the newest event of the action per case, none for a
// case without one, nothing for an empty list.
func TestLatestEvents(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		a := newCase(t, s, f, "路面坑洼", "建设路路面坑洼，车辆颠簸")
		b := newCase(t, s, f, "路灯不亮", "人民路路灯坏了三天")
		for _, text := range []string{"先核实", "已核实，请尽快派单"} {
			if _, _, err := s.Act(ctx, a.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Comment, Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.LatestEvents(ctx, []int64{a.ID, b.ID}, "comment")
		if err != nil {
			t.Fatal(err)
		}
		var p struct{ Text string }
		if e, ok := got[a.ID]; !ok || json.Unmarshal(e.Payload, &p) != nil || p.Text != "已核实，请尽快派单" {
			t.Fatalf("latest comment of case a: %+v", got[a.ID])
		}
		if _, ok := got[b.ID]; ok || len(got) != 1 {
			t.Fatalf("case b has no comment, got %v", got)
		}
		if got, err := s.LatestEvents(ctx, nil, "comment"); err != nil || len(got) != 0 {
			t.Fatalf("no ids: %v %v", got, err)
		}
	})
}
