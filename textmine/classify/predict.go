package classify

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// Scored is one class with the model's confidence in it.
type Scored struct {
	Label string
	// Score is a confidence in [0,1]: a softmax over the class margins with
	// a temperature fitted on held-out data, so the scores of all classes
	// sum to 1.
	Score float64
}

// scratchPool reuses Predict's buffers, so a prediction allocates little
// while concurrent calls never share one.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Predict returns the k most likely classes for text, best first (all
// classes if k <= 0 or k exceeds their number). A text with no known
// n-gram gets scores from the biases alone. It is safe for concurrent use.
func (m *Model) Predict(text string, k int) []Scored {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	m.margins(text, s)
	softmax(s.score, m.scale)
	out := make([]Scored, len(m.labels))
	for c, l := range m.labels {
		out[c] = Scored{Label: l, Score: s.score[c]}
	}
	// Stable sort: equal scores keep the labels' order.
	slices.SortStableFunc(out, func(a, b Scored) int { return cmp.Compare(b.Score, a.Score) })
	if k > 0 && k < len(out) {
		out = out[:k]
	}
	return out
}

// margins fills s.score with each class's SVM margin for text.
func (m *Model) margins(text string, s *scratch) {
	m.vector(text, s)
	k := len(m.labels)
	s.score = append(s.score[:0], make([]float64, k)...)
	acc := s.score
	for c, b := range m.bias {
		acc[c] = float64(b)
	}
	for j, id := range s.ids {
		v := float64(s.vals[j])
		row := m.w[int(id)*k : int(id)*k+k]
		for c, wc := range row {
			acc[c] += v * float64(wc)
		}
	}
}

// softmax turns margins into probabilities in place: p_c ∝ exp(scale·m_c).
func softmax(v []float64, scale float64) {
	top := math.Inf(-1)
	for _, x := range v {
		top = max(top, x)
	}
	var sum float64
	for i, x := range v {
		v[i] = math.Exp(scale * (x - top))
		sum += v[i]
	}
	for i := range v {
		v[i] /= sum
	}
}
