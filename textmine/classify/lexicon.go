package classify

import (
	"math"
	"unicode"
)

// maxWordLen is the longest word, in runes, a lexicon holds; longer
// tokens are rare (numbers, codes) and are split like unknown text.
const maxWordLen = 8

// lexicon is a unigram word model learned from word-segmented training
// text. Predict uses it to segment raw text the way the training text was
// segmented. Characters it never saw as a word of their own are dropped:
// in segmented training sets these are mostly stop words (的, 了, 我…)
// that were removed before segmentation, so raw input loses them too.
type lexicon struct {
	logp   map[uint64]float32 // wordHash → log P(word), or notWord
	oov    float32            // log-probability charged for an unknown character
	maxLen int                // longest word in runes
}

// notWord marks a lexicon entry that is no word but the end (suffix) of
// longer ones, so segment knows to keep extending a candidate leftwards;
// a real log-probability is never positive.
const notWord float32 = 1

// word is one segment of a run, as rune offsets.
type word struct{ start, end int }

// segmenter holds the Viterbi buffers of one goroutine.
type segmenter struct {
	best  []float64
	back  []int8
	known []bool
	words []word
}

// wordHash mixes one more rune, preceding the ones already mixed, into h.
// Words are hashed from their last rune to their first so that Viterbi can
// extend candidates backwards from each end position.
func wordHash(h uint64, r rune) uint64 {
	h ^= uint64(r)
	h *= 0x100000001B3
	h ^= h >> 31
	return h
}

// hashSeed starts every word hash.
const hashSeed uint64 = 0xCBF29CE484222325

// hashWord returns the lexicon key of w.
func hashWord(w []rune) uint64 {
	h := hashSeed
	for i := len(w) - 1; i >= 0; i-- {
		h = wordHash(h, w[i])
	}
	return h
}

// segmented reports whether most examples look word-segmented: spaces
// between Chinese characters, which raw Chinese text almost never has.
func segmented(examples []Example) bool {
	n := 0
	for _, e := range examples {
		if hanSpaces(e.Text) >= 2 {
			n++
		}
	}
	return 2*n > len(examples)
}

// hanSpaces counts whitespace runs with a Han character on both sides.
func hanSpaces(text string) int {
	var prev rune
	space, n := false, 0
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
			space = prev != 0
		case unicode.Is(unicode.Han, r):
			if space {
				n++
			}
			prev, space = r, false
		default:
			prev, space = 0, false
		}
	}
	return n
}

// learnLexicon counts the words of segmented examples: the runs of
// letters and digits between whitespace and punctuation.
func learnLexicon(examples []Example) *lexicon {
	counts := map[uint64]int{}
	suffixes := map[uint64]bool{}
	total, longest := 0, 1
	var run []rune
	add := func() {
		if len(run) > 0 && len(run) <= maxWordLen {
			counts[hashWord(run)]++
			total++
			longest = max(longest, len(run))
			for i := 1; i < len(run); i++ {
				suffixes[hashWord(run[i:])] = true
			}
		}
		run = run[:0]
	}
	for _, e := range examples {
		for _, r := range e.Text {
			if f := fold(r); f != 0 {
				run = append(run, f)
			} else {
				add()
			}
		}
		add()
	}
	lex := &lexicon{logp: make(map[uint64]float32, 2*len(counts)), maxLen: longest}
	for h, c := range counts {
		lex.logp[h] = float32(math.Log(float64(c) / float64(total)))
	}
	for h := range suffixes {
		if _, ok := lex.logp[h]; !ok {
			lex.logp[h] = notWord
		}
	}
	lex.oov = float32(math.Log(0.5 / float64(max(total, 1))))
	return lex
}

// segment splits run into the most probable sequence of lexicon words
// (unknown single characters allowed at a high cost) and returns the
// known words, last first. Candidates grow leftwards from each end and
// stop once no word ends with them. The result lives in sg until the
// next call.
func (lx *lexicon) segment(run []rune, sg *segmenter) []word {
	n := len(run)
	sg.best = append(sg.best[:0], make([]float64, n+1)...)
	sg.back = append(sg.back[:0], make([]int8, n+1)...)
	sg.known = append(sg.known[:0], make([]bool, n+1)...)
	for end := 1; end <= n; end++ {
		sg.best[end] = math.Inf(-1)
		h := hashSeed
		for l := 1; l <= lx.maxLen && l <= end; l++ {
			h = wordHash(h, run[end-l])
			lp, found := lx.logp[h]
			if !found && l > 1 {
				break // no word ends with these runes
			}
			known := found && lp != notWord
			if !known && l == 1 {
				lp = lx.oov // an unknown character stands alone, at a cost
			}
			if s := sg.best[end-l] + float64(lp); (known || l == 1) && s > sg.best[end] {
				sg.best[end], sg.back[end], sg.known[end] = s, int8(l), known
			}
			if !found {
				break
			}
		}
	}
	sg.words = sg.words[:0]
	for end := n; end > 0; end -= int(sg.back[end]) {
		if sg.known[end] {
			sg.words = append(sg.words, word{end - int(sg.back[end]), end})
		}
	}
	return sg.words
}
