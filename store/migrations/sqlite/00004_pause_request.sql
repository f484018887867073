-- +goose Up
-- A unit asks for a pause (挂起) and the hotline decides, like an extension;
-- the flag marks a request waiting for that decision.
ALTER TABLE cases ADD COLUMN pause_requested INTEGER NOT NULL DEFAULT 0;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
