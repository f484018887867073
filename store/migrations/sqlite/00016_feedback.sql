-- +goose Up
-- Public feedback (媒体集中反馈): batches of answered cases published on the
-- portal and exported for the media. Items are snapshots with personal data
-- removed, so what was published never changes with the case.
CREATE TABLE feedback_batches (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE feedback_items (
  batch_id INTEGER NOT NULL REFERENCES feedback_batches(id),
  position INTEGER NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  number TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  request TEXT NOT NULL,
  org_name TEXT NOT NULL,
  reply TEXT NOT NULL,
  replied_at INTEGER NOT NULL,
  PRIMARY KEY (batch_id, position),
  UNIQUE (batch_id, case_id)
);
CREATE INDEX feedback_batches_published ON feedback_batches(published_at);
-- The analysis lists rank a period's cases by these counters.
CREATE INDEX cases_rank_returns ON cases(created_at) WHERE return_count > 0;
CREATE INDEX cases_rank_reopens ON cases(created_at) WHERE reopen_count > 0;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
