package store

import (
	"context"
	"fmt"
	"time"

	"minsheng"
)

// rankColumns maps a ranking to the case column it orders by; the column
// names never come from the caller.
var rankColumns = map[minsheng.RankBy]string{
	minsheng.RankReturns:   "return_count",
	minsheng.RankReopens:   "reopen_count",
	minsheng.RankSendBacks: "send_backs",
}

// RankCases returns the cases received in the question's period with the
// highest counter, highest first and newest first among equals: the "most
// returned" and "repeated" lists of the dashboards and the monthly report.
// Cases merged into another are left out, as their master stands for them.
// Errors: EINVALID for a bad question.
func (s *Store) RankCases(ctx context.Context, q minsheng.CaseRanking) ([]*minsheng.Case, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	col := rankColumns[q.By]
	rows, err := s.rdb(ctx).rows("SELECT "+caseColumns+" FROM cases WHERE created_at >= ? AND created_at < ? AND "+col+
		" > 0 AND merged_into IS NULL ORDER BY "+col+" DESC, id DESC LIMIT ?", ms(q.From), ms(q.To), q.Limit)
	if err != nil {
		return nil, fmt.Errorf("rank cases by %s: %w", q.By, err)
	}
	out, err := scanAll(rows, scanCase)
	if err != nil {
		return nil, fmt.Errorf("rank cases by %s: %w", q.By, err)
	}
	if out == nil {
		out = []*minsheng.Case{}
	}
	return out, nil
}

// ClosedCases returns the newest closed cases received in [from, to), at
// most limit, newest first: the monthly report picks its typical cases
// among them. They are read backwards along the received-time index from
// the period's end, about limit rows; the same question as a case list
// (newest by id) walks every later closed case first, most of a month at a
// million cases when the report is for last month.
func (s *Store) ClosedCases(ctx context.Context, from, to time.Time, limit int) ([]*minsheng.Case, error) {
	rows, err := s.rdb(ctx).rows("SELECT "+caseColumns+" FROM cases WHERE created_at >= ? AND created_at < ? AND status = 'closed'"+
		" ORDER BY created_at DESC, id DESC LIMIT ?", ms(from), ms(to), limit)
	if err != nil {
		return nil, fmt.Errorf("closed cases: %w", err)
	}
	out, err := scanAll(rows, scanCase)
	if err != nil {
		return nil, fmt.Errorf("closed cases: %w", err)
	}
	return out, nil
}
