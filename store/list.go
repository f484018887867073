package store

import (
	"context"
	"fmt"
	"strings"

	"minsheng"
)

// ListCases returns one page of cases matching the filter in the filter's
// order (newest first by default). Pass minsheng.Sort.CursorAfter of the last
// case as f.Cursor for the next page; cases with equal sort keys are ordered
// by id, so pages neither skip nor repeat a case. Full-text search (f.Query)
// lists newest first only, since its index yields ids in that order; another
// sort with a query is EINVALID, as is a malformed cursor.
func (s *Store) ListCases(ctx context.Context, f minsheng.CaseFilter) ([]*minsheng.Case, error) {
	q, err := s.compile(ctx, f)
	if err != nil || q.none {
		return nil, err
	}
	limit := f.Limit
	if limit <= 0 || limit > minsheng.MaxPage {
		limit = 50
	}
	if len(q.arms) > 0 {
		return s.listSearch(ctx, q, f, limit)
	}
	kw, ka, err := q.keyset(f, "c.id")
	if err != nil {
		return nil, err
	}
	order := q.orderBy(f.Sort)
	// Ids first, rows after: asked for whole rows in id order, SQLite walks
	// the table backwards testing every case, where the ids of the page come
	// from an index alone. A unit's list is the top of each of its three
	// parts, merged.
	var parts []string
	var args []any
	for _, b := range q.branches(kw, ka) {
		parts = append(parts, "SELECT id FROM (SELECT c.id FROM "+b.from+where(b.where)+order+fmt.Sprintf(" LIMIT %d) x", limit))
		args = append(args, b.args...)
	}
	sql := "SELECT " + prefixed(caseColumns, "c.") + " FROM cases c WHERE c.id IN (" + strings.Join(parts, " UNION ") + ")" +
		order + fmt.Sprintf(" LIMIT %d", limit)
	return s.listRows(ctx, sql, args)
}

// listSearch reads a search's arms in turn, newest first, each up to what
// the page still lacks: an arm's ids are all above the next arm's, so the
// pages concatenate in order.
func (s *Store) listSearch(ctx context.Context, q *caseQuery, f minsheng.CaseFilter, limit int) ([]*minsheng.Case, error) {
	var out []*minsheng.Case
	for _, arm := range q.arms {
		kw, ka, err := q.keyset(f, arm.idCol)
		if err != nil {
			return nil, err
		}
		w := append(append(append([]string{}, arm.where...), q.where...), kw...)
		args := append(append(append([]any{}, arm.args...), q.args...), ka...)
		got, err := s.listRows(ctx, "SELECT "+prefixed(caseColumns, "c.")+" FROM "+arm.from+where(w)+
			" ORDER BY "+arm.idCol+fmt.Sprintf(" DESC LIMIT %d", limit-len(out)), args)
		if err != nil {
			return nil, err
		}
		if out = append(out, got...); len(out) == limit {
			break
		}
	}
	return out, nil
}

func (s *Store) listRows(ctx context.Context, sql string, args []any) ([]*minsheng.Case, error) {
	rows, err := s.rdb(ctx).rows(sql, args...)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	out, err := scanAll(rows, scanCase)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return out, nil
}

// CountCases returns how many cases match the filter, ignoring its sort,
// cursor and limit: the total shown beside a paged list. A zero filter counts
// every case.
func (s *Store) CountCases(ctx context.Context, f minsheng.CaseFilter) (int, error) {
	f.Cursor, f.After, f.Sort = "", 0, ""
	q, err := s.compile(ctx, f)
	if err != nil || q.none {
		return 0, err
	}
	sql, args := q.countSQL()
	var n int
	if err := s.rdb(ctx).row(sql, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}

// PageCases returns one page with the filter's total and the next cursor.
func (s *Store) PageCases(ctx context.Context, f minsheng.CaseFilter) (*minsheng.CasePage, error) {
	p, err := s.ListPage(ctx, f)
	if err != nil {
		return nil, err
	}
	if p.Total, err = s.CountCases(ctx, f); err != nil {
		return nil, err
	}
	return p, nil
}

// ListPage is PageCases without the total (left 0), for a caller that has
// counted the filter already: a queue's page shows its badge, and a second
// count of the same cases is most of what the page would cost.
func (s *Store) ListPage(ctx context.Context, f minsheng.CaseFilter) (*minsheng.CasePage, error) {
	cases, err := s.ListCases(ctx, f)
	if err != nil {
		return nil, err
	}
	p := &minsheng.CasePage{Cases: cases}
	limit := f.Limit
	if limit <= 0 || limit > minsheng.MaxPage {
		limit = 50
	}
	if len(cases) == limit {
		p.Next = f.Sort.CursorAfter(cases[len(cases)-1])
	}
	if p.Cases == nil {
		p.Cases = []*minsheng.Case{}
	}
	return p, nil
}

func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// overdueCond is the SQL of Case.Overdue, with one ? for the current time in ms.
func overdueCond(alias string) string {
	return alias + "status IN (" + statusList(minsheng.DeadlineStatuses()) + ") AND " + alias + "due_at > 0 AND " + alias + "due_at < ?"
}

// statusList writes states as SQL literals; they are our own constants.
func statusList(st []minsheng.Status) string {
	q := make([]string, len(st))
	for i, v := range st {
		q[i] = "'" + string(v) + "'"
	}
	return strings.Join(q, ",")
}

// prefixRange turns a path prefix into a range that an ordinary index can
// scan: every path starting with "/1/4/" sorts in ["/1/4/", "/1/40").
func prefixRange(p string) (string, string) {
	if p == "" {
		return "", "\xff"
	}
	return p, p[:len(p)-1] + string(p[len(p)-1]+1)
}

// prefixed qualifies a comma-separated column list with a table alias.
func prefixed(cols, alias string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// RelatedCases returns the cases linked to c: its master or its merged
// duplicates, and earlier or later requests from the same caller.
func (s *Store) RelatedCases(ctx context.Context, c *minsheng.Case) (merged, sameCaller []*minsheng.Case, err error) {
	b := s.rdb(ctx)
	q := "SELECT " + caseColumns + " FROM cases WHERE "
	collect := func(cond string, args ...any) ([]*minsheng.Case, error) {
		rows, err := b.rows(q+cond+" ORDER BY id DESC LIMIT 20", args...)
		if err != nil {
			return nil, err
		}
		return scanAll(rows, scanCase)
	}
	if merged, err = collect("(merged_into = ? OR id = ?) AND id <> ?", c.ID, c.MergedInto, c.ID); err != nil {
		return nil, nil, fmt.Errorf("merged cases of %d: %w", c.ID, err)
	}
	if p := minsheng.NormalizePhone(c.Citizen.Phone); p != "" {
		if sameCaller, err = collect("phone_norm = ? AND id <> ?", p, c.ID); err != nil {
			return nil, nil, fmt.Errorf("same caller cases of %d: %w", c.ID, err)
		}
	}
	return merged, sameCaller, nil
}
