package dupe

import (
	"cmp"
	"slices"
	"sync"
)

// candPool and entryPool recycle the buffers of queries, which would
// otherwise allocate a few kilobytes per call.
var (
	candPool  = sync.Pool{New: func() any { return new([]uint32) }}
	entryPool = sync.Pool{New: func() any { return new([]entry) }}
)

// entry is what scoring needs of an indexed request, copied out under the
// read lock. Shingle slices are never written after they are indexed (a
// removed request's slice is dropped, not cleared), so the copy can be
// scored after the lock is released.
type entry struct {
	id    int64
	at    int64
	place uint32
	sh    []uint32
}

// Query returns up to k indexed requests that resemble d, best first
// (ties: same place first, then lower ID), never d.ID itself; k <= 0
// returns every match. A match scores at least Options.Threshold and, when
// Options.Window is set and both times are known, arrived within the window
// of d.At. Similarity is exact on the candidates LSH proposes, but LSH may
// not propose a pair near the threshold: with the default options it
// misses 4.5% of pairs at similarity 0.5, 1% at 0.55, 0.1% at 0.6, and an
// exact copy, which shares every band, practically never. Only the newest
// 300 requests of a bucket are examined (see maxWalk), so more than 300
// identical copies are not all returned.
func (ix *Index) Query(d Doc, k int) []Match {
	sh := ix.h.shingles(d.Text)
	return ix.query(d, k, sh, ix.h.bandKeys(sh))
}

// Prepared is a request hashed once for both Query and Add, so intake can
// look for duplicates while the request is still being stored and index it
// under its id afterwards.
type Prepared struct {
	d        Doc
	sh, keys []uint32
}

// Prepare hashes d's text.
func (ix *Index) Prepare(d Doc) *Prepared {
	sh := ix.h.shingles(d.Text)
	return &Prepared{d: d, sh: sh, keys: ix.h.bandKeys(sh)}
}

// QueryPrepared is Query for a prepared request.
func (ix *Index) QueryPrepared(p *Prepared, k int) []Match { return ix.query(p.d, k, p.sh, p.keys) }

// AddPrepared is Add for a prepared request, under the given id.
func (ix *Index) AddPrepared(p *Prepared, id int64) {
	d := p.d
	d.ID = id
	ix.add(d, p.sh, p.keys)
}

func (ix *Index) query(d Doc, k int, sh, keys []uint32) []Match {
	if keys == nil {
		return nil
	}
	q := probe{id: d.ID, sh: sh, at: unixOf(d.At), place: placeKey(d.Place)}
	buf, ents := candPool.Get().(*[]uint32), entryPool.Get().(*[]entry)
	defer candPool.Put(buf)
	defer entryPool.Put(ents)

	// Only the bucket walk holds the read lock: scoring takes most of a
	// query's time, and every admitted request waits for the lock.
	ix.mu.RLock()
	*buf = ix.candidates(keys, (*buf)[:0])
	*ents = (*ents)[:0]
	for _, s := range *buf {
		*ents = append(*ents, entry{id: ix.ids[s], at: ix.at[s], place: ix.place[s], sh: ix.sh[s]})
	}
	ix.mu.RUnlock()
	var out []Match
	for i := range *ents {
		if m, ok := ix.score(&(*ents)[i], &q); ok {
			out = append(out, m)
		}
	}
	clear(*ents) // drop the shingle slices, so the pool keeps no removed request alive
	slices.SortFunc(out, func(a, b Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if a.SamePlace != b.SamePlace {
			if a.SamePlace {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if k > 0 && len(out) > k {
		out = out[:k:k]
	}
	return out
}

// probe is a query prepared for scoring.
type probe struct {
	id    int64
	sh    []uint32
	at    int64
	place uint32
}

// maxWalk bounds how many requests of one bucket a query examines, newest
// first. A bucket grows that large only when its band's minima fall on
// boilerplate shared by thousands of requests (附近商户的生意也受到影响,
// 请相关部门尽快处理); membership is then no evidence of duplication, while a
// true duplicate shares several other bands (six on average at similarity
// 0.6 with the default options), and recent requests, the ones still open
// to double dispatch, stay in reach.
const maxWalk = 100

// maxScored bounds how many candidates a query scores exactly. When a burst
// of near-identical reports (one water main, hundreds of callers) puts
// thousands of requests in the query's buckets, the ones sharing the most
// bands, the likeliest duplicates, are scored first.
const maxScored = 200

// candidates appends to buf every slot sharing a bucket with the query's
// band keys, each once, keeping the maxScored that share the most bands.
// The caller holds the read lock.
func (ix *Index) candidates(keys []uint32, buf []uint32) []uint32 {
	nb := uint32(ix.opt.Bands)
	for b, key := range keys {
		s, ok := ix.heads[b][key]
		for n := 0; ok && s != none && n < maxWalk; n++ {
			buf = append(buf, s)
			s = ix.next[s*nb+uint32(b)]
		}
	}
	slices.Sort(buf)
	if len(buf) <= maxScored {
		return slices.Compact(buf)
	}
	type counted struct{ slot, n uint32 }
	runs := make([]counted, 0, len(buf)/2)
	for i := 0; i < len(buf); {
		j := i
		for j < len(buf) && buf[j] == buf[i] {
			j++
		}
		runs = append(runs, counted{buf[i], uint32(j - i)})
		i = j
	}
	if len(runs) > maxScored {
		slices.SortFunc(runs, func(a, b counted) int {
			if c := cmp.Compare(b.n, a.n); c != 0 {
				return c
			}
			return cmp.Compare(b.slot, a.slot)
		})
		runs = runs[:maxScored]
	}
	buf = buf[:0]
	for _, r := range runs {
		buf = append(buf, r.slot)
	}
	return buf
}

// score rates one candidate against the query, cheapest tests first:
// identity, time window, the size bound on Jaccard, then the exact
// intersection of the shingle sets.
func (ix *Index) score(e *entry, q *probe) (Match, bool) {
	if e.id == q.id {
		return Match{}, false
	}
	if w := ix.opt.Window.Seconds(); w > 0 && q.at != noTime && e.at != noTime {
		if dt := float64(q.at - e.at); dt > w || -dt > w {
			return Match{}, false
		}
	}
	same := q.place != 0 && q.place == e.place
	boost := 0.0
	if same {
		boost = ix.opt.PlaceBoost
	}
	need := ix.opt.Threshold - boost
	other := e.sh
	lo, hi := min(len(q.sh), len(other)), max(len(q.sh), len(other))
	if float64(lo) < need*float64(hi) { // |A∩B|/|A∪B| <= lo/hi
		return Match{}, false
	}
	j, ok := jaccardAtLeast(q.sh, other, need)
	score := min(1, j+boost)
	if !ok || score < ix.opt.Threshold {
		return Match{}, false
	}
	return Match{ID: e.id, Score: score, SamePlace: same}, true
}
