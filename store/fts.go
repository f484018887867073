package store

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese has no spaces between words, and one- and two-character queries
// (管网, 噪音, 物业) are the common case, so neither FTS5's trigram tokenizer
// nor PostgreSQL's word parser fits. We index our own tokens instead: every
// unit (a CJK character, or a run of ASCII letters and digits) as a unigram,
// and every pair of neighbouring units as a bigram. A query of one unit looks
// up the unigram; a longer one looks up its bigrams; the final substring check
// makes both databases return exactly the same rows.

// searchRuns splits text into runs of units, lowercasing ASCII.
func searchRuns(s string) [][]string {
	var runs [][]string
	var cur []string
	var word strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			cur = append(cur, word.String())
			word.Reset()
		}
	}
	flushRun := func() {
		flushWord()
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			flushWord()
			cur = append(cur, string(r))
		default:
			flushRun()
		}
	}
	flushRun()
	return runs
}

// searchGrams is the set of all tokens, as PostgreSQL stores it in an array.
func searchGrams(text string) []string {
	low := lowerASCII(text)
	out := make([]string, 0, len(low)/2)
	eachUnit(low, func(start, end, prev int) {
		out = append(out, low[start:end])
		if prev >= 0 {
			out = append(out, low[prev:end])
		}
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// indexText is every token of the text in text order, separated by
// spaces, for SQLite's index. Repeats are left in: an index without
// positions (detail=none) keeps a token once per case however often it
// comes, so sorting them out first (searchGrams) would be wasted work.
func indexText(text string) string {
	low := lowerASCII(text)
	var b strings.Builder
	b.Grow(3 * len(low))
	eachUnit(low, func(start, end, prev int) {
		b.WriteString(low[start:end])
		b.WriteByte(' ')
		if prev >= 0 {
			b.WriteString(low[prev:end])
			b.WriteByte(' ')
		}
	})
	return b.String()
}

// eachUnit calls fn for every unit of the lowercased text, with the start
// of the previous unit of the same run (-1 at a run's start). Units of a run
// are adjacent, so a unit is low[start:end] and a bigram low[prev:end]:
// tokens are slices of the text, and nothing is allocated per token.
func eachUnit(low string, fn func(start, end, prev int)) {
	prev, wordStart := -1, -1
	unit := func(start, end int) {
		fn(start, end, prev)
		prev = start
	}
	endWord := func(at int) {
		if wordStart >= 0 {
			unit(wordStart, at)
			wordStart = -1
		}
	}
	for i, r := range low {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if wordStart < 0 {
				wordStart = i
			}
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			endWord(i)
			unit(i, i+utf8.RuneLen(r))
		default:
			endWord(i)
			prev = -1
		}
	}
	endWord(len(low))
}

// searchTerm is one whitespace-separated part of a query.
type searchTerm struct {
	text string     // lowercased, for the substring check
	runs [][]string // its units, for the index lookup
}

// parseQuery splits a query into terms; terms without any letter or digit are
// dropped. At most 8 terms are kept.
func parseQuery(q string) []searchTerm {
	var out []searchTerm
	for _, f := range strings.Fields(q) {
		runs := searchRuns(f)
		if len(runs) == 0 {
			continue
		}
		out = append(out, searchTerm{text: lowerASCII(f), runs: runs})
		if len(out) == 8 {
			break
		}
	}
	return out
}

func lowerASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 {
			return unicode.ToLower(r)
		}
		return r
	}, s)
}

// ftsMatch builds an FTS5 MATCH expression for the terms (SQLite): every
// gram the cases must hold. Grams are letters and digits only, so quoting
// them is enough.
func ftsMatch(terms []searchTerm) string {
	grams := queryGrams(terms)
	for i, g := range grams {
		grams[i] = `"` + g + `"`
	}
	return strings.Join(grams, " AND ")
}

// queryGrams returns the grams a case must hold to match the terms: a
// one-unit run's unigram, a longer run's bigrams.
func queryGrams(terms []searchTerm) []string {
	var out []string
	for _, t := range terms {
		for _, run := range t.runs {
			if len(run) == 1 {
				out = append(out, run[0])
				continue
			}
			for i := 1; i < len(run); i++ {
				out = append(out, run[i-1]+run[i])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// searchDoc is the text of a case that search covers.
func searchDoc(title, content, address string) string {
	return title + "\n" + content + "\n" + address
}
