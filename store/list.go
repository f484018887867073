package store

import (
	"context"
	"fmt"
	"strings"

	"minsheng"
)

// ListCases returns one page of cases matching the filter, newest first. Pass
// the id of the last case as f.After for the next page.
func (s *Store) ListCases(ctx context.Context, f minsheng.CaseFilter) ([]*minsheng.Case, error) {
	from, idCol := "cases c", "c.id"
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }

	if terms := parseQuery(f.Query); len(terms) > 0 {
		var w []string
		var a []any
		from, w, a, idCol = s.d.searchFrom(terms)
		where, args = append(where, w...), append(args, a...)
		doc := "lower(c.title || ' ' || c.content || ' ' || c.address)"
		for _, t := range terms {
			add(s.d.contains(doc), t.text)
		}
	} else if strings.TrimSpace(f.Query) != "" {
		return nil, nil // only punctuation: nothing can match
	}
	if len(f.Status) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(f.Status)), ",")
		st := make([]any, len(f.Status))
		for i, v := range f.Status {
			st[i] = v
		}
		add("c.status IN ("+marks+")", st...)
	}
	if f.Track != "" {
		add("c.track = ?", f.Track)
	}
	if f.Channel != "" {
		add("c.channel = ?", f.Channel)
	}
	if f.OrgID != 0 {
		orgs, err := s.Orgs(ctx)
		if err != nil {
			return nil, err
		}
		o := orgs.Org(f.OrgID)
		if o == nil {
			return nil, minsheng.Invalid("org_id", "no such organisation")
		}
		lo, hi := prefixRange(o.Path)
		add("c.org_path >= ? AND c.org_path < ?", lo, hi)
	}
	if f.CategoryID != 0 {
		ids, err := s.categorySubtree(ctx, f.CategoryID)
		if err != nil {
			return nil, err
		}
		marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
		for _, id := range ids {
			args = append(args, id)
		}
		where = append(where, "c.category_id IN ("+marks+")")
	}
	if f.Overdue {
		add(overdueCond("c."), ms(s.now()))
	}
	if f.Supervised {
		add("c.supervision > 0")
	}
	if !f.From.IsZero() {
		add("c.created_at >= ?", ms(f.From))
	}
	if !f.To.IsZero() {
		add("c.created_at < ?", ms(f.To))
	}
	if f.Phone != "" {
		add("c.phone_norm = ?", minsheng.NormalizePhone(f.Phone))
	}
	if a := f.Scope; a != nil && !a.Role.HotlineWide() {
		// The same rule as lifecycle.InScope, written as three index lookups.
		lo, hi := prefixRange(a.OrgPath)
		add(`c.id IN (SELECT id FROM cases WHERE org_path >= ? AND org_path < ?
UNION ALL SELECT id FROM cases WHERE created_by = ?
UNION ALL SELECT case_id FROM case_co_orgs WHERE org_id = ?)`, lo, hi, a.UserID, a.OrgID)
	}
	if f.After > 0 {
		add(idCol+" < ?", f.After)
	}
	limit := f.Limit
	if limit <= 0 || limit > minsheng.MaxPage {
		limit = 50
	}
	q := "SELECT " + prefixed(caseColumns, "c.") + " FROM " + from
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(" ORDER BY %s DESC LIMIT %d", idCol, limit)
	rows, err := s.rdb(ctx).rows(q, args...)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	var out []*minsheng.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// overdueCond is the SQL of Case.Overdue, with one ? for the current time in ms.
func overdueCond(alias string) string {
	var st []string
	for _, v := range minsheng.DeadlineStatuses() {
		st = append(st, "'"+string(v)+"'")
	}
	return alias + "status IN (" + strings.Join(st, ",") + ") AND " + alias + "due_at > 0 AND " + alias + "due_at < ?"
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
		defer rows.Close()
		var out []*minsheng.Case
		for rows.Next() {
			x, err := scanCase(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, rows.Err()
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

// CountCases returns how many cases exist.
func (s *Store) CountCases(ctx context.Context) (int64, error) {
	var n int64
	if err := (s.rdb(ctx)).row("SELECT COUNT(*) FROM cases").Scan(&n); err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}
