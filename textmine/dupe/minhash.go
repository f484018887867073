package dupe

import (
	"math"
	"slices"
)

// hasher turns a text into the compact form the index keeps (sorted 32-bit
// shingle hashes) and into its LSH band keys. It is immutable after
// newHasher, so queries use it without locking.
type hasher struct {
	seed        uint64
	k           int      // characters per shingle
	rows, bands int      // rows*bands MinHash functions
	mul, add    []uint64 // one multiply-shift hash function per row
}

// newHasher draws the MinHash functions from the seed; the same options
// always give the same signatures, so an index can be rebuilt identically.
func newHasher(opt Options) *hasher {
	h := &hasher{seed: opt.Seed, k: opt.Shingle, bands: opt.Bands, rows: opt.Hashes / opt.Bands}
	n := h.rows * h.bands
	h.mul, h.add = make([]uint64, n), make([]uint64, n)
	state := opt.Seed ^ 0x6d696e7368656e67 // "minsheng"
	for i := range n {
		h.mul[i] = splitmix(&state) | 1 // odd multipliers keep the map injective
		h.add[i] = splitmix(&state)
	}
	return h
}

// shingles returns the text's distinct shingles hashed to 32 bits and
// sorted. Thirty-two bits per shingle halve the memory of exact keys; two
// different shingles of a pair of requests collide with odds of about one
// in forty million, far below any effect on a score.
func (h *hasher) shingles(text string) []uint32 {
	keys := shingleKeys(normRunes(text), h.k)
	out := make([]uint32, len(keys))
	for i, key := range keys {
		out[i] = uint32(mix(key^h.seed) >> 32)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bandKeys computes the MinHash signature of a shingle set and folds each
// band of rows into one 32-bit bucket key. Two sets whose Jaccard
// similarity is s agree on a band with probability s^rows, so they meet in
// at least one bucket with probability 1-(1-s^rows)^bands: near 1 above the
// threshold and near 0 for unrelated texts. It returns nil for an empty set.
func (h *hasher) bandKeys(sh []uint32) []uint32 {
	if len(sh) == 0 {
		return nil
	}
	sig := make([]uint32, len(h.mul))
	add := h.add[:len(h.mul)]
	// One function at a time over all shingles: the running minimum stays
	// in a register instead of a store to sig per shingle and function.
	for i, m := range h.mul {
		a, lo := add[i], uint32(math.MaxUint32)
		for _, x := range sh {
			// Multiply-shift: the high half of a*x+b is a universal hash.
			lo = min(lo, uint32((uint64(x)*m+a)>>32))
		}
		sig[i] = lo
	}
	keys := make([]uint32, h.bands)
	for b := range keys {
		acc := mix(h.seed + uint64(b))
		for _, y := range sig[b*h.rows : (b+1)*h.rows] {
			acc = mix(acc ^ uint64(y))
		}
		keys[b] = uint32(acc >> 32)
	}
	return keys
}

// splitmix advances a SplitMix64 generator, used only to draw parameters.
func splitmix(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	return mix(*state)
}

// mix is the SplitMix64 finaliser: a fast bijection that spreads every
// input bit over the whole word.
func mix(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
