package report

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// stopGrams are two-character sequences common to every request, which
// say nothing about its topic.
var stopGrams = map[string]bool{
	"问题": true, "反映": true, "咨询": true, "投诉": true, "市民": true, "小区": true, "希望": true, "相关": true,
	"部门": true, "处理": true, "解决": true, "要求": true, "情况": true, "请求": true, "建议": true, "我们": true,
	"没有": true, "一直": true, "多次": true, "何时": true, "如何": true, "办理": true, "关于": true, "存在": true,
	"民咨": true, "再次": true, "有限": true, "公司": true, "集团": true, "附近": true, "至今": true, "严重": true,
}

// KeyTerms is the report's stand-in for hot-topic detection: it ranks the
// two-character terms of the titles by how many titles carry them, drops a
// term that joins onto one already listed (a fragment of the same word, as
// "圾清" of "垃圾清运"), and returns the k most frequent. The hotspot
// detector of textmine replaces it when the service is given one.
//
// Places are the short names of districts, streets and communities ("东港",
// "龙山"): they are not topics, but a topic whose titles mostly name one of
// them is placed there.
// Common are words of the whole city (its name) that are neither.
func KeyTerms(titles, places, common []string, k int) []Hotspot {
	df, all := map[string]int{}, map[string]int{}
	isPlace := map[string]bool{}
	for _, p := range append(append([]string{}, places...), common...) {
		isPlace[p] = true
	}
	grams := make([]map[string]bool, len(titles))
	for ti, t := range titles {
		seen := map[string]bool{}
		rs := []rune(t)
		covered := placeRunes(rs, isPlace)
		for i := 0; i+1 < len(rs); i++ {
			if !unicode.Is(unicode.Han, rs[i]) || !unicode.Is(unicode.Han, rs[i+1]) || covered[i] || covered[i+1] {
				continue
			}
			g := string(rs[i : i+2])
			if !seen[g] {
				seen[g] = true
				all[g]++
				if !stopGrams[g] && !isPlace[g] {
					df[g]++
				}
			}
		}
		for _, p := range places {
			if strings.Contains(t, p) {
				seen[p] = true
			}
		}
		grams[ti] = seen
	}
	type term struct {
		g string
		n int
	}
	terms := make([]term, 0, len(df))
	for g, n := range df {
		if n >= 2 {
			terms = append(terms, term{g, n})
		}
	}
	slices.SortFunc(terms, func(a, b term) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.g, b.g)) })
	var out []Hotspot
	for _, t := range terms {
		if len(out) == k {
			break
		}
		merged := false
		for h, n := range all {
			// A fragment of a longer word: it follows on from a term about
			// as frequent, as "圾清" from "垃圾".
			if h != t.g && precedes(h, t.g) && n*5 >= t.n*4 {
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, Hotspot{Terms: t.g, Place: mainPlace(t.g, grams, places), Cases: t.n, Heat: float64(t.n)})
		}
	}
	return out
}

// mainPlace is the place named in more than half of the titles that carry
// the term, or "".
func mainPlace(term string, grams []map[string]bool, places []string) string {
	n, at := 0, map[string]int{}
	for _, g := range grams {
		if !g[term] {
			continue
		}
		n++
		for _, p := range places {
			if g[p] {
				at[p]++
			}
		}
	}
	for _, p := range places {
		if at[p]*2 > n {
			return p
		}
	}
	return ""
}

// PlaceNames shortens the names of districts, streets and communities to
// the two characters titles use for them ("西湖区龙山街道办事处" under
// "西湖区人民政府" gives "龙山"): the name without its parent's leading
// characters in common, first two Han characters.
func PlaceNames(names, parents []string) []string {
	seen := map[string]bool{}
	var out []string
	for i, name := range names {
		rs, ps := []rune(name), []rune(parents[i])
		j := 0
		for j < len(rs) && j < len(ps) && rs[j] == ps[j] {
			j++
		}
		if j > 0 && j < len(rs) && (rs[j] == '区' || rs[j] == '市' || rs[j] == '县') {
			j++
		}
		if j+2 <= len(rs) && unicode.Is(unicode.Han, rs[j]) && unicode.Is(unicode.Han, rs[j+1]) {
			if p := string(rs[j : j+2]); !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// precedes reports whether a ends with the character b starts with, so
// that b may be the tail of a word a begins ("东港" then "港区").
func precedes(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	return ra[len(ra)-1] == rb[0]
}

// placeSuffixes end a place's name in a title ("东港区", "龙山街道").
const placeSuffixes = "区市县镇街路村社"

// placeRunes marks the characters of a title that name a place, with the
// suffix after it, so no term is counted across a place's name ("区垃" of
// "东港区垃圾").
func placeRunes(rs []rune, isPlace map[string]bool) []bool {
	cov := make([]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		if !isPlace[string(rs[i:i+2])] {
			continue
		}
		cov[i], cov[i+1] = true, true
		if i+2 < len(rs) && strings.ContainsRune(placeSuffixes, rs[i+2]) {
			cov[i+2] = true
		}
	}
	return cov
}
