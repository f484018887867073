// Package dupe finds near-duplicate citizen requests: the same problem
// reported through several channels (phone, web, app, letter) or by
// several callers, which would otherwise be dispatched twice (重复分办) and
// answered by several departments at once (多头回应).
//
// Texts are normalised (full-width to half-width, lower case, no
// whitespace or punctuation) and cut into overlapping character shingles,
// which needs no word segmenter. An Index keeps, per request, its sorted
// 32-bit shingle hashes and its place in MinHash LSH buckets: a query looks
// only at requests sharing a bucket, then scores those candidates by their
// exact shingle Jaccard similarity, so answers take milliseconds with a
// million requests indexed.
package dupe

import (
	"sync"
	"time"
)

// Doc is one request to index or to look up.
type Doc struct {
	ID   int64
	Text string
	// At is when the request arrived; the zero time means unknown, and an
	// unknown time passes any time window.
	At time.Time
	// Place is a normalised address or district key; empty means unknown.
	Place string
}

// Match is one indexed request that resembles a query.
type Match struct {
	ID int64
	// Score is the exact Jaccard similarity of the two shingle sets, plus
	// Options.PlaceBoost when both places are known and equal, capped at 1.
	Score float64
	// SamePlace reports whether both places are known and equal.
	SamePlace bool
}

// Options tunes an Index. Zero fields take the defaults noted, which suit
// Chinese requests of a few dozen to a few hundred characters.
type Options struct {
	// Hashes is the MinHash signature length (default 4*Bands). Only
	// Hashes/Bands*Bands functions are used.
	Hashes int
	// Bands is the number of LSH bands (default 48, so 4 rows per band:
	// a pair of similarity 0.5 meets in some band with probability 0.955,
	// 0.6 with 0.999, 0.2 with 0.07). More bands find pairs of lower
	// similarity at the cost of more candidates and about 20 bytes per band
	// and request.
	Bands int
	// Shingle is the shingle length in characters, 1 to 3 (default
	// DefaultShingle).
	Shingle int
	// Threshold is the least Score a Match has (default 0.5).
	Threshold float64
	// PlaceBoost is added to the score of a request at the same place
	// (default 0.05; negative for none).
	PlaceBoost float64
	// Window keeps only requests that arrived within this time of the
	// query's (default 0: any time).
	Window time.Duration
	// Seed chooses the hash functions; indexes built with the same options
	// give the same answers.
	Seed uint64
}

// withDefaults fills zero fields and clamps out-of-range ones.
func (o Options) withDefaults() Options {
	if o.Bands <= 0 {
		o.Bands = 48
	}
	if o.Hashes <= 0 {
		o.Hashes = 4 * o.Bands
	}
	o.Hashes = max(o.Hashes, o.Bands)
	if o.Shingle <= 0 || o.Shingle > maxShingle {
		o.Shingle = DefaultShingle
	}
	if o.Threshold <= 0 {
		o.Threshold = 0.5
	}
	switch {
	case o.PlaceBoost == 0:
		o.PlaceBoost = 0.05
	case o.PlaceBoost < 0:
		o.PlaceBoost = 0
	}
	o.Window = max(o.Window, 0)
	return o
}

// none ends a bucket chain; noTime stands for an unknown time.
const (
	none   = ^uint32(0)
	noTime = int64(-1 << 63)
)

// Index is an in-memory near-duplicate index, safe for concurrent use:
// queries share a read lock and do their hashing before taking it; Add
// hashes before taking the write lock, then only links its entry.
//
// Storage is column-wise by slot, to keep about 1 KB per request of ~100
// characters: the shingle hashes, and one chain link per band; each band's
// map points a bucket key at the newest slot in it.
type Index struct {
	opt Options
	h   *hasher

	mu     sync.RWMutex
	slotOf map[int64]uint32
	ids    []int64
	at     []int64  // Unix seconds, or noTime
	place  []uint32 // hash of the normalised place, 0 when unknown
	sh     [][]uint32
	next   []uint32 // next[slot*bands+b]: the next slot in band b's bucket
	heads  []map[uint32]uint32
	free   []uint32
}

// NewIndex returns an empty index; see Options for the defaults.
func NewIndex(opt Options) *Index {
	opt = opt.withDefaults()
	ix := &Index{opt: opt, h: newHasher(opt), slotOf: map[int64]uint32{}}
	ix.heads = make([]map[uint32]uint32, opt.Bands)
	for b := range ix.heads {
		ix.heads[b] = map[uint32]uint32{}
	}
	return ix
}

// Options returns the options in effect, defaults filled in, so callers
// can report what they measured.
func (ix *Index) Options() Options { return ix.opt }

// Len returns the number of indexed requests.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.slotOf)
}

// Add indexes a request, replacing any earlier one with the same ID. A
// text with no letters or digits is kept but never matches.
func (ix *Index) Add(d Doc) {
	sh := ix.h.shingles(d.Text)
	ix.add(d, sh, ix.h.bandKeys(sh))
}

// add indexes d with its shingles and band keys already computed.
func (ix *Index) add(d Doc, sh, keys []uint32) {
	at, place := unixOf(d.At), placeKey(d.Place)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if s, ok := ix.slotOf[d.ID]; ok {
		ix.removeSlot(s)
	}
	s := ix.alloc()
	ix.slotOf[d.ID] = s
	ix.ids[s], ix.at[s], ix.place[s], ix.sh[s] = d.ID, at, place, sh
	nb := uint32(ix.opt.Bands)
	for b, key := range keys {
		head, ok := ix.heads[b][key]
		if !ok {
			head = none
		}
		ix.next[s*nb+uint32(b)] = head
		ix.heads[b][key] = s
	}
}

// alloc returns a free slot, reusing removed ones first.
func (ix *Index) alloc() uint32 {
	if n := len(ix.free); n > 0 {
		s := ix.free[n-1]
		ix.free = ix.free[:n-1]
		return s
	}
	ix.ids = append(ix.ids, 0)
	ix.at = append(ix.at, 0)
	ix.place = append(ix.place, 0)
	ix.sh = append(ix.sh, nil)
	for range ix.opt.Bands {
		ix.next = append(ix.next, none)
	}
	return uint32(len(ix.ids) - 1)
}

// Remove drops a request, for one closed long ago or merged into another;
// removing an unknown ID does nothing.
func (ix *Index) Remove(id int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if s, ok := ix.slotOf[id]; ok {
		ix.removeSlot(s)
	}
}

// removeSlot unlinks slot s from its buckets and frees it. The band keys
// are recomputed from the stored shingles, which is cheaper in memory than
// keeping them. The caller holds the write lock.
func (ix *Index) removeSlot(s uint32) {
	nb := uint32(ix.opt.Bands)
	for b, key := range ix.h.bandKeys(ix.sh[s]) {
		link := &ix.next[s*nb+uint32(b)]
		if head := ix.heads[b][key]; head == s {
			if *link == none {
				delete(ix.heads[b], key)
			} else {
				ix.heads[b][key] = *link
			}
		} else {
			for p := head; p != none; p = ix.next[p*nb+uint32(b)] {
				if q := &ix.next[p*nb+uint32(b)]; *q == s {
					*q = *link
					break
				}
			}
		}
		*link = none
	}
	delete(ix.slotOf, ix.ids[s])
	ix.sh[s] = nil
	ix.free = append(ix.free, s)
}

// unixOf returns t in Unix seconds, or noTime for the zero time.
func unixOf(t time.Time) int64 {
	if t.IsZero() {
		return noTime
	}
	return t.Unix()
}

// placeKey hashes a normalised place (FNV-1a), 0 meaning unknown.
func placeKey(p string) uint32 {
	n := Normalize(p)
	if n == "" {
		return 0
	}
	h := uint32(2166136261)
	for i := 0; i < len(n); i++ {
		h = (h ^ uint32(n[i])) * 16777619
	}
	return max(h, 1)
}
