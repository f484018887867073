package store

import (
	"context"
	"fmt"
	"sync"

	"minsheng"
)

// QueueCounts returns how many cases each queue holds as the actor sees it
// (a unit user only their unit's), for the badges of a home page. Each queue
// is one indexed count of its CaseFilter preset at the store's clock, so a
// badge always equals the total of the list it opens. An unknown queue is
// EINVALID.
func (s *Store) QueueCounts(ctx context.Context, a minsheng.Actor, queues []minsheng.Queue) (map[minsheng.Queue]int, error) {
	now := s.now()
	filters := make([]minsheng.CaseFilter, len(queues))
	for i, q := range queues {
		f, err := q.Filter(a, now)
		if err != nil {
			return nil, err
		}
		filters[i] = f
	}
	// On PostgreSQL the counts run side by side, a few at a time, each in
	// its own backend, so that a home page waits for the slowest badge
	// rather than for their sum. SQLite's run in this process on the same
	// cores, where side by side measured no faster than one after another.
	par := 1
	if s.d.name() == "postgres" {
		par = 3
	}
	counts := make([]int, len(queues))
	errs := make([]error, len(queues))
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	for i := range queues {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			counts[i], errs[i] = s.CountCases(ctx, filters[i])
		}()
	}
	wg.Wait()
	out := make(map[minsheng.Queue]int, len(queues))
	for i, q := range queues {
		if errs[i] != nil {
			return nil, fmt.Errorf("count queue %s: %w", q, errs[i])
		}
		out[q] = counts[i]
	}
	return out, nil
}

// QueueFilter is the queue's filter for the actor at the store's clock, the
// same instant QueueCounts uses; set Sort, Cursor and Limit on it and pass it
// to PageCases.
func (s *Store) QueueFilter(a minsheng.Actor, q minsheng.Queue) (minsheng.CaseFilter, error) {
	return q.Filter(a, s.now())
}
