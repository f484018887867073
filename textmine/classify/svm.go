package classify

import (
	"math"
	"math/rand/v2"
)

// solverTol stops a class's solver once the projected gradient spans less
// than this, as in LIBLINEAR's default for this problem.
const solverTol = 0.1

// trainOVR fits one binary L2-regularised squared-hinge SVM per class
// ("this class against the rest") on the given rows of x. Each weight
// vector has x.dim entries plus a bias last. Classes run in parallel; each
// has its own seeded order, so the result does not depend on workers.
func trainOVR(x *matrix, y []int, k int, rows []int, opt Options, workers int) [][]float64 {
	w := make([][]float64, k)
	parallel(k, workers, func(_, c int) {
		w[c] = trainBinary(x, y, c, rows, opt)
	})
	return w
}

// trainBinary runs dual coordinate descent (Hsieh et al., ICML 2008) for
// class c against the rest, with a constant bias feature of 1. It is
// exact, needs no learning rate, and converges in a few passes on text.
func trainBinary(x *matrix, y []int, c int, rows []int, opt Options) []float64 {
	w := make([]float64, x.dim+1)
	alpha := make([]float64, len(rows))
	diag := 1 / (2 * opt.C)
	qii := make([]float64, len(rows))
	sign := make([]float64, len(rows))
	for i, r := range rows {
		_, v := x.row(r)
		qii[i] = diag + 1 + sqNorm(v)
		sign[i] = -1
		if y[r] == c {
			sign[i] = 1
		}
	}
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), uint64(c)))
	order := allRows(len(rows))
	for range opt.Epochs {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, i := range order {
			ids, vals := x.row(rows[i])
			g := sign[i]*dot(w, ids, vals) - 1 + diag*alpha[i]
			pg := g
			if alpha[i] == 0 && g > 0 {
				pg = 0
			}
			lo, hi = min(lo, pg), max(hi, pg)
			if pg == 0 {
				continue
			}
			old := alpha[i]
			alpha[i] = max(old-g/qii[i], 0)
			axpy(w, (alpha[i]-old)*sign[i], ids, vals)
		}
		if hi-lo < solverTol {
			break
		}
	}
	return w
}

// dot returns w·x for a sparse x with the bias feature (w's last entry).
func dot(w []float64, ids []int32, vals []float32) float64 {
	s := w[len(w)-1]
	for j, id := range ids {
		s += w[id] * float64(vals[j])
	}
	return s
}

// axpy adds a·x to w, bias feature included.
func axpy(w []float64, a float64, ids []int32, vals []float32) {
	for j, id := range ids {
		w[id] += a * float64(vals[j])
	}
	w[len(w)-1] += a
}

// sqNorm returns the squared L2 norm of v.
func sqNorm(v []float32) float64 {
	var s float64
	for _, f := range v {
		s += float64(f) * float64(f)
	}
	return s
}
