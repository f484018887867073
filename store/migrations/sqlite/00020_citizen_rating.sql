-- +goose Up
-- The citizen's own rating of a closed case on the portal (issue 8), apart
-- from the return visit's solved and satisfaction: NULL until rated, and a
-- case is rated once.
ALTER TABLE cases ADD COLUMN citizen_solved INTEGER;
ALTER TABLE cases ADD COLUMN citizen_satisfaction TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN rated_at INTEGER;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
