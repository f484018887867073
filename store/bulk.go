package store

import (
	"context"
	"fmt"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// Bulk creates cases and applies actions at given times inside one
// transaction: for the demo city, imports and benchmarks, where thousands of
// historical steps would otherwise wait for thousands of commits.
type Bulk struct {
	s    *Store
	b    db
	pol  *lifecycle.Policy
	orgs *minsheng.OrgTree
}

// Bulk runs fn in one write transaction; all of it commits or none of it.
func (s *Store) Bulk(ctx context.Context, fn func(b *Bulk) error) error {
	pol, err := s.Policy(ctx)
	if err != nil {
		return err
	}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return err
	}
	return s.w.do(ctx, func(tx *wtx) error {
		return fn(&Bulk{s: s, b: s.txdb(ctx, tx), pol: pol, orgs: orgs})
	})
}

// CreateCase stores a new case received at time at.
func (k *Bulk) CreateCase(c *minsheng.Case, a minsheng.Actor, at time.Time) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.CreatedAt = at
	sv := k.s.searchValue(c.Title, c.Content, c.Address)
	if err := k.s.insertCase(k.b, c, a, "", "", k.pol, sv); err != nil {
		if c.CategoryID != 0 {
			err = invalidRef(err, "category_id", "category")
		}
		return fmt.Errorf("bulk create case: %w", err)
	}
	return nil
}

// Act applies one action at time at.
func (k *Bulk) Act(id int64, a minsheng.Actor, req lifecycle.Request, at time.Time) (*minsheng.Case, error) {
	c, _, err := k.s.act(k.b, id, a, req, k.pol.Env(at.In(CST)), k.orgs)
	if err != nil {
		return nil, fmt.Errorf("bulk %s case %d: %w", req.Action, id, err)
	}
	return c, nil
}

// Policy returns the deadline policy in force for the batch.
func (k *Bulk) Policy() *lifecycle.Policy { return k.pol }
