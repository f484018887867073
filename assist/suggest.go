package assist

import (
	"sort"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/textmine/dupe"
)

// Suggestions is what the assistant offers for one case.
type Suggestions struct {
	Categories []minsheng.Suggestion `json:"categories"`
	Orgs       []minsheng.Suggestion `json:"orgs"`
	Articles   []minsheng.Suggestion `json:"articles"`
	Model      string                `json:"model,omitempty"`
}

// Duplicate is an earlier case that looks like the same problem.
type Duplicate struct {
	ID        int64   `json:"id"`
	Score     float64 `json:"score"`
	SamePlace bool    `json:"same_place"`
}

// Suggest ranks categories, handling organisations and articles for a case.
func (a *Assistant) Suggest(c *minsheng.Case, orgs *minsheng.OrgTree) Suggestions {
	out := a.brain.Load().suggest(c, orgs)
	out.Articles = a.kb.Load().suggest(c.Title+"\n"+c.Content, 3)
	return out
}

// suggest ranks categories and organisations with one trained state.
func (b *brain) suggest(c *minsheng.Case, orgs *minsheng.OrgTree) Suggestions {
	text := c.Title + "\n" + c.Content
	out := Suggestions{Model: b.version, Categories: []minsheng.Suggestion{}, Orgs: []minsheng.Suggestion{}}
	var catProbs []scored
	if b.model != nil {
		for _, s := range b.model.Predict(text, 5) {
			id, _ := strconv.ParseInt(s.Label, 10, 64)
			if cat, ok := b.cats[id]; ok {
				catProbs = append(catProbs, scored{id, s.Score})
				if len(out.Categories) < 3 {
					out.Categories = append(out.Categories, minsheng.Suggestion{Kind: "category", Rank: len(out.Categories) + 1,
						ID: id, Name: cat.Name, Confidence: round(s.Score)})
				}
			}
		}
	}
	if c.CategoryID != 0 {
		catProbs = []scored{{c.CategoryID, 1}} // intake already chose one: route by it
	}
	for i, s := range b.rankOrgs(catProbs, orgs) {
		if i == 3 {
			break
		}
		if o := orgs.Org(s.id); o != nil {
			out.Orgs = append(out.Orgs, minsheng.Suggestion{Kind: "org", Rank: i + 1, ID: s.id, Name: o.Name, Confidence: round(s.p)})
		}
	}
	return out
}

type scored struct {
	id int64
	p  float64
}

// rankOrgs combines, for each likely category, the responsibility list (the
// category's own organisation, or its nearest ancestor's) with what
// dispatchers chose for that category before; history weighs more as it grows.
func (b *brain) rankOrgs(cats []scored, orgs *minsheng.OrgTree) []scored {
	score := map[int64]float64{}
	for _, c := range cats {
		resp := b.responsible(c.id)
		n := float64(b.routes.totals[c.id])
		hist := n / (n + 5)
		if resp != 0 {
			score[resp] += c.p * (1 - hist)
		}
		for org, k := range b.routes.counts[c.id] {
			if o := orgs.Org(org); o != nil && !o.Disabled {
				score[org] += c.p * hist * float64(k) / n
			}
		}
	}
	out := make([]scored, 0, len(score))
	total := 0.0
	for id, p := range score {
		out = append(out, scored{id, p})
		total += p
	}
	for i := range out {
		out[i].p /= max(total, 1e-9)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].p != out[j].p {
			return out[i].p > out[j].p
		}
		return out[i].id < out[j].id
	})
	return out
}

// responsible walks up the category tree to the nearest responsibility entry.
func (b *brain) responsible(cat int64) int64 {
	for range 5 {
		c, ok := b.cats[cat]
		if !ok {
			return 0
		}
		if c.OrgID != 0 {
			return c.OrgID
		}
		cat = c.ParentID
	}
	return 0
}

// Duplicates returns earlier open or recent cases that describe the same
// problem as c, best first.
func (a *Assistant) Duplicates(c *minsheng.Case, k int) []Duplicate {
	return a.keep(a.dups.Query(dupeDoc(c), k))
}

// keep turns index matches into duplicates above the reporting threshold.
func (a *Assistant) keep(ms []dupe.Match) []Duplicate {
	out := make([]Duplicate, 0, len(ms))
	for _, m := range ms {
		if m.Score < a.set.DupeMin {
			continue
		}
		out = append(out, Duplicate{ID: m.ID, Score: round(m.Score), SamePlace: m.SamePlace})
	}
	return out
}

// Similarity is the shingle similarity of two texts, for linking repeat calls.
func Similarity(a, b string) float64 { return dupe.Similarity(a, b) }

// placeKey reduces an address to the part that names a place, so "3号楼"
// and "3号楼2单元" of one estate match.
func placeKey(addr string) string {
	addr = strings.TrimSpace(addr)
	for _, cut := range []string{"号楼", "栋", "单元", "号"} {
		if i := strings.Index(addr, cut); i > 0 {
			return addr[:i]
		}
	}
	return addr
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
