-- +goose Up
-- Leaders' cases (领导交办): the flag a leader's hand-down sets, and the
-- leaders' list (cases at supervision level 2 and up, and leaders' own) read
-- from a small partial index.
ALTER TABLE cases ADD COLUMN leader_assigned BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX cases_leaders ON cases(due_at) WHERE status NOT IN ('closed','merged','referred') AND (supervision >= 2 OR leader_assigned = true);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
