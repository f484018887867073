package store

import (
	"context"
	"fmt"

	"minsheng"
)

// QueueCounts returns how many cases each queue holds as the actor sees it
// (a unit user only their unit's), for the badges of a home page. Each queue
// is one indexed count of its CaseFilter preset at the store's clock, so a
// badge always equals the total of the list it opens. An unknown queue is
// EINVALID.
func (s *Store) QueueCounts(ctx context.Context, a minsheng.Actor, queues []minsheng.Queue) (map[minsheng.Queue]int, error) {
	now := s.now()
	out := make(map[minsheng.Queue]int, len(queues))
	for _, q := range queues {
		f, err := q.Filter(a, now)
		if err != nil {
			return nil, err
		}
		n, err := s.CountCases(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("count queue %s: %w", q, err)
		}
		out[q] = n
	}
	return out, nil
}

// QueueFilter is the queue's filter for the actor at the store's clock, the
// same instant QueueCounts uses; set Sort, Cursor and Limit on it and pass it
// to PageCases.
func (s *Store) QueueFilter(a minsheng.Actor, q minsheng.Queue) (minsheng.CaseFilter, error) {
	return q.Filter(a, s.now())
}
