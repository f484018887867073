package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"minsheng"
)

// authCache keeps the users behind recently seen session tokens, valid as
// long as the auth epoch has not moved. Every change to who may sign in
// moves the epoch in its own transaction (bumpAuth), so a revocation on any
// node is seen at the next request on every node.
//
// Reading the epoch is one query, but concurrent requests share it: a
// request waits for an epoch read that started after it arrived (so it
// cannot miss a change committed before), and one read serves every request
// that arrived while the previous one ran. At most one read runs at a time,
// and reads start at least epochGap apart: under a steady stream of
// requests they would otherwise run back to back, several per case taken.
type authCache struct {
	mu        sync.Mutex
	cur       *epochRead // the read running or about to, or the last one
	next      *epochRead // the read to start when cur ends, shared by those waiting for it
	lastStart time.Time  // when the last read began its query
	entries   map[string]authEntry
}

// epochGap is the least time between the starts of two epoch reads. A
// request waits at most this much longer for its read, and a burst of
// thousands of requests a second costs at most a thousand reads.
const epochGap = time.Millisecond

type epochRead struct {
	started time.Time
	done    chan struct{}
	n       int64
	err     error
}

type authEntry struct {
	user    *minsheng.User
	expires time.Time
	epoch   int64
}

func (r *epochRead) finished() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// start runs r as the current read; when it ends, the queued read starts.
// The caller holds c.mu.
func (c *authCache) start(r *epochRead, b db) {
	// Shared by many requests: one giving up must not fail the others.
	b.ctx = context.WithoutCancel(b.ctx)
	c.cur = r
	wait := epochGap - time.Since(c.lastStart)
	go func() {
		if wait > 0 {
			time.Sleep(wait)
		}
		c.mu.Lock()
		r.started = time.Now()
		c.lastStart = r.started
		c.mu.Unlock()
		r.err = b.row("SELECT n FROM auth_epoch WHERE id = 1").Scan(&r.n)
		c.mu.Lock()
		close(r.done)
		if n := c.next; n != nil {
			c.next = nil
			c.start(n, b)
		}
		c.mu.Unlock()
	}()
}

// maxAuthEntries bounds the cache; past it, it starts afresh.
const maxAuthEntries = 50000

// epoch returns the auth epoch as read by a query that started after arrived.
func (c *authCache) epoch(ctx context.Context, b db, arrived time.Time) (int64, error) {
	c.mu.Lock()
	r := c.cur
	switch {
	case r != nil && (r.started.IsZero() || !r.started.Before(arrived)):
		// starts or started its query after this request arrived: its answer will do
	case r != nil && !r.finished():
		if c.next == nil {
			c.next = &epochRead{done: make(chan struct{})}
		}
		r = c.next
	default:
		r = &epochRead{done: make(chan struct{})}
		c.start(r, b)
	}
	c.mu.Unlock()
	select {
	case <-r.done:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	if r.err != nil {
		return 0, fmt.Errorf("read auth epoch: %w", r.err)
	}
	return r.n, nil
}

func (c *authCache) get(token string, epoch int64, now time.Time) *authEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[token]
	if !ok || e.epoch != epoch || !now.Before(e.expires) {
		return nil
	}
	return &e
}

func (c *authCache) put(token string, e authEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= maxAuthEntries {
		c.entries = map[string]authEntry{}
	}
	c.entries[token] = e
}

// bumpAuth moves the auth epoch inside a write transaction that changes who
// may sign in.
func bumpAuth(b db) error {
	if _, err := b.exec("UPDATE auth_epoch SET n = n + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("move auth epoch: %w", err)
	}
	return nil
}
