package service

import (
	"context"
	"sync"
	"time"

	"minsheng"
	"minsheng/assist"
)

// headCache keeps the number, title and status of recent cases for the
// possible duplicates of an intake answer. Reports of one incident arrive in
// bursts and point at the same earlier cases, most of them taken in minutes
// before, so intake puts every new case in and a duplicate is rarely read
// from the database.
type headCache struct {
	mu        sync.Mutex
	cur, prev map[int64]cachedHead
}

type cachedHead struct {
	c  *minsheng.Case // ID, Number, Title, Status and CreatedAt only
	at time.Time
}

// headTTL bounds how stale a duplicate's status may be in an intake answer:
// a case dispatched or closed meanwhile may still show its earlier status
// for this long. The case page always reads it afresh.
const headTTL = 30 * time.Second

// maxHeads bounds each of the cache's two generations: when the newer one
// is full it becomes the older one and the oldest is dropped, so memory stays
// bounded and what was used recently stays in.
const maxHeads = 50_000

// put records the head of a case just stored.
func (hc *headCache) put(c *minsheng.Case, now time.Time) {
	h := &minsheng.Case{ID: c.ID, Number: c.Number, Title: c.Title, Status: c.Status, CreatedAt: c.CreatedAt}
	hc.mu.Lock()
	defer hc.mu.Unlock()
	hc.add(h, now)
}

// add stores a head; the caller holds the lock.
func (hc *headCache) add(h *minsheng.Case, now time.Time) {
	if hc.cur == nil || len(hc.cur) >= maxHeads {
		hc.prev, hc.cur = hc.cur, make(map[int64]cachedHead, 1024)
	}
	hc.cur[h.ID] = cachedHead{h, now}
}

// lookup returns a head younger than headTTL; the caller holds the lock.
func (hc *headCache) lookup(id int64, now time.Time) (*minsheng.Case, bool) {
	h, ok := hc.cur[id]
	if !ok {
		if h, ok = hc.prev[id]; ok && now.Sub(h.at) < headTTL {
			hc.add(h.c, h.at) // keep what is used in the newer generation
		}
	}
	if !ok || now.Sub(h.at) >= headTTL {
		return nil, false
	}
	return h.c, true
}

// get returns the heads of the duplicates, from the cache where fresh and
// from the store for the rest.
func (hc *headCache) get(ctx context.Context, st Store, dups []assist.Duplicate, now time.Time) (map[int64]*minsheng.Case, error) {
	out := make(map[int64]*minsheng.Case, len(dups))
	var missing []int64
	hc.mu.Lock()
	for _, d := range dups {
		if c, ok := hc.lookup(d.ID, now); ok {
			out[d.ID] = c
		} else {
			missing = append(missing, d.ID)
		}
	}
	hc.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	found, err := st.CaseHeads(ctx, missing)
	if err != nil {
		return nil, err
	}
	hc.mu.Lock()
	defer hc.mu.Unlock()
	for id, c := range found {
		hc.add(c, now)
		out[id] = c
	}
	return out, nil
}
