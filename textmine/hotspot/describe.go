package hotspot

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"minsheng/textmine/dupe"
)

// nameTerms is how many key terms name a topic.
const nameTerms = 4

// describe counts a cluster's requests, citizens and likes and scores its
// heat; naming waits until the topic makes the list (see label).
func describe(c *cluster, docs []Doc, places []string, opt Options) Topic {
	t := Topic{Count: len(c.members), Place: topicPlace(c, places)}
	people := map[string]bool{}
	for _, i := range c.members {
		d := &docs[i]
		t.IDs = append(t.IDs, d.ID)
		t.Likes += max(d.Likes, 0)
		if d.Citizen == "" {
			t.Citizens++
		} else if !people[d.Citizen] {
			people[d.Citizen] = true
			t.Citizens++
		}
		if t.First.IsZero() || d.At.Before(t.First) {
			t.First = d.At
		}
		if d.At.After(t.Last) {
			t.Last = d.At
		}
		switch age := opt.Now.Sub(d.At); {
		case age >= 0 && age < opt.Recent:
			t.Recent++
		case age >= opt.Recent && age < 2*opt.Recent:
			t.Before++
		}
	}
	slices.Sort(t.IDs)
	t.Heat = Heat(t.Count, t.Citizens, t.Likes, t.Recent, t.Before)
	return t
}

// label fills a listed topic's terms, name and example.
func label(t *Topic, c *cluster, docs []Doc, vs *vectors) {
	t.Terms, t.Example = name(c, docs, vs, t.Place)
	t.Name = strings.TrimSpace(t.Place + " " + strings.Join(t.Terms, "、"))
}

// topicPlace is the place most members name (ties: the earlier named).
func topicPlace(c *cluster, places []string) string {
	count := map[string]int{}
	best := ""
	for _, i := range c.members {
		p := places[i]
		if p == "" {
			continue
		}
		count[p]++
		if count[p] > count[best] || best == "" {
			best = p
		}
	}
	return best
}

// name picks a topic's key terms and its most typical title. A term scores
// by the share of members that hold it times its rarity overall (the
// topic's own vocabulary, not the city's); each is widened to the longest
// run of characters most members share (魅力 → 魅力之城), and a term
// inside the place or inside a better term is skipped.
func name(c *cluster, docs []Doc, vs *vectors, place string) ([]string, string) {
	texts := make([]string, len(c.members))
	held := map[uint64]int{}
	for j, i := range c.members {
		texts[j] = namingText(docs[i])
		seen := map[uint64]bool{}
		for _, piece := range strings.Split(texts[j], "|") {
			for _, g := range grams(piece) {
				if vs.df[g] >= 2 {
					seen[g] = true
				}
			}
		}
		for k := range seen {
			held[k]++
		}
	}
	type scored struct {
		key   uint64
		score float64
	}
	need := max(2, (len(c.members)+2)/3)
	var cands []scored
	for k, n := range held {
		if n >= need {
			cands = append(cands, scored{k, float64(n) / float64(len(c.members)) * vs.idf(k)})
		}
	}
	slices.SortFunc(cands, func(a, b scored) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(a.key, b.key)
	})
	normPlace := dupe.Normalize(place)
	var terms []string
	for _, cd := range cands {
		if len(terms) == nameTerms {
			break
		}
		w := widen(gramText(cd.key), texts, need)
		if strings.Contains(normPlace, w) || overlaps(terms, w) || generic(w) {
			continue
		}
		terms = append(terms, w)
	}
	for i, w := range terms {
		terms[i] = strings.ToUpper(w)
	}
	return terms, typical(c, docs, vs)
}

// namingText is the text terms are widened in: the title (the body when
// there is none), normalised piece by piece so that a term never spans
// punctuation or a district code, the pieces joined by a separator no term
// holds.
func namingText(d Doc) string {
	t := d.Title
	if t == "" {
		t = d.Text
	}
	for _, l := range slices.Backward(findDistricts(t)) {
		t = t[:l[0]] + "|" + t[l[1]:]
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, p := range parts {
		parts[i] = dupe.Normalize(p)
	}
	return strings.Join(parts, "|")
}

// widen extends a term a character at a time, right then left, while the
// longer term keeps three quarters of the texts that hold it (a word
// grows, a phrase does not), up to eight characters.
func widen(w string, texts []string, need int) string {
	for utf8.RuneCountInString(w) < 8 {
		support := 0
		for _, t := range texts {
			if strings.Contains(t, w) {
				support++
			}
		}
		need := max(need, (3*support+3)/4)
		next := extend(w, texts, need, true)
		if next == "" {
			next = extend(w, texts, need, false)
		}
		if next == "" {
			break
		}
		w = next
	}
	return w
}

// extend returns w with the character most texts put after it (or before
// it), when at least need texts do; "" otherwise. Ties go to the smaller
// character, so the result is deterministic.
func extend(w string, texts []string, need int, right bool) string {
	count := map[rune]int{}
	for _, t := range texts {
		seen := map[rune]bool{}
		for from := 0; ; {
			i := strings.Index(t[from:], w)
			if i < 0 {
				break
			}
			i += from
			var r rune
			if right {
				r, _ = utf8.DecodeRuneInString(t[i+len(w):])
			} else {
				r, _ = utf8.DecodeLastRuneInString(t[:i])
			}
			if r != utf8.RuneError && r != '|' && !seen[r] {
				seen[r] = true
				count[r]++
			}
			from = i + len(w)
		}
	}
	var best rune
	for r, n := range count {
		if n > count[best] || n == count[best] && r < best {
			best = r
		}
	}
	if count[best] < need {
		return ""
	}
	if right {
		return w + string(best)
	}
	return string(best) + w
}

// overlaps reports whether w shares two characters in a row with a chosen
// term: 丽发新城附近搅拌 and 新城附近搅拌站 are one phrase, named once.
func overlaps(terms []string, w string) bool {
	r := []rune(w)
	for _, t := range terms {
		if strings.Contains(t, w) {
			return true
		}
		for i := 0; i+2 <= len(r); i++ {
			if strings.Contains(t, string(r[i:i+2])) {
				return true
			}
		}
	}
	return false
}

// typical returns the title of the member nearest the topic's centre.
func typical(c *cluster, docs []Doc, vs *vectors) string {
	best, bestSim := -1, -1.0
	for _, i := range c.members {
		if s := c.cosine(vs.vecs[i]); s > bestSim {
			best, bestSim = i, s
		}
	}
	if best < 0 {
		return ""
	}
	if docs[best].Title != "" {
		return docs[best].Title
	}
	r := []rune(docs[best].Text)
	return string(r[:min(40, len(r))])
}

// genericWords are the words of any request (asking, complaining, when,
// nearby, serious): true of every topic, so they name none.
var genericWords = []string{"问题", "存在", "咨询", "投诉", "关于", "何时", "什么时候", "才能", "请问", "反映", "建议",
	"希望", "要求", "附近", "严重", "情况", "相关", "部门", "解决", "领导", "能否", "是否", "怎么", "为什么", "市民", "居民"}

// generic reports whether a term is a generic word or a part of one.
func generic(w string) bool {
	for _, g := range genericWords {
		if strings.Contains(g, w) || w == g {
			return true
		}
	}
	return false
}
