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

// searchTokens returns the distinct unigrams and the bigrams in text order.
func searchTokens(text string) (uni, bi []string) {
	seen := map[string]bool{}
	for _, run := range searchRuns(text) {
		for i, u := range run {
			if !seen[u] {
				seen[u] = true
				uni = append(uni, u)
			}
			if i > 0 {
				bi = append(bi, run[i-1]+u)
			}
		}
	}
	return uni, bi
}

// searchGrams is the set of all tokens, as PostgreSQL stores it in an array.
// Like searchColumns it slices the lowercased text instead of building strings.
func searchGrams(text string) []string {
	low := lowerASCII(text)
	out := make([]string, 0, len(low)/2)
	prev, wordStart := -1, -1
	emit := func(start, end int) {
		out = append(out, low[start:end])
		if prev >= 0 {
			out = append(out, low[prev:end])
		}
		prev = start
	}
	endWord := func(at int) {
		if wordStart >= 0 {
			emit(wordStart, at)
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
			emit(i, i+utf8.RuneLen(r))
		default:
			endWord(i)
			prev = -1
		}
	}
	endWord(len(low))
	slices.Sort(out)
	return slices.Compact(out)
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

// ftsMatch builds an FTS5 MATCH expression for the terms (SQLite).
func ftsMatch(terms []searchTerm) string {
	var parts []string
	for _, t := range terms {
		for _, run := range t.runs {
			if len(run) == 1 {
				parts = append(parts, `uni : "`+run[0]+`"`)
				continue
			}
			grams := make([]string, 0, len(run)-1)
			for i := 1; i < len(run); i++ {
				grams = append(grams, run[i-1]+run[i])
			}
			parts = append(parts, `bi : "`+strings.Join(grams, " ")+`"`)
		}
	}
	return strings.Join(parts, " AND ")
}

// pgGrams returns the tokens a row must contain (PostgreSQL).
func pgGrams(terms []searchTerm) []string {
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

// searchColumns is searchTokens joined for the FTS5 columns, computed in one
// pass: units are slices of the lowercased text (units of a run are
// adjacent, so a bigram is a slice too), and only the two results allocate.
func searchColumns(text string) (uni, bi string) {
	low := lowerASCII(text)
	var ub, bb strings.Builder
	ub.Grow(len(low))
	bb.Grow(2 * len(low))
	seen := make(map[string]struct{}, len(low)/3)
	prev, wordStart := -1, -1 // start of the previous unit in this run; of the ASCII word being read
	emit := func(start, end int) {
		u := low[start:end]
		if _, ok := seen[u]; !ok {
			seen[u] = struct{}{}
			if ub.Len() > 0 {
				ub.WriteByte(' ')
			}
			ub.WriteString(u)
		}
		if prev >= 0 {
			if bb.Len() > 0 {
				bb.WriteByte(' ')
			}
			bb.WriteString(low[prev:end])
		}
		prev = start
	}
	endWord := func(at int) {
		if wordStart >= 0 {
			emit(wordStart, at)
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
			emit(i, i+utf8.RuneLen(r))
		default:
			endWord(i)
			prev = -1
		}
	}
	endWord(len(low))
	return ub.String(), bb.String()
}
