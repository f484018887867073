package service

import (
	"context"
	"time"

	"minsheng"
)

// DisputeCounts counts responsibility disputes per department over the
// decisions made in [from, to) (zero: open on that side), most disputed
// first, so that departments that push cases back (推诿扯皮) show.
func (s *Service) DisputeCounts(ctx context.Context, u *minsheng.User, from, to time.Time) ([]minsheng.DisputeCount, error) {
	if err := allow(u, minsheng.OpDisputeRead); err != nil {
		return nil, err
	}
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		return nil, minsheng.Invalid("to", "must be after from")
	}
	return s.store.DisputeCounts(ctx, from, to)
}
