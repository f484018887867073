package classify

import (
	"math"
	"math/rand/v2"
)

// defaultScale is the softmax inverse temperature used when Train does
// not calibrate; SVM margins mostly lie within [-1.5, 1.5].
const defaultScale = 5.0

// calibrate fits the inverse temperature of the softmax over class margins
// so that the confidences Predict returns minimise log-loss on held-out
// data: it trains on all folds but one, scores the one left out, and
// repeats for every fold.
func calibrate(x *matrix, y []int, k int, opt Options, workers int) float64 {
	n := len(y)
	folds := min(opt.CalibFolds, n)
	perm := allRows(n)
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0xca1))
	rng.Shuffle(n, func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
	margins := make([][]float64, n)
	for f := range folds {
		var fit, held []int
		for i, r := range perm {
			if i%folds == f {
				held = append(held, r)
			} else {
				fit = append(fit, r)
			}
		}
		w := trainOVR(x, y, k, fit, opt, workers)
		for _, r := range held {
			ids, vals := x.row(r)
			margins[r] = make([]float64, k)
			for c := range k {
				margins[r][c] = dot(w[c], ids, vals)
			}
		}
	}
	return fitScale(margins, y)
}

// fitScale finds the scale s in [0.1, 200] minimising the mean negative
// log-likelihood of softmax(s·margins). The loss is convex in s, so a
// golden-section search over log s finds it.
func fitScale(margins [][]float64, y []int) float64 {
	loss := func(logS float64) float64 {
		s := math.Exp(logS)
		var total float64
		for i, m := range margins {
			total += logSumExp(m, s) - s*m[y[i]]
		}
		return total
	}
	a, b := math.Log(0.1), math.Log(200)
	const phi = 0.6180339887498949
	c, d := b-phi*(b-a), a+phi*(b-a)
	fc, fd := loss(c), loss(d)
	for b-a > 1e-3 {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - phi*(b-a)
			fc = loss(c)
		} else {
			a, c, fc = c, d, fd
			d = a + phi*(b-a)
			fd = loss(d)
		}
	}
	return math.Exp((a + b) / 2)
}

// logSumExp returns log Σ exp(s·m_c), computed stably.
func logSumExp(m []float64, s float64) float64 {
	top := math.Inf(-1)
	for _, v := range m {
		top = max(top, s*v)
	}
	var sum float64
	for _, v := range m {
		sum += math.Exp(s*v - top)
	}
	return top + math.Log(sum)
}
