-- +goose Up
-- A case is a repeat call (重复来电) when the same caller brought a similar
-- problem within the repeat window; intake decides it (store/kpis.go) and
-- now keeps the answer on the case, so the supervision board lists open
-- repeats from this partial index instead of comparing texts. Cases from
-- before this migration stay unmarked.
ALTER TABLE cases ADD COLUMN repeat_call INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_repeat ON cases(status, org_path, due_at) WHERE repeat_call = 1;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
