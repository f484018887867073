// Package hotspot finds the topics many citizens are writing about at once
// (热点): requests about the same thing at the same place, grouped, named by
// their key terms and place, and ranked by a heat index.
//
// Texts become TF-IDF vectors of character bigrams and trigrams after the
// duplicate finder's normalisation (textmine/dupe), so no word segmenter
// is needed. Requests are clustered in one pass in time order: each joins
// the topic whose centroid it is most similar to, when that similarity
// (scaled down when the two places are known to differ) reaches
// Options.Threshold, and starts a new topic otherwise. Candidate topics come
// from an inverted index of each topic's strongest terms, so a month of a
// large city's requests clusters in seconds. The output depends only on
// the input: ties break by time and id, never by map order.
package hotspot

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Doc is one request (or message-board post) to group.
type Doc struct {
	ID    int64
	Title string
	Text  string
	At    time.Time
	// Place is the request's address; "" lets Find read the place from the
	// title and text (see Place).
	Place string
	// Citizen identifies who wrote it (an account or a phone number), so
	// that one person writing five times counts as one; "" counts as a
	// person of its own.
	Citizen string
	// Likes are other citizens' endorsements on a message board (点赞).
	Likes int
}

// Topic is a group of requests about the same thing, with its heat.
type Topic struct {
	Rank int     `json:"rank"`
	Heat float64 `json:"heat"`
	// Name is the place and the key terms, for a list or a report.
	Name  string   `json:"name"`
	Place string   `json:"place"`
	Terms []string `json:"terms"`
	// Example is the title of the request closest to the topic's centre.
	Example  string    `json:"example"`
	Count    int       `json:"count"`
	Citizens int       `json:"citizens"`
	Likes    int       `json:"likes"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
	// Recent and Before count requests in the last Options.Recent before
	// Options.Now and in the period as long before it: the topic's growth.
	Recent int     `json:"recent"`
	Before int     `json:"before"`
	IDs    []int64 `json:"ids"`
}

// Options tunes Find; zero fields take the defaults noted.
type Options struct {
	// Threshold is the least similarity (cosine of TF-IDF vectors, times
	// the place factor) for a request to join a topic (default 0.25).
	Threshold float64
	// MinCount is the least number of requests a topic needs (default 2):
	// one message, however liked, is not yet a topic.
	MinCount int
	// Top is how many topics to return (default 10; negative for all).
	Top int
	// Now is the end of the period, for growth (default: the newest doc).
	Now time.Time
	// Recent is the period growth compares with the one before (default
	// 7 days).
	Recent time.Duration
}

func (o Options) withDefaults(docs []Doc) Options {
	if o.Threshold <= 0 {
		o.Threshold = 0.25
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	if o.Top == 0 {
		o.Top = 10
	}
	if o.Recent <= 0 {
		o.Recent = 7 * 24 * time.Hour
	}
	if o.Now.IsZero() {
		for _, d := range docs {
			if d.At.After(o.Now) {
				o.Now = d.At
			}
		}
	}
	return o
}

// Find groups the docs into topics and returns the hottest first. Docs
// may come in any order.
func Find(docs []Doc, opt Options) []Topic {
	opt = opt.withDefaults(docs)
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := docs[a].At.Compare(docs[b].At); c != 0 {
			return c
		}
		return cmp.Compare(docs[a].ID, docs[b].ID)
	})
	vs := vectorize(docs)
	places := make([]string, len(docs))
	for i, d := range docs {
		if d.Place != "" {
			places[i] = Place(d.Place)
		} else if places[i] = Place(d.Title); places[i] == "" {
			// A body names many places in passing; only one after a
			// district code is taken to be where the problem is.
			if p := Place(d.Text); len(findDistricts(p)) > 0 {
				places[i] = p
			}
		}
	}
	cl := newClusterer(opt.Threshold)
	for _, i := range order {
		cl.add(i, vs.vecs[i], places[i])
	}
	cl.merge()
	type found struct {
		t Topic
		c *cluster
	}
	var all []found
	for _, c := range cl.clusters {
		if len(c.members) >= opt.MinCount {
			all = append(all, found{describe(c, docs, places, opt), c})
		}
	}
	slices.SortFunc(all, func(a, b found) int {
		if a.t.Heat != b.t.Heat {
			return cmp.Compare(b.t.Heat, a.t.Heat)
		}
		return cmp.Compare(a.t.IDs[0], b.t.IDs[0])
	})
	if opt.Top >= 0 && len(all) > opt.Top {
		all = all[:opt.Top]
	}
	out := make([]Topic, len(all))
	for i, f := range all {
		label(&f.t, f.c, docs, vs)
		f.t.Rank = i + 1
		out[i] = f.t
	}
	return out
}

// Heat is the heat index of a topic. Distinct citizens weigh most: a
// problem that touches many people is hotter than one person writing
// often. Every report and every like counts too, each on a log scale so
// that a thousand likes do not drown a hundred reports; growth adds when
// the last period brought more reports than the one before.
func Heat(count, citizens, likes, recent, before int) float64 {
	h := 10*math.Log1p(float64(citizens)) + 3*math.Log1p(float64(count)) + 4*math.Log1p(float64(max(likes, 0)))
	if g := math.Log(float64(1+recent) / float64(1+before)); g > 0 {
		h += 5 * g
	}
	return math.Round(h*100) / 100
}
