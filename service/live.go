package service

import (
	"context"

	"minsheng"
)

// Watch returns a channel that receives a value whenever cases change on
// any node, so a page can refresh its queues instead of polling, and the
// function that stops watching. It tells only that something changed, not
// what: the page asks again with the user's own scope.
func (s *Service) Watch(ctx context.Context, u *minsheng.User) (<-chan struct{}, func(), error) {
	if err := allow(u, minsheng.OpCaseRead); err != nil {
		return nil, nil, err
	}
	ch, stop := s.store.Subscribe()
	return ch, stop, nil
}
