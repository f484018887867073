package surge

import (
	"math"
	"testing"
)

// TestRunLengthsShareTheBudget checks how runLengths shares the city's
// false-alarm budget: quiet series get shorter run lengths than busy ones,
// rates outside [allotMin, allotMax] count as those bounds, and the alarm
// rates always add up to what RunLength for every series would give.
func TestRunLengthsShareTheBudget(t *testing.T) {
	steady := func(rate float64) Series {
		counts := make([]float64, 100)
		for i := range counts {
			counts[i] = rate
		}
		return Series{Counts: counts}
	}
	tests := []struct {
		name  string
		rates []float64
		allot float64
		want  []float64 // as multiples of RunLength
	}{
		{"even when asked", []float64{1, 4}, -1, []float64{1, 1}},
		{"equal rates, equal shares", []float64{3, 3, 3}, 1, []float64{1, 1, 1}},
		{"a quiet series gets the larger share", []float64{1, 4}, 1, []float64{0.625, 2.5}},
		{"the power sharpens the split", []float64{1, 4}, 2, []float64{17.0 / 32, 8.5}},
		{"rates beyond the bounds count as the bounds", []float64{0.2, 40}, 1, []float64{0.55, 5.5}},
		{"a series without days counts as the least rate", nil, 1, []float64{1}},
	}
	const arl = 1500.0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			series := []Series{{}}
			if tt.rates != nil {
				series = series[:0]
				for _, r := range tt.rates {
					series = append(series, steady(r))
				}
			}
			got := runLengths(series, Options{RunLength: arl, Allot: tt.allot})
			var alarms float64
			for i, g := range got {
				if math.Abs(g-tt.want[i]*arl) > 1e-6 {
					t.Errorf("series %d: run length %.1f, want %.1f", i, g, tt.want[i]*arl)
				}
				alarms += 1 / g
			}
			if want := float64(len(got)) / arl; math.Abs(alarms-want) > 1e-12 {
				t.Errorf("alarm rates add up to %.6f a day, want %.6f", alarms, want)
			}
		})
	}
}
