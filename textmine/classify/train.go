package classify

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// matrix holds TF-IDF rows in compressed sparse row form.
type matrix struct {
	ptr  []int // row i is ids[ptr[i]:ptr[i+1]]
	ids  []int32
	vals []float32
	dim  int
}

// row returns the feature ids and values of row i.
func (x *matrix) row(i int) ([]int32, []float32) {
	return x.ids[x.ptr[i]:x.ptr[i+1]], x.vals[x.ptr[i]:x.ptr[i+1]]
}

// Train learns a Model from examples. It needs at least two distinct
// labels; labels are arbitrary non-empty strings.
func Train(examples []Example, opt Options) (*Model, error) {
	if err := opt.Validate(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	labels, y, err := labelSet(examples)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	workers := opt.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	m := &Model{labels: labels, minN: opt.MinN, maxN: opt.MaxN}
	if opt.Lexicon == LexiconOn || (opt.Lexicon == LexiconAuto && segmented(examples)) {
		m.lex = learnLexicon(examples)
	}
	m.buildVocab(examples, opt, workers)
	if len(m.keys) == 0 {
		return nil, errors.New("train: no n-gram occurs in enough texts; lower MinDF or add data")
	}
	x := m.vectorize(examples, workers)
	m.scale = defaultScale
	if opt.CalibFolds >= 2 {
		m.scale = calibrate(x, y, len(labels), opt, workers)
	}
	w := trainOVR(x, y, len(labels), allRows(len(y)), opt, workers)
	m.setWeights(w)
	return m, nil
}

// labelSet returns the sorted distinct labels and each example's class.
func labelSet(examples []Example) ([]string, []int, error) {
	if len(examples) == 0 {
		return nil, nil, errors.New("no examples")
	}
	seen := map[string]bool{}
	for i, e := range examples {
		if e.Label == "" || len(e.Label) > maxLabelLen {
			return nil, nil, fmt.Errorf("example %d has an empty or too long (%d bytes) label", i, len(e.Label))
		}
		seen[e.Label] = true
	}
	if len(seen) < 2 {
		return nil, nil, fmt.Errorf("need at least 2 labels, got %d", len(seen))
	}
	labels := make([]string, 0, len(seen))
	for l := range seen {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	y := make([]int, len(examples))
	for i, e := range examples {
		y[i], _ = slices.BinarySearch(labels, e.Label)
	}
	return labels, y, nil
}

// chunkSize is how many texts Train turns into features at once: enough
// to keep the workers busy, few enough that the n-grams of a large
// training set are never all in memory together.
const chunkSize = 512

// forChunks runs f(s, i) for every example index i, in parallel chunks
// with one scratch per worker, then calls done(lo, hi) for each chunk in
// order, so callers can consume results deterministically.
func forChunks(n, workers int, f func(s *scratch, i int), done func(lo, hi int)) {
	scratches := make([]scratch, workers)
	for lo := 0; lo < n; lo += chunkSize {
		hi := min(lo+chunkSize, n)
		parallel(hi-lo, workers, func(w, i int) { f(&scratches[w], lo+i) })
		done(lo, hi)
	}
}

// buildVocab keeps the n-grams found in at least MinDF texts, at most
// MaxFeatures of them (the most frequent; ties by key), and computes
// their smoothed IDF.
func (m *Model) buildVocab(examples []Example, opt Options, workers int) {
	df := map[uint64]int32{}
	distinct := make([][]uint64, len(examples))
	forChunks(len(examples), workers, func(s *scratch, i int) {
		m.textKeys(examples[i].Text, s)
		distinct[i] = slices.Clone(distinctKeys(s.keys))
	}, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for _, k := range distinct[i] {
				df[k]++
			}
			distinct[i] = nil
		}
	})
	type kd struct {
		key uint64
		df  int32
	}
	kept := make([]kd, 0, len(df)/4)
	for k, n := range df {
		if int(n) >= opt.MinDF {
			kept = append(kept, kd{k, n})
		}
	}
	if opt.MaxFeatures > 0 && len(kept) > opt.MaxFeatures {
		slices.SortFunc(kept, func(a, b kd) int {
			return cmp.Or(cmp.Compare(b.df, a.df), cmp.Compare(a.key, b.key))
		})
		kept = kept[:opt.MaxFeatures]
	}
	slices.SortFunc(kept, func(a, b kd) int { return cmp.Compare(a.key, b.key) })
	m.keys = make([]uint64, len(kept))
	m.idf = make([]float32, len(kept))
	n := float64(len(examples))
	for i, e := range kept {
		m.keys[i] = e.key
		m.idf[i] = float32(math.Log((1+n)/(1+float64(e.df))) + 1)
	}
	m.buildIndex()
}

// buildIndex fills the key-to-id map from the sorted keys.
func (m *Model) buildIndex() {
	m.index = make(map[uint64]int32, len(m.keys))
	for i, k := range m.keys {
		m.index[k] = int32(i)
	}
}

// vectorize turns the examples into the TF-IDF matrix.
func (m *Model) vectorize(examples []Example, workers int) *matrix {
	x := &matrix{ptr: make([]int, 1, len(examples)+1), dim: len(m.keys)}
	ids := make([][]int32, len(examples))
	vals := make([][]float32, len(examples))
	forChunks(len(examples), workers, func(s *scratch, i int) {
		m.vector(examples[i].Text, s)
		ids[i], vals[i] = slices.Clone(s.ids), slices.Clone(s.vals)
	}, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x.ids, x.vals = append(x.ids, ids[i]...), append(x.vals, vals[i]...)
			x.ptr = append(x.ptr, len(x.ids))
			ids[i], vals[i] = nil, nil
		}
	})
	return x
}

// setWeights stores per-class weight vectors (bias last) feature-major in
// float32, the precision the model file keeps, so a trained and a loaded
// model predict alike.
func (m *Model) setWeights(w [][]float64) {
	k, d := len(w), len(m.keys)
	m.w = make([]float32, d*k)
	m.bias = make([]float32, k)
	for c, wc := range w {
		for j := 0; j < d; j++ {
			m.w[j*k+c] = float32(wc[j])
		}
		m.bias[c] = float32(wc[d])
	}
}

// allRows returns 0..n-1.
func allRows(n int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = i
	}
	return r
}

// parallel calls f(w, i) for i in 0..n-1 on up to workers goroutines,
// w being the goroutine's number (for per-worker buffers). Callers write
// results by index, so the outcome does not depend on scheduling.
func parallel(n, workers int, f func(w, i int)) {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := range workers {
		wg.Go(func() {
			for i := range next {
				f(w, i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
