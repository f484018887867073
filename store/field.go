package store

import (
	"context"
	"fmt"

	"minsheng"
	"minsheng/lifecycle"
)

// CreateFieldCase records a request collected in the field (a field worker's
// door-to-door visit, a department's own find) together with its photos and,
// when it was solved on the spot, the action that closes it (a direct answer
// with the result), all in one transaction: a
// refused photo or action leaves no case behind. The closing action goes
// through the state machine like any other, with its event and its reply
// back to the channel. Errors: as CreateCase and Act.
func (s *Store) CreateFieldCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string, photos []*minsheng.Photo, solved *lifecycle.Request) (bool, error) {
	for _, p := range photos {
		if err := p.Validate(); err != nil {
			return false, err
		}
	}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return false, err
	}
	return s.createCase(ctx, c, a, key, func(b db, pol *lifecycle.Policy) error {
		if err := s.insertPhotos(b, c.ID, a, photos); err != nil {
			return err
		}
		if solved == nil {
			return nil
		}
		done, ev, err := s.act(b, c.ID, a, *solved, pol.Env(s.now()), orgs)
		if err != nil {
			return fmt.Errorf("solve on the spot: %w", err)
		}
		*c = *done
		return s.queueNotifications(b, c, ev)
	})
}
