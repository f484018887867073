package surge

import (
	"math"
	"sync"
)

// Threshold returns the CUSUM threshold at which a series of counts with
// mean mu a day and dispersion phi, tested for a rise of m times, alarms
// on average once in arl days while nothing rises (its in-control average
// run length). The mean is an estimate with relative standard error rel:
// the alarm rate is averaged over where the true mean may lie, since a
// baseline that came out low alarms far more often than one that came out
// high alarms less. A fixed threshold would alarm far more often on a busy
// series than on a quiet one; this one gives every series the same
// false-alarm budget. Every series has its own run length (see
// runLengths), and the threshold grows about linearly with the log of it,
// so thresholds are computed on a grid of run lengths 28 % apart and
// interpolated between them; they are cached by mu to 5 %, phi and rel
// rounded up to 0.02.
func Threshold(mu, phi, rel, m, arl float64) float64 {
	g := math.Log(arl) / arlStep
	lo := math.Floor(g)
	k := thresholdKey{mu: int(math.Round(math.Log(mu) / muStep)), phi: int(math.Ceil(max(phi, 0) / phiStep)),
		rel: int(math.Ceil(max(rel, 0) / relStep)), m: m, arl: int(lo)}
	h := gridThreshold(k)
	if f := g - lo; f > 0 {
		k.arl++
		h += f * (gridThreshold(k) - h)
	}
	return h
}

// gridThreshold is the threshold at a cache key's grid point.
func gridThreshold(k thresholdKey) float64 {
	thresholds.Lock()
	h, ok := thresholds.h[k]
	thresholds.Unlock()
	if ok {
		return h
	}
	h = calibrate(math.Exp(float64(k.mu)*muStep), float64(k.phi)*phiStep, float64(k.rel)*relStep, k.m,
		math.Exp(float64(k.arl)*arlStep))
	thresholds.Lock()
	thresholds.h[k] = h
	thresholds.Unlock()
	return h
}

const (
	muStep  = 0.05
	arlStep = 0.25
	phiStep = 0.02
	relStep = 0.02
	// cells is how finely the Markov chain divides [0, h).
	cells = 60
)

type thresholdKey struct {
	mu, phi, rel, arl int
	m                 float64
}

var thresholds = struct {
	sync.Mutex
	h map[thresholdKey]float64
}{h: map[thresholdKey]float64{}}

// chart is the CUSUM's step distribution when the true mean is mu·scale
// and the chart expects mu, with the weight of that scale.
type chart struct {
	steps, pmf []float64
	weight     float64
}

// hermite3 are the nodes and weights of three-point Gauss–Hermite
// quadrature for a standard normal.
var hermite3 = [3][2]float64{{-math.Sqrt(3), 1.0 / 6}, {0, 2.0 / 3}, {math.Sqrt(3), 1.0 / 6}}

// calibrate finds the threshold whose run length is arl by regula falsi
// on the log run length, which grows about linearly with the threshold.
// The run length of an estimated mean is the inverse of the alarm rate
// averaged over a lognormal error of the mean.
func calibrate(mu, phi, rel, m, arl float64) float64 {
	expect := counts{mu: mu, phi: phi}
	var charts []chart
	for _, q := range hermite3 {
		if rel == 0 && q[0] != 0 {
			continue
		}
		if rel == 0 {
			q[1] = 1
		}
		lo, pmf := counts{mu: mu * math.Exp(q[0]*rel-rel*rel/2), phi: phi}.pmf()
		steps := make([]float64, len(pmf))
		for i := range steps {
			steps[i] = expect.llr(float64(lo+i), m)
		}
		charts = append(charts, chart{steps: steps, pmf: pmf, weight: q[1]})
	}
	f := func(h float64) float64 {
		var rate float64
		for _, c := range charts {
			rate += c.weight / runLength(h, c.steps, c.pmf)
		}
		return -math.Log(rate) - math.Log(arl)
	}
	a, b := 0.5, 4.0
	fa, fb := f(a), f(b)
	for fb < 0 && b < 200 {
		a, fa = b, fb
		b *= 2
		fb = f(b)
	}
	if fa > 0 {
		return a
	}
	side := 0
	for range 40 {
		x := b - fb*(b-a)/(fb-fa)
		if !(x > a && x < b) {
			x = (a + b) / 2 // the secant failed (a flat or infinite end): bisect
		}
		fx := f(x)
		if math.Abs(fx) < 0.01 || b-a < 1e-3 {
			return x
		}
		// Illinois: halve the stale end's value so the bracket shrinks
		// from both sides.
		if fx > 0 {
			b, fb = x, fx
			if side == 1 {
				fa /= 2
			}
			side = 1
		} else {
			a, fa = x, fx
			if side == -1 {
				fb /= 2
			}
			side = -1
		}
	}
	return (a + b) / 2
}

// runLength is the average run length from zero of the CUSUM
// S = max(0, S + step) stopped at S >= h, where step takes steps[i] with
// probability pmf[i]: Brook and Evans' Markov chain, with S at exactly
// zero as one state (the chart rests there most of the time) and (0, h)
// cut into cells.
func runLength(h float64, steps, pmf []float64) float64 {
	n := cells + 1
	w := h / cells
	// a is I − R, the transitions among the states that have not alarmed.
	a := make([]float64, n*n)
	for i := range n {
		a[i*n+i] = 1
		s := 0.0
		if i > 0 {
			s = (float64(i) - 0.5) * w
		}
		for k, p := range pmf {
			next := s + steps[k]
			switch {
			case next >= h:
			case next <= 0:
				a[i*n] -= p
			default:
				j := min(int(math.Ceil(next/w)), cells)
				a[i*n+j] -= p
			}
		}
	}
	l := make([]float64, n)
	for i := range l {
		l[i] = 1
	}
	solve(a, l, n)
	return l[0]
}

// solve overwrites b with the solution of a·x = b (a is n×n, row-major,
// and is destroyed), by Gaussian elimination with partial pivoting.
func solve(a, b []float64, n int) {
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r*n+c]) > math.Abs(a[p*n+c]) {
				p = r
			}
		}
		if p != c {
			for k := range n {
				a[c*n+k], a[p*n+k] = a[p*n+k], a[c*n+k]
			}
			b[c], b[p] = b[p], b[c]
		}
		for r := c + 1; r < n; r++ {
			f := a[r*n+c] / a[c*n+c]
			if f == 0 {
				continue
			}
			for k := c; k < n; k++ {
				a[r*n+k] -= f * a[c*n+k]
			}
			b[r] -= f * b[c]
		}
	}
	for c := n - 1; c >= 0; c-- {
		for k := c + 1; k < n; k++ {
			b[c] -= a[c*n+k] * b[k]
		}
		b[c] /= a[c*n+c]
	}
}
