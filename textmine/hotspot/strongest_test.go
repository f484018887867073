package hotspot

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestStrongestIsTheTopOfTheSortedVector checks the running selection
// against sorting the whole vector, with ties in weight broken by key.
func TestStrongestIsTheTopOfTheSortedVector(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		v := make([]term, r.IntN(60))
		for i := range v {
			v[i] = term{key: uint64(r.IntN(1000)), w: float64(r.IntN(8)) / 8} // few weights: many ties
		}
		k := r.IntN(20)
		sorted := slices.Clone(v)
		slices.SortFunc(sorted, func(a, b term) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.key, b.key)) })
		var want []uint64
		for _, t := range sorted[:min(k, len(sorted))] {
			want = append(want, t.key)
		}
		if got := strongest(v, k); !slices.Equal(got, want) {
			t.Fatalf("round %d, k %d: got %v, want %v", round, k, got, want)
		}
	}
}
