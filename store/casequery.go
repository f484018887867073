package store

import (
	"context"
	"strings"

	"minsheng"
)

// openPredicate is, word for word, the WHERE of the partial indexes on open
// cases (migrations 00001 and 00006). SQLite uses a partial index only when
// the query repeats its condition, so its queries over open cases add it.
// TestOpenPredicate holds it against minsheng.Status.Open.
const openPredicate = "status NOT IN ('closed','merged','referred')"

// caseQuery is a CaseFilter compiled to SQL conditions on the alias c.
type caseQuery struct {
	// arms, for a full-text search, are the sources of its cases, each
	// with its own conditions and id order; where applies to all of them.
	arms  []searchArm
	where []string
	args  []any
	// scope, when set, is a unit user whose cases are the union of three
	// index lookups (subtree, collected, co-handled); see branches.
	scope *minsheng.Actor
	// open is set when only open cases can match, so that the partial
	// indexes on open cases apply.
	open bool
	// none is set when nothing can match (a query of punctuation only, an
	// empty due window).
	none bool
}

func (q *caseQuery) add(cond string, a ...any) {
	q.where, q.args = append(q.where, cond), append(q.args, a...)
}

// compile turns the filter's conditions into SQL; sort and cursor are
// applied by keyset and orderBy.
func (s *Store) compile(ctx context.Context, f minsheng.CaseFilter) (*caseQuery, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q := &caseQuery{}
	terms := parseQuery(f.Query)
	if len(terms) > 0 {
		upto, err := s.searchUpto(ctx)
		if err != nil {
			return nil, err
		}
		q.arms = s.d.searchArms(terms, upto)
		doc := "lower(c.title || ' ' || c.content || ' ' || c.address)"
		for _, t := range terms {
			q.add(s.d.contains(doc), t.text)
		}
	} else if strings.TrimSpace(f.Query) != "" {
		q.none = true // only punctuation: nothing can match
		return q, nil
	}
	if len(f.Status) > 0 {
		// The states are written into the SQL, not bound: PostgreSQL then
		// sees which partial indexes on open cases apply even in the
		// generic plan of a prepared statement.
		q.open = true
		for _, v := range f.Status {
			if !v.Valid() {
				return nil, minsheng.Invalid("status", "unknown status %q", v)
			}
			q.open = q.open && v.Open()
		}
		q.add("c.status IN (" + statusList(f.Status) + ")")
	}
	if f.Track != "" {
		q.add("c.track = ?", f.Track)
	}
	if f.Channel != "" {
		q.add("c.channel = ?", f.Channel)
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
		q.add("c.org_path >= ? AND c.org_path < ?", lo, hi)
	}
	if f.CategoryID != 0 {
		ids, err := s.categorySubtree(ctx, f.CategoryID)
		if err != nil {
			return nil, err
		}
		marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
		a := make([]any, len(ids))
		for i, id := range ids {
			a[i] = id
		}
		q.add("c.category_id IN ("+marks+")", a...)
	}
	if f.Overdue {
		q.add(overdueCond("c."), ms(s.now()))
		q.open = true
	}
	if f.Supervised {
		q.add("c.supervision > 0")
	}
	if f.ReturnedOnly {
		q.add("c.return_count > 0")
	}
	if f.ExtensionPending {
		q.add("c.ext_days > 0")
	}
	if f.RepeatOnly {
		q.add("c.repeat_call = 1")
	}
	if !f.DueAfter.IsZero() && !f.DueBefore.IsZero() && !f.DueAfter.Before(f.DueBefore) {
		q.none = true
		return q, nil
	}
	// A unit's cases come from their own indexes (cases_unit, the few
	// co-handled and collected ones). Written as due_at + 0, a deadline
	// bound cannot draw the plan to cases_due, every unit's open cases in
	// deadline order: PostgreSQL's generic plan of a prepared count, not
	// knowing the bound, chose it (40 ms where cases_unit takes 1 ms at
	// 100,000 cases).
	due := "c.due_at"
	if a := f.Scope; a != nil && !a.Role.HotlineWide() && len(terms) == 0 {
		due = "c.due_at + 0"
	}
	if !f.DueAfter.IsZero() {
		q.add(due+" >= ?", ms(f.DueAfter))
	}
	if !f.DueBefore.IsZero() {
		q.add(due+" > 0 AND "+due+" < ?", ms(f.DueBefore))
	}
	if f.CreatedBy != 0 {
		q.add("c.created_by = ?", f.CreatedBy)
	}
	if !f.From.IsZero() {
		q.add("c.created_at >= ?", ms(f.From))
	}
	if !f.To.IsZero() {
		q.add("c.created_at < ?", ms(f.To))
	}
	if f.Phone != "" {
		q.add("c.phone_norm = ?", minsheng.NormalizePhone(f.Phone))
	}
	if q.open && s.d.name() == "sqlite" {
		// SQLite uses a partial index only when the query repeats its
		// condition. PostgreSQL proves it from the listed states, and
		// would count the states twice when it estimates the rows.
		q.add("c." + openPredicate)
	}
	if a := f.Scope; a != nil && !a.Role.HotlineWide() {
		if len(terms) == 0 {
			q.scope = a
		} else {
			// Search drives from its own index; the scope is a set to check.
			lo, hi := prefixRange(a.OrgPath)
			q.add(`c.id IN (SELECT id FROM cases WHERE org_path >= ? AND org_path < ?
UNION ALL SELECT id FROM cases WHERE created_by = ?
UNION ALL SELECT case_id FROM case_co_orgs WHERE org_id = ?
UNION ALL SELECT id FROM cases WHERE clue_org_id = ?)`, lo, hi, a.UserID, a.OrgID, a.OrgID)
		}
	}
	return q, nil
}

// branch is one part of a unit user's cases with the filter's conditions.
type branch struct {
	from  string
	where []string
	args  []any
}

// branches returns the query as one part, or, for a unit user, as the three
// parts of lifecycle.InScope: cases handled in the unit's subtree, cases the
// user collected, cases the unit co-handles. Each part has every condition of the filter, so each
// walks its own index and only the few matching ids are merged; the old
// form, one IN over the union, built the unit's whole history first.
func (q *caseQuery) branches(extra []string, extraArgs []any) []branch {
	a := q.scope
	base := append(append([]string{}, q.where...), extra...)
	args := append(append([]any{}, q.args...), extraArgs...)
	if a == nil {
		return []branch{{from: "cases c", where: base, args: args}}
	}
	var out []branch
	if a.OrgPath != "" {
		lo, hi := prefixRange(a.OrgPath)
		cond := []string{"c.org_path >= ? AND c.org_path < ?"}
		if q.open {
			cond = append(cond, "c.org_path <> ''") // the predicate of cases_unit
		}
		out = append(out, branch{from: "cases c", where: append(cond, base...), args: append([]any{lo, hi}, args...)})
	}
	// The collected part starts from the user's own cases: SQLite knows only
	// that a creator has many cases on average (agents have hundreds of
	// thousands), and would otherwise walk every case in the state instead.
	out = append(out, branch{from: "cases m CROSS JOIN cases c", where: append([]string{"m.created_by = ? AND c.id = m.id"}, base...),
		args: append([]any{a.UserID}, args...)})
	// Over open cases the co-handled part reads only the unit's rows whose
	// case is open (case_open, migration 00026), not its whole history.
	co := []string{"x.org_id = ?"}
	if q.open {
		co = append(co, "x.case_open = true")
	}
	out = append(out, branch{from: "case_co_orgs x JOIN cases c ON c.id = x.case_id",
		where: append(co, base...), args: append([]any{a.OrgID}, args...)})
	// Cases referred to the unit as discipline clues (an inspector's).
	out = append(out, branch{from: "cases c", where: append([]string{"c.clue_org_id = ?"}, base...),
		args: append([]any{a.OrgID}, args...)})
	return out
}

// keyset returns the condition that starts the list after the cursor; id
// is the id expression the list is ordered by (a search arm's may differ).
func (q *caseQuery) keyset(f minsheng.CaseFilter, id string) ([]string, []any, error) {
	if f.Cursor == "" {
		if f.After > 0 {
			if f.Sort != "" && f.Sort != minsheng.SortReceived {
				return nil, nil, minsheng.Invalid("cursor", "an id cursor pages the received order only")
			}
			return []string{q.idBound(id)}, []any{f.After}, nil
		}
		return nil, nil, nil
	}
	keys, err := f.Sort.CursorKeys(f.Cursor)
	if err != nil {
		return nil, nil, err
	}
	switch f.Sort {
	case minsheng.SortDue:
		return []string{"(c.due_at, c.id) > (?, ?)"}, []any{keys[0], keys[1]}, nil
	case minsheng.SortUrgency:
		return []string{"(" + urgencyRank + ", c.due_at, c.id) > (?, ?, ?)"}, []any{keys[0], keys[1], keys[2]}, nil
	}
	return []string{q.idBound(id)}, []any{keys[0]}, nil
}

// idBound is the received order's cursor condition. Over open cases the
// expression keeps SQLite from reading "id < ?" as a reason to walk the table
// backwards from the cursor, testing every older case, when the few ids of a
// queue come from an index on open cases and are then sorted. Over all cases
// the walk is the right plan, and the plain bound keeps deep pages cheap.
func (q *caseQuery) idBound(id string) string {
	if id == "c.id" && q.open {
		return "c.id + 0 < ?"
	}
	return id + " < ?"
}

// urgencyRank is minsheng.UrgencyRank in SQL.
const urgencyRank = "CASE c.urgency WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END"

// orderBy is the ORDER BY of a sort; every order ends on the id. Over open
// cases, newest first sorts by the expression id+0, so that neither database
// walks the primary key backwards testing every closed case on the way: the
// open cases of a queue are few and come from their own index.
func (q *caseQuery) orderBy(s minsheng.Sort) string {
	switch s {
	case minsheng.SortDue:
		return " ORDER BY c.due_at, c.id"
	case minsheng.SortUrgency:
		return " ORDER BY " + urgencyRank + ", c.due_at, c.id"
	}
	if q.open {
		return " ORDER BY c.id + 0 DESC"
	}
	return " ORDER BY c.id DESC"
}

// countSQL counts the matching cases; a unit's three parts may overlap, so
// their ids are merged with UNION before counting.
func (q *caseQuery) countSQL() (string, []any) {
	if len(q.arms) > 0 {
		var parts []string
		var args []any
		for _, a := range q.arms {
			parts = append(parts, "(SELECT COUNT(*) FROM "+a.from+where(append(a.where[:len(a.where):len(a.where)], q.where...))+")")
			args = append(append(args, a.args...), q.args...)
		}
		return "SELECT " + strings.Join(parts, " + "), args
	}
	if q.scope == nil {
		return "SELECT COUNT(*) FROM cases c" + where(q.where), q.args
	}
	var parts []string
	var args []any
	for _, b := range q.branches(nil, nil) {
		parts = append(parts, "SELECT c.id FROM "+b.from+where(b.where))
		args = append(args, b.args...)
	}
	return "SELECT COUNT(*) FROM (" + strings.Join(parts, " UNION ") + ") u", args
}
