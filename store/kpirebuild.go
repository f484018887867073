package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minsheng"
	"minsheng/textmine/dupe"
)

// RebuildKPIs recomputes the KPI rollup from the timeline: the backfill for
// databases that had cases before the rollup existed (Migrate runs it when it
// creates the table). It replays every case's events in order through the
// same counting as the event path (minsheng.KPIStep), reconstructing from
// the payloads what the path knew at each step: the handling organisation,
// the category, the deadline. The one thing not on record is the deadline a
// case had at intake, which only a direct answer is measured against; it is
// recomputed under today's rules. Run it while nothing else writes: it reads
// on the read pool and replaces the rollup in one write transaction.
func (s *Store) RebuildKPIs(ctx context.Context) error {
	pol, err := s.Policy(ctx)
	if err != nil {
		return err
	}
	rows, err := s.rdb(ctx).rows(`SELECT e.case_id, e.id, e.action, e.at, e.from_status, e.to_status, e.payload,
c.channel, c.phone_norm, c.title, c.content, COALESCE(c.category_id, 0), c.urgency, c.created_at
FROM events e JOIN cases c ON c.id = e.case_id ORDER BY e.case_id, e.id`)
	if err != nil {
		return fmt.Errorf("rebuild kpis: %w", err)
	}
	defer rows.Close()
	sums := map[kpiKey]*minsheng.KPICounts{}
	history := repeatHistory{}
	var c minsheng.Case
	var evs []minsheng.Event
	flush := func() error {
		if len(evs) == 0 {
			return nil
		}
		r := &kpiReplay{c: c}
		r.c.CategoryID = intakeCategory(c.CategoryID, evs)
		for _, ev := range evs {
			key, k, err := r.step(ev, pol.Due, history)
			if err != nil {
				return fmt.Errorf("rebuild kpis: case %d: %w", c.ID, err)
			}
			if !k.Zero() {
				if sums[key] == nil {
					sums[key] = &minsheng.KPICounts{}
				}
				sums[key].Add(k)
			}
		}
		evs = evs[:0]
		return nil
	}
	for rows.Next() {
		var ev minsheng.Event
		var next minsheng.Case
		var at, created int64
		var payload string
		if err := rows.Scan(&ev.CaseID, &ev.ID, &ev.Action, &at, &ev.From, &ev.To, &payload, &next.Channel,
			&next.Citizen.Phone, &next.Title, &next.Content, &next.CategoryID, &next.Urgency, &created); err != nil {
			return fmt.Errorf("rebuild kpis: %w", err)
		}
		ev.At, ev.Payload, next.ID, next.CreatedAt = fromMS(at), []byte(payload), ev.CaseID, fromMS(created)
		if next.ID != c.ID {
			if err := flush(); err != nil {
				return err
			}
			c = next
		}
		evs = append(evs, ev)
	}
	if err := flush(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rebuild kpis: %w", err)
	}
	return s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if _, err := b.exec("DELETE FROM kpi_daily"); err != nil {
			return fmt.Errorf("rebuild kpis: %w", err)
		}
		b.t = nil // write each row now; countKPI's batching is for the event path
		for key, k := range sums {
			if err := upsertKPI(b, key, *k); err != nil {
				return err
			}
		}
		return nil
	})
}

// kpiReplay is one case's state while its events are replayed.
type kpiReplay struct {
	c         minsheng.Case // as it is after the replayed events
	due       time.Time
	lastReply *minsheng.Event
}

// step counts one event and moves the replayed case on.
func (r *kpiReplay) step(ev minsheng.Event, due func(*minsheng.Case, time.Time) time.Time, h repeatHistory) (kpiKey, minsheng.KPICounts, error) {
	orgBefore, dueBefore := r.c.OrgID, r.due
	var k minsheng.KPICounts
	if ev.Action == "create" {
		r.due = due(&r.c, ev.At)
		k.Received = 1
		if h.repeat(&r.c, ev.At) {
			k.Repeat = 1
		}
		return kpiKey{day: minsheng.KPIDay(ev.At), cat: r.c.CategoryID, channel: r.c.Channel}, k, nil
	}
	if err := r.apply(ev); err != nil {
		return kpiKey{}, k, err
	}
	org, k, err := minsheng.KPIStep{Event: ev, OrgBefore: orgBefore, After: &r.c, DueBefore: dueBefore, LastReply: r.lastReply}.Counts()
	if ev.Action == "reply" {
		e := ev
		r.lastReply = &e
	}
	return kpiKey{day: minsheng.KPIDay(ev.At), org: org, cat: r.c.CategoryID, channel: r.c.Channel}, k, err
}

// intakeCategory is the category a case had at intake: what the first
// recorded change changed it from, or, without one, the category it has now.
func intakeCategory(current int64, evs []minsheng.Event) int64 {
	for _, ev := range evs {
		var from *int64
		switch ev.Action {
		case "triage":
			if p, err := minsheng.Decode[minsheng.TriagePayload](ev); err == nil {
				from = p.FromCategoryID
			}
		case "dispatch":
			if p, err := minsheng.Decode[minsheng.DispatchPayload](ev); err == nil {
				from = p.FromCategoryID
			}
		}
		if from != nil {
			return *from
		}
	}
	return current
}

// apply moves the replayed case's organisation, category and deadline as
// the event did.
func (r *kpiReplay) apply(ev minsheng.Event) error {
	p, err := minsheng.DecodePayload(ev.Action, ev.Payload)
	if err != nil {
		return err
	}
	setDue := func(t *time.Time) {
		if t != nil {
			r.due = *t
		}
	}
	switch p := p.(type) {
	case *minsheng.TriagePayload:
		if p.CategoryID != 0 {
			r.c.CategoryID = p.CategoryID
		}
		setDue(p.DueAt)
	case *minsheng.DispatchPayload:
		if p.CategoryID != 0 {
			r.c.CategoryID = p.CategoryID
		}
		r.c.OrgID, r.due = p.OrgID, p.DueAt
	case *minsheng.SubdispatchPayload:
		r.c.OrgID = p.OrgID
	case *minsheng.ReturnPayload:
		r.c.OrgID = p.ToOrgID
	case *minsheng.ReroutePayload:
		r.c.OrgID = p.OrgID
	case *minsheng.DecideExtensionPayload:
		setDue(p.DueAt)
	case *minsheng.ResumePayload:
		r.due = p.DueAt
	case *minsheng.ReopenPayload:
		r.due = p.DueAt
		if ev.To == minsheng.StatusPendingDispatch {
			r.c.OrgID = 0
		}
	case *minsheng.ReviewPayload:
		setDue(p.DueAt)
	case *minsheng.VisitPayload:
		setDue(p.DueAt)
	case *minsheng.RatePayload:
		setDue(p.DueAt)
		if ev.To == minsheng.StatusPendingDispatch {
			r.c.OrgID = 0
		}
	}
	return nil
}

// repeatHistory keeps each caller's recent cases for the repeat rule while
// cases are replayed in id order, dropping those older than the window.
type repeatHistory map[string][]earlierCase

type earlierCase struct {
	at   time.Time
	text string
}

// repeat applies the intake's rule (isRepeat: the latest RepeatLookback
// cases in the window) and remembers the case.
func (h repeatHistory) repeat(c *minsheng.Case, at time.Time) bool {
	if c.Citizen.Phone == "" {
		return false
	}
	prev := h[c.Citizen.Phone]
	keep := prev[:0]
	for _, e := range prev {
		if !e.at.Before(at.Add(-minsheng.RepeatWindow)) {
			keep = append(keep, e)
		}
	}
	rep := false
	text := c.Title + c.Content
	for i, n := len(keep)-1, 0; i >= 0 && n < minsheng.RepeatLookback && !rep; i, n = i-1, n+1 {
		rep = !keep[i].at.After(at) && dupe.Similarity(text, keep[i].text) >= minsheng.RepeatSimilarity
	}
	h[c.Citizen.Phone] = append(keep, earlierCase{at, text})
	return rep
}

// kpiRollupEmpty reports whether the rollup has no rows while cases exist:
// a database upgraded from before the rollup.
func (s *Store) kpiRollupEmpty(ctx context.Context) (bool, error) {
	var one int
	err := s.rdb(ctx).row("SELECT 1 FROM kpi_daily LIMIT 1").Scan(&one)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("kpi rollup: %w", err)
	}
	err = s.rdb(ctx).row("SELECT 1 FROM cases LIMIT 1").Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("kpi rollup: %w", err)
	}
	return true, nil
}
