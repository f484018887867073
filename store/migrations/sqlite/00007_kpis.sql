-- +goose Up
-- KPI rollup: counters per Shanghai day, handling organisation (0: the
-- hotline, before dispatch), category (0: none) and channel, added to by
-- intake and every lifecycle action in the transaction of their event
-- (store/kpis.go), so a month's KPIs read a few thousand rows, not the cases.
-- The primary key leads with the day: every question is a range of days.
-- shard is the writer lane, so concurrent PostgreSQL writers never add to
-- the same row (store.kpiKey).
CREATE TABLE kpi_daily (
  day TEXT NOT NULL,
  org_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  shard INTEGER NOT NULL DEFAULT 0,
  received INTEGER NOT NULL DEFAULT 0,
  dispatched INTEGER NOT NULL DEFAULT 0,
  closed INTEGER NOT NULL DEFAULT 0,
  closed_on_time INTEGER NOT NULL DEFAULT 0,
  visited INTEGER NOT NULL DEFAULT 0,
  solved INTEGER NOT NULL DEFAULT 0,
  satisfied INTEGER NOT NULL DEFAULT 0,
  returned INTEGER NOT NULL DEFAULT 0,
  replied INTEGER NOT NULL DEFAULT 0,
  sent_back INTEGER NOT NULL DEFAULT 0,
  repeats INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, org_id, category_id, channel, shard)
) WITHOUT ROWID;

-- overdue_open is counted live over the open cases past their deadline
-- (store.kpiOverdue); with the organisation, category and channel in the
-- deadline index it is read from the index alone. The leading columns stay
-- those of 00006, so the queues keep their plans, and intake still writes
-- one entry into it.
DROP INDEX cases_due;
CREATE INDEX cases_due ON cases(due_at, status, urgency, org_id, category_id, channel)
  WHERE status NOT IN ('closed','merged','referred');

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
