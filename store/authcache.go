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
// that arrived while the previous one ran.
type authCache struct {
	mu      sync.Mutex
	cur     *epochRead
	entries map[string]authEntry
}

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

// maxAuthEntries bounds the cache; past it, it starts afresh.
const maxAuthEntries = 50000

// epoch returns the auth epoch as read by a query that started after arrived.
func (c *authCache) epoch(ctx context.Context, b db, arrived time.Time) (int64, error) {
	c.mu.Lock()
	r := c.cur
	if r == nil || r.started.Before(arrived) {
		r = &epochRead{started: time.Now(), done: make(chan struct{})}
		c.cur = r
		go func() {
			defer close(r.done)
			r.err = b.row("SELECT n FROM auth_epoch WHERE id = 1").Scan(&r.n)
		}()
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
