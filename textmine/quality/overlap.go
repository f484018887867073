package quality

import (
	"regexp"
	"strings"
)

// codeToken matches the letter-and-digit codes of anonymised places and
// ids (A2区, K4县, L10县): specific to one request, so they are key terms.
var codeToken = regexp.MustCompile(`[a-z]+\d+`)

// keyTerms returns the request's key terms with their weights: character
// bigrams inside runs of Chinese characters, minus any holding a stop
// character and minus the generic hotline words (weight zero), plus place
// codes. The first line is the title when the request has more than one
// line; it states the problem in a few words, so its terms weigh two and
// the body's weigh one.
func keyTerms(request string) map[string]float64 {
	terms := map[string]float64{}
	title, body := request, ""
	if i := strings.IndexByte(request, '\n'); i >= 0 {
		title, body = request[:i], request[i+1:]
	}
	add := func(text string, w float64) {
		for _, t := range bigrams(text) {
			if genericBigrams[t] {
				continue
			}
			terms[t] = max(terms[t], w)
		}
		for _, t := range codeToken.FindAllString(text, -1) {
			terms[t] = max(terms[t], w)
		}
	}
	if body == "" {
		add(title, 1)
	} else {
		add(title, 2)
		add(body, 1)
	}
	return terms
}

// bigrams lists the bigrams of consecutive Chinese characters in text,
// skipping any that holds a stop character.
func bigrams(text string) []string {
	var out []string
	var prev rune
	for _, r := range text {
		if !isHan(r) || stopChars[r] {
			prev = 0
			continue
		}
		if prev != 0 {
			out = append(out, string([]rune{prev, r}))
		}
		prev = r
	}
	return out
}

// overlapFullAt is the matched weight at which a reply counts as fully on
// topic. A long request has hundreds of key terms and a good reply answers
// its point, not every sentence, so coverage is measured against this cap
// rather than against the request's whole weight: a title (about ten terms
// at weight two) plus a few body terms reach it.
const overlapFullAt = 24.0

// overlap returns the share (0..1) of the request's key-term weight found
// in the reply, measured against min(total weight, overlapFullAt), and the
// total weight (zero when the request has no key terms, in which case the
// signal is not applied). Quoted echoes of the title are removed from the
// reply first (see dropEchoes).
func overlap(request, reply string) (share, total float64) {
	terms := keyTerms(request)
	for _, w := range terms {
		total += w
	}
	if total == 0 {
		return 0, 0
	}
	reply = dropEchoes(reply, request)
	have := map[string]bool{}
	for _, t := range bigrams(reply) {
		have[t] = true
	}
	for _, t := range codeToken.FindAllString(reply, -1) {
		have[t] = true
	}
	var got float64
	for t, w := range terms {
		if have[t] {
			got += w
		}
	}
	return min(1, got/min(total, overlapFullAt)), total
}

// dropEchoes removes the quoted spans of the reply that repeat the
// request's title (反映“A2区某小区物业管理有问题”的情况已收悉): every
// reply, even a bare referral, can echo the title, so that must not count
// as addressing the request. Quotes of anything else, a project's name or
// a finding, stay. A span is an echo when most of its bigrams are in the
// title.
func dropEchoes(reply, request string) string {
	title := request
	if i := strings.IndexByte(request, '\n'); i >= 0 {
		title = request[:i]
	}
	inTitle := setOf(bigrams(title))
	return quoted.ReplaceAllStringFunc(reply, func(span string) string {
		bs := bigrams(span)
		hit := 0
		for _, b := range bs {
			if inTitle[b] {
				hit++
			}
		}
		if len(bs) > 0 && 2*hit >= len(bs) {
			return " "
		}
		return span
	})
}
