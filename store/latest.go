package store

import (
	"context"
	"fmt"
	"strings"

	"minsheng"
)

// LatestEvents returns, for each of the cases, its most recent event of one
// action (the last return, the pending extension request), so a queue can
// show why each case is there without opening it. Cases without such an
// event are absent from the map. One query for a page of cases.
func (s *Store) LatestEvents(ctx context.Context, ids []int64, action string) (map[int64]minsheng.Event, error) {
	out := map[int64]minsheng.Event{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(ids)+1)
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, action)
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	rows, err := s.rdb(ctx).rows("SELECT "+eventSelect+" FROM events WHERE id IN (SELECT MAX(id) FROM events WHERE case_id IN ("+
		marks+") AND action = ? GROUP BY case_id)", args...)
	if err != nil {
		return nil, fmt.Errorf("latest %s events: %w", action, err)
	}
	evs, err := scanEvents(rows)
	if err != nil {
		return nil, fmt.Errorf("latest %s events: %w", action, err)
	}
	for _, e := range evs {
		out[e.CaseID] = e
	}
	return out, nil
}
