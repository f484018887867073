package store

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"minsheng"
	"minsheng/textmine/dupe"
)

// The KPI rollup (table kpi_daily) holds one row of counters per Shanghai
// day, handling organisation, category and channel. Intake and every
// lifecycle action add to it in the transaction that records their event, so
// the figures are exact at every commit, and a month's KPIs read a few
// thousand rows instead of a million cases.

// kpiKey is one row of the rollup. Shard is the writer lane that wrote it:
// on PostgreSQL several lanes commit at once, and if they all added to one
// row (today's intake of a busy category) each would wait for the other's
// commit; with a row per lane they never share one. Questions sum over
// shards, and SQLite has one lane.
type kpiKey struct {
	day      string
	org, cat int64
	channel  minsheng.Channel
	shard    int
}

// kpiCounterColumns are the rollup's counter columns in KPICounts.Fields order.
var kpiCounterColumns = []string{"received", "dispatched", "closed", "closed_on_time", "visited", "solved",
	"satisfied", "returned", "replied", "sent_back", "repeats"}

// kpiUpsert adds one row of increments to the rollup.
var kpiUpsert = func() string {
	sets := make([]string, len(kpiCounterColumns))
	for i, c := range kpiCounterColumns {
		sets[i] = c + " = kpi_daily." + c + " + excluded." + c
	}
	return "INSERT INTO kpi_daily (day, org_id, category_id, channel, shard, " + strings.Join(kpiCounterColumns, ", ") +
		") VALUES (?, ?, ?, ?, ?" + strings.Repeat(", ?", len(kpiCounterColumns)) +
		") ON CONFLICT (day, org_id, category_id, channel, shard) DO UPDATE SET " + strings.Join(sets, ", ")
}()

// countKPI adds increments to the rollup within the write transaction. In a
// writer batch they are summed and written at the end of the batch in key
// order: one statement per row instead of one per event, and concurrent
// PostgreSQL writers lock shared rows in the same order, so they cannot
// deadlock on them.
func countKPI(b db, at time.Time, org int64, c *minsheng.Case, k minsheng.KPICounts) error {
	if k.Zero() {
		return nil
	}
	key := kpiKey{day: minsheng.KPIDay(at), org: org, cat: c.CategoryID, channel: c.Channel}
	if b.t == nil {
		return upsertKPI(b, key, k)
	}
	key.shard = b.t.lane.id
	if b.t.kpi == nil {
		b.t.kpi = map[kpiKey]*minsheng.KPICounts{}
		b.t.atEnd(func() error { return flushKPI(b) })
	}
	sum := b.t.kpi[key]
	if sum == nil {
		sum = &minsheng.KPICounts{}
		b.t.kpi[key] = sum
	}
	sum.Add(k)
	return nil
}

// flushKPI writes the batch's summed increments in key order.
func flushKPI(b db) error {
	keys := make([]kpiKey, 0, len(b.t.kpi))
	for k := range b.t.kpi {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y kpiKey) int {
		return cmp.Or(cmp.Compare(x.day, y.day), cmp.Compare(x.org, y.org), cmp.Compare(x.cat, y.cat),
			cmp.Compare(x.channel, y.channel), cmp.Compare(x.shard, y.shard))
	})
	for _, k := range keys {
		if err := upsertKPI(b, k, *b.t.kpi[k]); err != nil {
			return err
		}
	}
	return nil
}

func upsertKPI(b db, key kpiKey, k minsheng.KPICounts) error {
	args := []any{key.day, key.org, key.cat, string(key.channel), key.shard}
	for _, f := range k.Fields() {
		args = append(args, *f)
	}
	if _, err := b.exec(kpiUpsert, args...); err != nil {
		return fmt.Errorf("count kpis: %w", err)
	}
	return nil
}

// countIntake counts a new case as received, and as a repeat when the same
// caller brought the same problem within the repeat window
// (minsheng.RepeatWindow, RepeatSimilarity); it says whether the case is a
// repeat, which intake keeps on the case. It runs in the write transaction
// before the case is inserted, so the lookup sees every earlier case and
// only those; on the writer's own connection the pages it reads are usually
// still cached, which a read from the pool, invalidated by every commit,
// would have to fetch again.
func countIntake(b db, c *minsheng.Case, at time.Time) (bool, error) {
	k := minsheng.KPICounts{Received: 1}
	err := eachEarlier(b, c, at, func(similar bool) bool {
		if similar {
			k.Repeat = 1
		}
		return similar
	})
	if err != nil {
		return false, err
	}
	return k.Repeat == 1, countKPI(b, at, 0, c, k)
}

// eachEarlier calls fn for the caller's latest cases within the repeat window
// before at, newest first, telling whether each is about the same problem,
// until fn returns true.
func eachEarlier(b db, c *minsheng.Case, at time.Time, fn func(similar bool) (stop bool)) error {
	phone := minsheng.NormalizePhone(c.Citizen.Phone)
	if phone == "" {
		return nil
	}
	rows, err := b.rows(`SELECT title, content FROM cases WHERE phone_norm = ?
AND created_at >= ? AND created_at <= ? ORDER BY id DESC LIMIT ?`,
		phone, ms(at.Add(-minsheng.RepeatWindow)), ms(at), minsheng.RepeatLookback)
	if err != nil {
		return fmt.Errorf("look up earlier cases of the caller: %w", err)
	}
	defer rows.Close()
	text := c.Title + c.Content
	for rows.Next() {
		var title, content string
		if err := rows.Scan(&title, &content); err != nil {
			return fmt.Errorf("look up earlier cases of the caller: %w", err)
		}
		if fn(dupe.Similarity(text, title+content) >= minsheng.RepeatSimilarity) {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("look up earlier cases of the caller: %w", err)
	}
	return nil
}

// countAction counts one lifecycle event of a case (minsheng.KPIStep); the
// latest earlier reply is loaded only for an event that closes the case.
func countAction(b db, step minsheng.KPIStep) error {
	ev := step.Event
	if minsheng.ClosesCase(ev) && ev.Action != "reply" && ev.Action != "answer" {
		var r minsheng.Event
		var at int64
		var payload string
		err := b.row("SELECT at, payload FROM events WHERE case_id = ? AND action = 'reply' AND id < ? ORDER BY id DESC LIMIT 1",
			ev.CaseID, ev.ID).Scan(&at, &payload)
		if err == nil {
			r.Action, r.At, r.Payload = "reply", fromMS(at), []byte(payload)
			step.LastReply = &r
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("last reply of case %d: %w", ev.CaseID, err)
		}
	}
	org, k, err := step.Counts()
	if err != nil {
		return fmt.Errorf("count %s of case %d: %w", ev.Action, ev.CaseID, err)
	}
	return countKPI(b, ev.At, org, step.After, k)
}
