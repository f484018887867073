-- +goose Up
-- The dashboard lists the period's repeat calls (重复诉求: cases.repeat_call),
-- newest first, as it lists the most reopened from cases_rank_reopens.
CREATE INDEX cases_repeat_created ON cases(created_at) WHERE repeat_call = 1;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
