package hotspot

import (
	"cmp"
	"math"
	"slices"

	"minsheng/textmine/dupe"
)

// term is one weighted feature of a vector: a character bigram or trigram
// packed into a key (21 bits per character, as the classifier does).
type term struct {
	key uint64
	w   float64
}

// vectors holds the TF-IDF vectors of a set of docs and the document
// frequency of each term, which naming needs.
type vectors struct {
	vecs [][]term // per doc, sorted by key, L2-normalised
	df   map[uint64]int
	n    int
}

// maxDFShare drops terms in more than this share of the docs, and more
// than 50 of them (问题, 小区,
// 希望 …): they say nothing about which topic a doc belongs to.
const maxDFShare = 0.15

// grams returns the bigrams and trigrams of the normalised text, repeats
// included.
func grams(text string) []uint64 {
	r := []rune(dupe.Normalize(text))
	out := make([]uint64, 0, 2*len(r))
	for i := range r {
		if i+2 <= len(r) {
			out = append(out, uint64(r[i])<<21|uint64(r[i+1]))
		}
		if i+3 <= len(r) {
			out = append(out, (uint64(r[i])<<21|uint64(r[i+1]))<<21|uint64(r[i+2]))
		}
	}
	return out
}

// gramText unpacks a key into its characters.
func gramText(k uint64) string {
	var rs []rune
	for ; k != 0; k >>= 21 {
		rs = append(rs, rune(k&(1<<21-1)))
	}
	slices.Reverse(rs)
	return string(rs)
}

// vectorize weighs each doc's terms by (1+ln tf)·idf, keeping only terms
// at least two docs share (a term of one doc cannot bring two together,
// and would only dilute its similarities) and at most maxDFShare of them.
// The title and the body are weighed apart and blended (titleShare of the
// length to the title), so a long body cannot drown the title that states
// the problem.
func vectorize(docs []Doc) *vectors {
	titles := make([][]gramCount, len(docs))
	bodies := make([][]gramCount, len(docs))
	df := map[uint64]int{}
	for i, d := range docs {
		titles[i], bodies[i] = counts(d.Title), counts(d.Text)
		for _, g := range titles[i] {
			df[g.key]++
		}
		for _, g := range bodies[i] {
			if !holds(titles[i], g.key) {
				df[g.key]++
			}
		}
	}
	n := len(docs)
	vs := &vectors{vecs: make([][]term, n), df: df, n: n}
	maxDF := max(50, int(maxDFShare*float64(n)))
	for i := range docs {
		t, b := vs.weigh(titles[i], maxDF), vs.weigh(bodies[i], maxDF)
		switch {
		case len(t) == 0:
			vs.vecs[i] = b
		case len(b) == 0:
			vs.vecs[i] = t
		default:
			vs.vecs[i] = blend(t, b, titleShare)
		}
	}
	return vs
}

// titleShare is the title's part of a doc's vector when it has a body.
const titleShare = 0.6

// gramCount is a term and how often a text holds it.
type gramCount struct {
	key uint64
	n   int
}

// counts returns the term frequencies of a text, sorted by key (sorting
// a slice is much cheaper than a map per text).
func counts(text string) []gramCount {
	gs := grams(text)
	slices.Sort(gs)
	var out []gramCount
	for i, g := range gs {
		if i > 0 && g == gs[i-1] {
			out[len(out)-1].n++
			continue
		}
		out = append(out, gramCount{g, 1})
	}
	return out
}

// holds reports whether sorted counts hold a key.
func holds(cs []gramCount, key uint64) bool {
	_, ok := slices.BinarySearchFunc(cs, key, func(c gramCount, k uint64) int { return cmp.Compare(c.key, k) })
	return ok
}

// weigh turns term frequencies into a unit TF-IDF vector sorted by key.
func (vs *vectors) weigh(tf []gramCount, maxDF int) []term {
	v := make([]term, 0, len(tf))
	for _, c := range tf {
		if f := vs.df[c.key]; f >= 2 && f <= maxDF {
			v = append(v, term{c.key, (1 + math.Log(float64(c.n))) * vs.idf(c.key)})
		}
	}
	return unit(v)
}

// unit scales a vector to length 1 (an empty one stays empty).
func unit(v []term) []term {
	var norm float64
	for _, t := range v {
		norm += t.w * t.w
	}
	if norm == 0 {
		return v
	}
	norm = math.Sqrt(norm)
	for j := range v {
		v[j].w /= norm
	}
	return v
}

// blend returns the unit vector of share·a + (1-share)·b, both sorted by key.
func blend(a, b []term, share float64) []term {
	out := make([]term, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].key < b[j].key:
			out = append(out, term{a[i].key, share * a[i].w})
			i++
		case i == len(a) || b[j].key < a[i].key:
			out = append(out, term{b[j].key, (1 - share) * b[j].w})
			j++
		default:
			out = append(out, term{a[i].key, share*a[i].w + (1-share)*b[j].w})
			i++
			j++
		}
	}
	return unit(out)
}

// idf is the inverse document frequency of a term, ln(1 + n/df): never
// zero, so that a handful of requests all about one thing still have
// terms to be grouped by.
func (vs *vectors) idf(g uint64) float64 {
	return math.Log1p(float64(vs.n) / float64(max(vs.df[g], 1)))
}

// strongest returns the keys of the k heaviest terms of a vector, heaviest
// first (ties by key). It keeps the best k in order as it goes instead of
// sorting the whole vector: a topic's centroid has hundreds of terms, and
// clustering asks for its strongest every time it grows.
func strongest(v []term, k int) []uint64 {
	if k <= 0 {
		return nil
	}
	before := func(a, b term) bool { return a.w > b.w || a.w == b.w && a.key < b.key }
	top := make([]term, 0, min(k, len(v)))
	for _, t := range v {
		if len(top) == k && !before(t, top[k-1]) {
			continue
		}
		if len(top) < k {
			top = append(top, t)
		} else {
			top[k-1] = t
		}
		for i := len(top) - 1; i > 0 && before(top[i], top[i-1]); i-- {
			top[i], top[i-1] = top[i-1], top[i]
		}
	}
	out := make([]uint64, len(top))
	for i, t := range top {
		out[i] = t.key
	}
	return out
}
