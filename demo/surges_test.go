package demo

import (
	"strings"
	"testing"
	"time"
)

// TestSurgeInjection draws the same stream with and without a surge: in
// its window the surging category in its district comes about Multiplier
// times as often, and outside it nothing changes much.
func TestSurgeInjection(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, cst)
	start := now.AddDate(0, 0, -30)
	sg, err := ParseSurge("04:donggang:" + start.Format(time.DateOnly) + ":14:3")
	if err != nil {
		t.Fatal(err)
	}
	count := func(surges []Surge) (in, out int) {
		g := NewGenerator(NewCity(), 5, now, 120*24*time.Hour)
		g.SetTotal(20000)
		g.SetSurges(surges)
		for range 20000 {
			s := g.Next()
			if !strings.HasPrefix(s.CategoryCode, "04") || !strings.HasPrefix(s.Address, "东港区") {
				continue
			}
			if !s.At.Before(start) && s.At.Before(start.AddDate(0, 0, 14)) {
				in++
			} else {
				out++
			}
		}
		return
	}
	baseIn, baseOut := count(nil)
	in, out := count([]Surge{sg})
	if baseIn == 0 || float64(in) < 2.3*float64(baseIn) || float64(in) > 3.7*float64(baseIn) {
		t.Errorf("in the window: %d with the surge, %d without; want about three times", in, baseIn)
	}
	if float64(out) > 1.2*float64(baseOut) || float64(out) < 0.8*float64(baseOut) {
		t.Errorf("outside the window: %d with the surge, %d without; want about the same", out, baseOut)
	}
	for _, bad := range []string{"", "04:nowhere:2026-11-01:14:3", "04:donggang:2026-13-01:14:3", "04:donggang:2026-11-01:0:3", "04:donggang:2026-11-01:14:1"} {
		if _, err := ParseSurge(bad); err == nil {
			t.Errorf("ParseSurge(%q) accepted", bad)
		}
	}
}
