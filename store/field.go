package store

import (
	"context"
	"fmt"

	"minsheng"
	"minsheng/lifecycle"
)

// FieldCase is what a request collected in the field brings beyond the case
// itself: photos, and, when it was solved on the spot, the action that
// closes it (a direct answer with the result).
type FieldCase struct {
	Photos []*minsheng.Photo
	Solved *lifecycle.Request
}

// CreateFieldCase records a request collected in the field (a field worker's
// door-to-door visit, a department's own find) together with its photos and,
// when solved on the spot, its closing action, all in one transaction: a
// refused photo or action leaves no case behind. The closing action goes
// through the state machine like any other, with its event and its reply
// back to the channel. Errors: as CreateCase, Act and SavePhoto.
func (s *Store) CreateFieldCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string, f FieldCase) (bool, error) {
	for _, p := range f.Photos {
		if err := p.Validate(); err != nil {
			return false, err
		}
	}
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return false, err
	}
	return s.createCase(ctx, c, a, key, func(b db, pol *lifecycle.Policy) error {
		for _, p := range f.Photos {
			p.CaseID, p.UploadedBy = c.ID, a.UserID
			if err := s.insertPhoto(b, p); err != nil {
				return err
			}
		}
		if f.Solved == nil {
			return nil
		}
		done, ev, err := s.act(b, c.ID, a, *f.Solved, pol.Env(s.now()), orgs)
		if err != nil {
			return fmt.Errorf("solve on the spot: %w", err)
		}
		*c = *done
		return s.queueNotifications(b, c, ev)
	})
}
