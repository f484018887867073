package dupe

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// DefaultShingle is the shingle length, in characters, that Similarity and a
// zero Options use. Three characters keep chance overlaps between unrelated
// Chinese requests low (two-character shingles such as 小区 or 问题 are in
// almost every message) while a changed character still spoils only three
// shingles.
const DefaultShingle = 3

// maxShingle is the longest shingle whose characters pack exactly into a
// 64-bit key (21 bits per Unicode code point).
const maxShingle = 3

// Normalize folds text into the form that shingling sees, so that the same
// request typed on a phone, in a web form or by an operator compares equal:
// full-width ASCII (ＡＢＣ１２３，) becomes half-width, letters are lower-cased,
// and everything that is neither a letter nor a digit (whitespace,
// punctuation, symbols, emoji) is dropped.
func Normalize(s string) string {
	return string(normRunes(s))
}

// normRunes is Normalize returning the characters, which shingling indexes.
func normRunes(s string) []rune {
	out := make([]rune, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		if r = foldRune(r); r >= 0 {
			out = append(out, r)
		}
	}
	return out
}

// foldRune maps one character to its normal form, or to -1 when the
// character carries no content for comparison.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII block
		r -= 0xFEE0
	case r == 0x3000: // ideographic space
		return -1
	}
	if r < utf8.RuneSelf {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		}
		return -1
	}
	if unicode.IsLetter(r) || unicode.IsNumber(r) {
		return unicode.ToLower(r)
	}
	return -1
}

// shingleKeys returns the distinct k-character shingles of normalised text
// as exact 64-bit keys (k code points of 21 bits each), sorted ascending. A
// text shorter than k characters yields one shingle of the whole text, so
// that short requests still compare; an empty text yields none.
func shingleKeys(runes []rune, k int) []uint64 {
	if len(runes) == 0 {
		return nil
	}
	if len(runes) < k {
		k = len(runes)
	}
	keys := make([]uint64, 0, len(runes)-k+1)
	for i := 0; i+k <= len(runes); i++ {
		var key uint64
		for _, r := range runes[i : i+k] {
			key = key<<21 | uint64(r)
		}
		// Normalised characters are never zero, so keys of different
		// lengths occupy different bit ranges and cannot collide.
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Similarity returns the exact Jaccard similarity of the DefaultShingle
// shingles of two texts after Normalize: the share of shingles the texts
// have in common, from 0 (none) to 1 (the same set). It is the ground truth
// that Index estimates, for tests and evaluation. A text with nothing left
// after normalisation is similar to nothing, itself included.
func Similarity(a, b string) float64 {
	x := shingleKeys(normRunes(a), DefaultShingle)
	y := shingleKeys(normRunes(b), DefaultShingle)
	return jaccard(x, y)
}

// jaccard returns |x∩y| / |x∪y| for two sorted sets without duplicates.
func jaccard[T uint32 | uint64](x, y []T) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	common := 0
	// Branch-free merge: the comparisons of random hashes are unpredictable.
	for i, j := 0, 0; i < len(x) && j < len(y); {
		a, b := x[i], y[j]
		common += b2i(a == b)
		i += b2i(a <= b)
		j += b2i(a >= b)
	}
	return float64(common) / float64(len(x)+len(y)-common)
}

// jaccardAtLeast is jaccard for a caller that only wants scores of at
// least need: it gives up, returning false, as soon as the shingles left
// cannot lift the intersection to the size such a score takes. Most
// candidates LSH proposes fall short, and are dropped half-way.
func jaccardAtLeast(x, y []uint32, need float64) (float64, bool) {
	if len(x) == 0 || len(y) == 0 {
		return 0, need <= 0
	}
	// c/(|x|+|y|-c) >= need  <=>  c >= need*(|x|+|y|)/(1+need)
	want := int(math.Ceil(need*float64(len(x)+len(y))/(1+need) - 1e-9))
	common, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		if common+min(len(x)-i, len(y)-j) < want {
			return 0, false
		}
		for end := min(i+32, len(x)); i < end && j < len(y); {
			a, b := x[i], y[j]
			common += b2i(a == b)
			i += b2i(a <= b)
			j += b2i(a >= b)
		}
	}
	if common < want {
		return 0, false
	}
	return float64(common) / float64(len(x)+len(y)-common), true
}

// b2i converts a comparison to 0 or 1 without a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
