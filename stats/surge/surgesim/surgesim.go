// Package surgesim generates daily count histories of a hotline's
// categories and areas, with the demo city's weekly and seasonal rhythm and
// day-to-day noise beyond Poisson, optionally with an injected surge, so
// that surge detection can be measured on many histories at once.
package surgesim

import (
	"math"
	"math/rand/v2"
	"time"

	"minsheng/demo"
	"minsheng/stats/surge"
)

// City describes the histories to draw.
type City struct {
	Series int // categories × areas
	Days   int
	// MinRate and MaxRate bound the series' mean requests a day, drawn
	// log-uniformly between them.
	MinRate, MaxRate float64
	// Shape is the gamma shape of the day-to-day noise of the rate (larger
	// is closer to Poisson; 10 gives a variance about 1.1 times the mean at
	// one a day and 2 times at ten).
	Shape float64
	Start time.Time
}

// Surge is an injected rise: from day Day on, for Days days, series Index
// gets Multiplier times its usual rate.
type Surge struct {
	Index, Day, Days int
	Multiplier       float64
}

// Draw returns one history of the city, with the surge when s is not nil,
// and each series' base rate.
func Draw(c City, s *Surge, r *rand.Rand) ([]surge.Series, []float64) {
	out := make([]surge.Series, c.Series)
	rates := make([]float64, c.Series)
	for i := range out {
		rate := c.MinRate * math.Exp(r.Float64()*math.Log(c.MaxRate/c.MinRate))
		rates[i] = rate
		counts := make([]float64, c.Days)
		for d := range counts {
			lambda := rate * demo.DayRhythm(c.Start.AddDate(0, 0, d)) * gamma(r, c.Shape) / c.Shape
			if s != nil && s.Index == i && d >= s.Day && d < s.Day+s.Days {
				lambda *= s.Multiplier
			}
			counts[d] = float64(poisson(r, lambda))
		}
		out[i] = surge.Series{Key: surge.Key{CategoryID: int64(i + 1), AreaID: 1}, Start: c.Start, Counts: counts}
	}
	return out, rates
}

// poisson draws a Poisson count (Knuth's method for small means, a
// rounded normal for large ones).
func poisson(r *rand.Rand, lambda float64) int {
	if lambda > 50 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// gamma draws from Gamma(shape, 1) (Marsaglia and Tsang), for shape >= 1.
func gamma(r *rand.Rand, shape float64) float64 {
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}
