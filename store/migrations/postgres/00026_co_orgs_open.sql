-- +goose Up
-- A unit's queues hold only open cases, but a co-handling unit's part of
-- them was found by reading every case it ever co-handled (a thousand a
-- department at a million cases) to test each one's state, once per badge.
-- case_open mirrors Status.Open of the case (store/act.go keeps it), so the
-- queues read only the co-handled cases still open from the index.
ALTER TABLE case_co_orgs ADD COLUMN case_open BOOLEAN NOT NULL DEFAULT true;
UPDATE case_co_orgs SET case_open = (SELECT c.status NOT IN ('closed','merged','referred') FROM cases c WHERE c.id = case_co_orgs.case_id);
CREATE INDEX case_co_orgs_open ON case_co_orgs(org_id, case_open, case_id);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
