package classify

import (
	"math"
	"slices"
	"unicode"
)

// scratch holds the buffers that turn one text into features; reusing
// them keeps Predict from allocating, and each goroutine has its own.
type scratch struct {
	run   []rune    // current run of letters and digits
	seg   segmenter // lexicon segmentation state
	keys  []uint64  // n-gram keys of the text
	tf    []int32   // per feature id, zero outside vector
	ids   []int32   // the text's features, in first-seen order
	vals  []float32 // their weights
	score []float64 // per class
}

// fold maps a rune to the form the features use, or to 0 when it only
// separates text (whitespace, punctuation, symbols, control characters).
// Full-width ASCII becomes half-width and letters become lower case, so
// that "ＡＢＣ", "ABC" and "abc" count as the same characters.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r)
	}
	return 0
}

// gramKey packs the runes of one n-gram into a key. Up to three runes fit
// exactly (21 bits each, and a folded rune is never 0); longer grams are
// hashed into keys with the top bit set, which packed keys never have.
func gramKey(g []rune) uint64 {
	if len(g) <= 3 {
		var k uint64
		for _, r := range g {
			k = k<<21 | uint64(r)
		}
		return k
	}
	h := uint64(0x9E3779B97F4A7C15)
	for _, r := range g {
		h ^= uint64(r)
		h *= 0xBF58476D1CE4E5B9
		h ^= h >> 29
	}
	return h | 1<<63
}

// appendGrams appends the keys of all n-grams (minN <= n <= maxN) that lie
// inside tok.
func appendGrams(keys []uint64, tok []rune, minN, maxN int) []uint64 {
	for end := 1; end <= len(tok); end++ {
		for n := minN; n <= maxN && n <= end; n++ {
			keys = append(keys, gramKey(tok[end-n:end]))
		}
	}
	return keys
}

// textKeys fills s.keys with the n-gram keys of text, repeats included.
// Whitespace and punctuation split the text into runs; with a lexicon
// each run is further split into words (dropping characters the lexicon
// never saw alone). N-grams never cross a split, so word-segmented
// training text and raw text yield the same kind of grams.
func (m *Model) textKeys(text string, s *scratch) {
	s.keys = s.keys[:0]
	s.run = s.run[:0]
	for _, r := range text {
		if f := fold(r); f != 0 {
			s.run = append(s.run, f)
			continue
		}
		m.flushRun(s)
	}
	m.flushRun(s)
}

// flushRun adds the n-grams of the pending run and empties it.
func (m *Model) flushRun(s *scratch) {
	if len(s.run) == 0 {
		return
	}
	if m.lex == nil {
		s.keys = appendGrams(s.keys, s.run, m.minN, m.maxN)
	} else {
		for _, w := range m.lex.segment(s.run, &s.seg) {
			s.keys = appendGrams(s.keys, s.run[w.start:w.end], m.minN, m.maxN)
		}
	}
	s.run = s.run[:0]
}

// distinctKeys sorts keys in place and returns its distinct values,
// reusing the front of keys.
func distinctKeys(keys []uint64) []uint64 {
	slices.Sort(keys)
	return slices.Compact(keys)
}

// vector fills s.ids and s.vals with the TF-IDF vector of text: each known
// n-gram weighs (1+ln tf)·idf, so a repeated phrase cannot dominate a
// message, and the vector is L2-normalised so long and short messages
// compare alike. Unknown n-grams are dropped. Training and Predict both
// use it, so they see identical vectors.
func (m *Model) vector(text string, s *scratch) {
	m.textKeys(text, s)
	if len(s.tf) != len(m.keys) {
		s.tf = make([]int32, len(m.keys))
	}
	s.ids = s.ids[:0]
	for _, k := range s.keys {
		if id, ok := m.index[k]; ok {
			if s.tf[id] == 0 {
				s.ids = append(s.ids, id)
			}
			s.tf[id]++
		}
	}
	s.vals = s.vals[:0]
	var norm float64
	for _, id := range s.ids {
		v := float32((1 + math.Log(float64(s.tf[id]))) * float64(m.idf[id]))
		s.tf[id] = 0
		s.vals = append(s.vals, v)
		norm += float64(v) * float64(v)
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range s.vals {
			s.vals[i] *= inv
		}
	}
}
