package surge

import "math"

// counts is the distribution of one day's count: negative binomial with
// mean mu and variance mu + phi·mu² (Poisson when phi is 0). A hotline's
// daily counts vary more than Poisson once a series is busy (weather,
// news, one estate's bad week), and phi measures by how much.
type counts struct {
	mu, phi float64
}

// poissonPhi is the dispersion below which counts are treated as Poisson.
const poissonPhi = 1e-6

// llr returns the log-likelihood ratio of a count y for a rise of m times
// the mean against no rise, at the same dispersion. It is the step of the
// CUSUM: positive when y is more likely under the rise.
func (c counts) llr(y, m float64) float64 {
	if c.phi < poissonPhi {
		return y*math.Log(m) - (m-1)*c.mu
	}
	r := 1 / c.phi
	return y*math.Log(m) + (y+r)*math.Log((r+c.mu)/(r+m*c.mu))
}

// pmf returns the probabilities of the counts lo, lo+1, … over all but a
// negligible tail of the mass (twelve standard deviations either side).
func (c counts) pmf() (lo int, p []float64) {
	sd := math.Sqrt(c.mu + c.phi*c.mu*c.mu)
	lo = max(0, int(c.mu-12*sd))
	hi := int(c.mu+12*sd) + 12
	p = make([]float64, 0, hi-lo+1)
	for y := lo; y <= hi; y++ {
		p = append(p, math.Exp(c.logPMF(float64(y))))
	}
	return lo, p
}

// logPMF is the log probability of the count y.
func (c counts) logPMF(y float64) float64 {
	ly, _ := math.Lgamma(y + 1)
	if c.phi < poissonPhi {
		return y*math.Log(c.mu) - c.mu - ly
	}
	r := 1 / c.phi
	lyr, _ := math.Lgamma(y + r)
	lr, _ := math.Lgamma(r)
	return lyr - lr - ly + r*math.Log(r/(r+c.mu)) + y*math.Log(c.mu/(r+c.mu))
}
