package service

import (
	"context"

	"minsheng"
	"minsheng/lifecycle"
)

// queueNotes names, per queue, the action that put a case there and whose
// words a dispatcher needs beside it: why the unit gave it back, how many
// days it asks for and why, what the supervisor demanded, what the unit's
// reply claims (solved, explained, cannot solve) for the reviewer.
var queueNotes = map[minsheng.Queue]lifecycle.Action{
	minsheng.QueueReturned:          lifecycle.Return,
	minsheng.QueueExtensionRequests: lifecycle.RequestExtension,
	minsheng.QueueSupervised:        lifecycle.Supervise,
	minsheng.QueueToReview:          lifecycle.Reply,
	minsheng.QueueToApprove:         lifecycle.Reply,
}

// QueueNotes returns, for the cases of a queue page, the latest event of
// the action that put each in the queue (see queueNotes); queues without
// such an action have none. Cases the user may not read are left out, so a
// list assembled elsewhere cannot leak a note.
func (s *Service) QueueNotes(ctx context.Context, u *minsheng.User, q minsheng.Queue, cases []CaseView) (map[int64]minsheng.Event, error) {
	if err := allow(u, minsheng.OpCaseRead); err != nil {
		return nil, err
	}
	action, ok := queueNotes[q]
	if !ok {
		return map[int64]minsheng.Event{}, nil
	}
	ids := make([]int64, 0, len(cases))
	for _, c := range cases {
		if readable(c.Case, u) {
			ids = append(ids, c.ID)
		}
	}
	return s.store.LatestEvents(ctx, ids, string(action))
}

// HasQueueNotes says whether a queue's table has a reason column.
func HasQueueNotes(q minsheng.Queue) bool {
	_, ok := queueNotes[q]
	return ok
}
