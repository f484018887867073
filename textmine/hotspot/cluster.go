package hotspot

import (
	"cmp"
	"math"
	"slices"
)

// probeTerms is how many of a doc's strongest terms look up candidate
// topics, and how many of a topic's strongest terms it is found by.
const probeTerms = 16

// cluster is one topic being built: the sum of its members' vectors.
type cluster struct {
	id      int
	sum     map[uint64]float64
	norm2   float64 // squared length of sum, kept as members join
	members []int   // doc indexes in the order they joined
	place   string  // the first member's place with a known one
	indexed map[uint64]bool
}

// clusterer assigns docs to clusters in one pass.
type clusterer struct {
	threshold float64
	clusters  []*cluster
	byTerm    map[uint64][]int // term → clusters indexed under it
	seen      []int            // per cluster, the last doc that looked at it
	probe     int
}

func newClusterer(threshold float64) *clusterer {
	return &clusterer{threshold: threshold, byTerm: map[uint64][]int{}}
}

// add puts doc i into the most similar cluster that reaches the
// threshold, or into a new one. Ties go to the older cluster.
func (cl *clusterer) add(i int, v []term, place string) {
	cl.probe++
	best, bestSim := -1, cl.threshold
	for _, k := range strongest(v, probeTerms) {
		for _, c := range cl.byTerm[k] {
			if cl.seen[c] == cl.probe {
				continue
			}
			cl.seen[c] = cl.probe
			sim := cl.clusters[c].cosine(v) * samePlace(place, cl.clusters[c].place)
			if sim > bestSim || sim == bestSim && best >= 0 && c < best {
				best, bestSim = c, sim
			}
		}
	}
	if best < 0 {
		best = len(cl.clusters)
		cl.clusters = append(cl.clusters, &cluster{id: best, sum: map[uint64]float64{}, indexed: map[uint64]bool{}})
		cl.seen = append(cl.seen, cl.probe)
	}
	c := cl.clusters[best]
	c.join(i, v)
	if c.place == "" {
		c.place = place
	}
	// Re-index as the topic grows (1, 2, 4, 8 … members), so that it is
	// found by the terms its members share, not only its first one's.
	if n := len(c.members); n&(n-1) == 0 {
		for _, k := range strongest(c.centroid(), probeTerms) {
			if !c.indexed[k] {
				c.indexed[k] = true
				cl.byTerm[k] = append(cl.byTerm[k], c.id)
			}
		}
	}
}

// join adds a member's vector to the sum, updating its length in the
// order of the vector's keys, so the result never depends on map order.
func (c *cluster) join(i int, v []term) {
	for _, t := range v {
		old := c.sum[t.key]
		c.sum[t.key] = old + t.w
		c.norm2 += (old+t.w)*(old+t.w) - old*old
	}
	c.members = append(c.members, i)
}

// cosine is the cosine similarity of a unit vector to the cluster's centre.
func (c *cluster) cosine(v []term) float64 {
	if c.norm2 <= 0 {
		return 0
	}
	var dot float64
	for _, t := range v {
		dot += t.w * c.sum[t.key]
	}
	return dot / math.Sqrt(c.norm2)
}

// centroid returns the cluster's summed vector as terms sorted by key.
func (c *cluster) centroid() []term {
	out := make([]term, 0, len(c.sum))
	for k, w := range c.sum {
		out = append(out, term{k, w})
	}
	slices.SortFunc(out, func(a, b term) int { return cmp.Compare(a.key, b.key) })
	return out
}

// merge joins topics that one pass in time order left apart: a topic
// started before its first members' words settled can sit next to its own
// continuation. Each topic, largest first, absorbs every smaller one whose
// centre is as similar to its own as a member must be. Absorbed clusters
// are left empty.
func (cl *clusterer) merge() {
	order := make([]int, len(cl.clusters))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(cl.clusters[b].members) - len(cl.clusters[a].members) })
	for _, a := range order {
		big := cl.clusters[a]
		if len(big.members) == 0 {
			continue
		}
		cl.probe++
		cl.seen[a] = cl.probe
		cv := unit(big.centroid())
		for _, k := range strongest(cv, probeTerms) {
			for _, b := range cl.byTerm[k] {
				small := cl.clusters[b]
				if cl.seen[b] == cl.probe || len(small.members) == 0 || len(small.members) > len(big.members) {
					continue
				}
				cl.seen[b] = cl.probe
				if small.cosine(cv)*samePlace(big.place, small.place) < cl.threshold {
					continue
				}
				for _, t := range small.centroid() {
					old := big.sum[t.key]
					big.sum[t.key] = old + t.w
					big.norm2 += (old+t.w)*(old+t.w) - old*old
				}
				big.members = append(big.members, small.members...)
				small.members, small.sum, small.norm2 = nil, nil, 0
			}
		}
	}
}
