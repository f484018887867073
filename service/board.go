package service

import (
	"context"
	"time"

	"minsheng"
)

// LongOpen is how long an open case goes unresolved before the board
// lists it as long-unresolved (久拖未决).
const LongOpen = 30 * 24 * time.Hour

// BoardRows is how many cases each section of the board shows; the total
// says how many there are in all.
const BoardRows = 10

// BoardSection is one list of the supervision board.
type BoardSection struct {
	Name  string     `json:"name"` // overdue, supervised, long_open, repeated
	Cases []CaseView `json:"cases"`
	Total int        `json:"total"`
	// Filter is the section's selection, for the "all of them" link.
	Filter minsheng.CaseFilter `json:"-"`
}

// Board is what a supervisor chases: overdue cases, cases under
// supervision, cases open for more than LongOpen, and repeat calls still
// open, each soonest-due first, in the user's scope.
func (s *Service) Board(ctx context.Context, u *minsheng.User) ([]BoardSection, error) {
	if err := allow(u, minsheng.OpBoardRead); err != nil {
		return nil, err
	}
	var open []minsheng.Status
	for _, st := range minsheng.Statuses {
		if st.Open() {
			open = append(open, st)
		}
	}
	now := s.Now()
	sections := []BoardSection{
		{Name: "overdue", Filter: minsheng.CaseFilter{Overdue: true}},
		{Name: "supervised", Filter: minsheng.CaseFilter{Supervised: true, Status: open}},
		{Name: "long_open", Filter: minsheng.CaseFilter{Status: open, To: now.Add(-LongOpen)}},
		{Name: "repeated", Filter: minsheng.CaseFilter{RepeatOnly: true, Status: open}},
	}
	for i := range sections {
		f := sections[i].Filter
		f.Sort, f.Limit, f.Scope = minsheng.SortDue, BoardRows, scopeFilter(u)
		p, err := s.page(ctx, u, f)
		if err != nil {
			return nil, err
		}
		sections[i].Cases = p.Items
		if p.Total != nil {
			sections[i].Total = *p.Total
		}
	}
	return sections, nil
}
