package lifecycle

import (
	"testing"
	"time"

	"minsheng"
)

func TestCategoryDecisionMovesTheDeadline(t *testing.T) {
	received := time.Date(2031, 3, 3, 10, 0, 0, 0, time.UTC)
	now := received.Add(2 * time.Hour)
	limits := map[int64]time.Duration{1: 24 * time.Hour, 2: 72 * time.Hour}
	env := Env{Now: now,
		Deadline:       func(c *minsheng.Case, from time.Time) time.Time { return from.Add(limits[c.CategoryID]) },
		CategoryExists: func(id int64) bool { _, ok := limits[id]; return ok },
		Target:         &minsheng.Org{ID: 7, Name: "市住建局", Kind: minsheng.OrgDepartment, Path: "/1/7/"}}
	for _, tc := range []struct {
		name string
		req  Request
		due  time.Time
		code string
	}{
		{"same category keeps the deadline", Request{Action: Dispatch, OrgID: 7, CategoryID: 1}, received.Add(24 * time.Hour), ""},
		{"new category recounts from receipt", Request{Action: Dispatch, OrgID: 7, CategoryID: 2}, received.Add(72 * time.Hour), ""},
		{"explicit due wins", Request{Action: Dispatch, OrgID: 7, CategoryID: 2, DueAt: ptr(now.Add(5 * time.Hour))}, now.Add(5 * time.Hour), ""},
		{"unknown category", Request{Action: Dispatch, OrgID: 7, CategoryID: 9}, received.Add(24 * time.Hour), minsheng.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &minsheng.Case{ID: 1, Status: minsheng.StatusPendingDispatch, Track: minsheng.TrackService, CategoryID: 1,
				CreatedAt: received, DueAt: received.Add(24 * time.Hour), Version: 1}
			_, err := Apply(c, minsheng.Actor{UserID: 2, Role: minsheng.RoleDispatcher, OrgPath: "/1/"}, tc.req, env)
			if minsheng.ErrorCode(err) != tc.code || !c.DueAt.Equal(tc.due) {
				t.Fatalf("err %v, due %v; want %q, %v", err, c.DueAt, tc.code, tc.due)
			}
		})
	}
}
