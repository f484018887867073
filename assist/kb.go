package assist

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"minsheng"
)

// kbIndex ranks knowledge-base articles for a request by shared character
// bigrams weighted by rarity (IDF), title and keywords counting double. A
// hotline's knowledge base has hundreds to a few thousand articles, so an
// in-memory index rebuilt on change is both simple and fast.
type kbIndex struct {
	articles []*minsheng.Article
	post     map[uint64][]posting // bigram → articles holding it
}

// posting is one article holding a bigram, with the bigram's weight there
// (IDF, doubled in the title and keywords).
type posting struct {
	art    int
	weight float64
	title  bool // the bigram is in the article's title or keywords
}

// ReloadArticles rebuilds the article index from the store.
func (a *Assistant) ReloadArticles(ctx context.Context) error {
	arts, err := a.src.Articles(ctx)
	if err != nil {
		return err
	}
	a.kb.Store(buildKB(arts))
	return nil
}

func buildKB(arts []*minsheng.Article) *kbIndex {
	ix := &kbIndex{post: map[uint64][]posting{}}
	for _, art := range arts {
		if art.Disabled {
			continue
		}
		g := map[uint64]float64{}
		for b := range bigrams(art.Body) {
			g[b] = 1
		}
		for b := range bigrams(art.Title + " " + strings.Join(art.Keywords, " ")) {
			g[b] = 2
		}
		for b, w := range g {
			if !boilerplate[b] {
				ix.post[b] = append(ix.post[b], posting{len(ix.articles), w, w > 1})
			}
		}
		ix.articles = append(ix.articles, art)
	}
	n := float64(len(ix.articles))
	for b, ps := range ix.post {
		idf := math.Log(1 + n/float64(len(ps)))
		for i := range ps {
			ps[i].weight *= idf
		}
		ix.post[b] = ps
	}
	return ix
}

// bigrams yields the distinct pairs of neighbouring letters or digits, each
// packed into one integer so that no strings are made.
func bigrams(s string) map[uint64]struct{} {
	out := make(map[uint64]struct{}, len(s)/3)
	var prev rune
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			prev = 0
			continue
		}
		if prev != 0 {
			out[uint64(prev)<<32|uint64(r)] = struct{}{}
		}
		prev = r
	}
	return out
}

// bigramList is bigrams as a sorted list without duplicates, cheaper than a
// map for the one pass a query makes.
func bigramList(s string) []uint64 {
	out := make([]uint64, 0, len(s)/3)
	var prev rune
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			prev = 0
			continue
		}
		if prev != 0 {
			out = append(out, uint64(prev)<<32|uint64(r))
		}
		prev = r
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// rank scores every article against a text; the score is the share of the
// text's weighted bigrams that the article holds.
func (ix *kbIndex) rank(text string) []scoredArticle {
	n := float64(len(ix.articles))
	total := 0.0
	acc := make([]float64, len(ix.articles))
	titled := make([]bool, len(ix.articles))
	for _, b := range bigramList(text) {
		ps := ix.post[b]
		if len(ps) == 0 || boilerplate[b] {
			continue
		}
		total += math.Log(1 + n/float64(len(ps)))
		for _, p := range ps {
			acc[p.art] += p.weight
			titled[p.art] = titled[p.art] || p.title
		}
	}
	var out []scoredArticle
	if total == 0 {
		return out
	}
	for i, s := range acc {
		// An article that shares nothing with the request's title or
		// keywords matched on incidental words only.
		if s > 0 && titled[i] {
			out = append(out, scoredArticle{ix.articles[i], s / (2 * total)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].art.ID < out[j].art.ID
	})
	return out
}

type scoredArticle struct {
	art   *minsheng.Article
	score float64
}

// minArticleScore keeps weak matches out of the suggestions.
const minArticleScore = 0.2

// boilerplate are words nearly every request or article holds (greetings,
// "please handle it soon"); their bigrams would make unrelated articles look
// alike, so they count for nothing.
var boilerplate = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range strings.Fields(`希望 相关 部门 尽快 处理 反映 市民 居民 来电 表示 您好 你好 请问 问题 情况 解决
		谢谢 咨询 一下 现在 已经 没有 什么 怎么 可以 能否 是否 我们 他们 自己 这个 那个 时候 目前 需要 进行 工作
		办理 要求 规定 相应 有关 一个 不是 就是 还是 但是 因为 所以 如果 以及 或者 非常 严重 麻烦 帮忙 领导`) {
		for k := range bigrams(w) {
			m[k] = true
		}
	}
	return m
}()

func (ix *kbIndex) suggest(text string, k int) []minsheng.Suggestion {
	out := []minsheng.Suggestion{}
	for _, s := range ix.rank(text) {
		if len(out) == k || s.score < minArticleScore {
			break
		}
		out = append(out, minsheng.Suggestion{Kind: "article", Rank: len(out) + 1, ID: s.art.ID, Name: s.art.Title, Confidence: round(s.score)})
	}
	return out
}

// SearchArticles returns articles matching a query, best first: every term
// must appear in the title, keywords or body.
func (a *Assistant) SearchArticles(q string, limit int) []*minsheng.Article {
	ix := a.kb.Load()
	terms := strings.Fields(strings.ToLower(q))
	var out []*minsheng.Article
	for _, s := range ix.rank(q) {
		hay := strings.ToLower(s.art.Title + " " + strings.Join(s.art.Keywords, " ") + " " + s.art.Body)
		all := true
		for _, t := range terms {
			if !strings.Contains(hay, t) {
				all = false
				break
			}
		}
		if all {
			out = append(out, s.art)
		}
		if len(out) == limit {
			break
		}
	}
	if len(terms) == 1 && len([]rune(terms[0])) == 1 { // one character: no bigram to rank by
		for _, art := range ix.articles {
			if len(out) < limit && strings.Contains(art.Title+art.Body, terms[0]) {
				out = append(out, art)
			}
		}
	}
	return out
}
