package minsheng

import (
	"slices"
	"testing"
	"time"
)

func TestQueuesForEveryRole(t *testing.T) {
	now := time.Date(2031, 3, 3, 10, 0, 0, 0, time.UTC)
	shown := map[Queue]bool{}
	for _, r := range Roles {
		qs := QueuesFor(r)
		if len(qs) == 0 {
			t.Errorf("role %s starts its day from no queue", r)
		}
		for _, q := range qs {
			shown[q] = true
			f, err := q.Filter(Actor{UserID: 7, Role: r, OrgID: 3, OrgPath: "/1/3/"}, now)
			if err != nil || f.Validate() != nil || f.Scope == nil || f.Scope.Role != r {
				t.Errorf("%s %s: %+v %v", r, q, f, err)
			}
		}
	}
	for _, q := range Queues {
		if !shown[q] {
			t.Errorf("queue %s is nobody's", q)
		}
	}
	if _, err := Queue("nope").Filter(Actor{}, now); ErrorCode(err) != EINVALID {
		t.Errorf("unknown queue: %v", err)
	}
}

// TestOverdueQueueFollowsTheRule: the overdue and due-soon queues take their
// states from Status.DeadlineRuns and never overlap.
func TestOverdueQueueFollowsTheRule(t *testing.T) {
	now := time.Now()
	over, _ := QueueOverdue.Filter(Actor{}, now)
	soon, _ := QueueDueSoon.Filter(Actor{}, now)
	if !slices.Equal(over.Status, DeadlineStatuses()) || !slices.Equal(soon.Status, DeadlineStatuses()) {
		t.Errorf("overdue %v, due soon %v, want %v", over.Status, soon.Status, DeadlineStatuses())
	}
	for _, due := range []time.Time{now.Add(-time.Minute), now, now.Add(time.Hour), now.Add(DueSoonWindow)} {
		c := &Case{Status: StatusHandling, DueAt: due}
		inOver := due.Before(over.DueBefore)
		inSoon := !due.Before(soon.DueAfter) && due.Before(soon.DueBefore)
		if inOver != c.Overdue(now) || (inOver && inSoon) {
			t.Errorf("due %v: overdue queue %v, Case.Overdue %v, due soon %v", due.Sub(now), inOver, c.Overdue(now), inSoon)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := &Case{ID: 42, Urgency: UrgencyUrgent, DueAt: time.UnixMilli(1700000000123)}
	for _, tc := range []struct {
		sort Sort
		want []int64
	}{{SortReceived, []int64{42}}, {SortDue, []int64{1700000000123, 42}}, {SortUrgency, []int64{1, 1700000000123, 42}}} {
		got, err := tc.sort.CursorKeys(tc.sort.CursorAfter(c))
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v %v, want %v", tc.sort, got, err, tc.want)
		}
		for _, other := range Sorts {
			if other != tc.sort {
				if _, err := other.CursorKeys(tc.sort.CursorAfter(c)); ErrorCode(err) != EINVALID {
					t.Errorf("a %s cursor read as %s: %v", tc.sort, other, err)
				}
			}
		}
	}
}
