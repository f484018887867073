package surge

import (
	"math/rand/v2"
	"testing"
)

// TestThresholdGivesItsRunLength runs the CUSUM at the threshold Threshold
// gives, on counts drawn from the model it assumed, and checks that the
// alarms come about once in the run length asked for: for a sparse
// Poisson series, where the chain's discreteness matters most, and for a
// busy overdispersed one.
func TestThresholdGivesItsRunLength(t *testing.T) {
	const arl, runs = 400.0, 1500
	r := rand.New(rand.NewPCG(11, 12))
	for _, c := range []counts{{mu: 0.5}, {mu: 1.6, phi: 0.04}, {mu: 20, phi: 0.1}} {
		h := Threshold(c.mu, c.phi, 0, 2, arl)
		lo, pmf := c.pmf()
		total := 0
		for range runs {
			s := 0.0
			for n := 1; ; n++ {
				u, y := r.Float64(), lo
				for i, p := range pmf {
					if u -= p; u <= 0 {
						y = lo + i
						break
					}
				}
				if s = max(0, s+c.llr(float64(y), 2)); s >= h {
					total += n
					break
				}
			}
		}
		got := float64(total) / runs
		if got < 0.75*arl || got > 1.35*arl {
			t.Errorf("mu %g phi %g: threshold %.2f alarms once in %.0f days, want about %.0f", c.mu, c.phi, h, got, arl)
		}
	}
}

// TestThresholdWeighsAnUncertainBaseline checks that a level known less
// well (a short or sparse baseline) gets a higher threshold, and a busier
// dispersion a different one than Poisson.
func TestThresholdWeighsAnUncertainBaseline(t *testing.T) {
	sure, unsure := Threshold(1, 0, 0, 2, 1500), Threshold(1, 0, 0.15, 2, 1500)
	if unsure <= sure+0.3 {
		t.Errorf("threshold %.2f with the level 15%% uncertain, %.2f when known: want clearly higher", unsure, sure)
	}
	if p, nb := Threshold(20, 0, 0, 2, 1500), Threshold(20, 0.1, 0, 2, 1500); p == nb {
		t.Errorf("the same threshold %.2f for Poisson and overdispersed counts at 20 a day", p)
	}
}
