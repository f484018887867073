-- +goose Up
-- Work queues (store/queue.go) count and page open cases on 1,000,000 cases
-- in a few milliseconds. Intake writes a new case into every index whose
-- condition it meets, so the new ones are partial: a new case is
-- pending_dispatch with no organisation, no supervision, no extension
-- request and no return, and touches none of them. cases_due is rebuilt with
-- the state and urgency in it, so overdue, due-soon and urgency-sorted queues
-- are read from the index alone; it costs intake what the old one did.
-- Unlike SQLite's, these indexes do not hold the case id unless told, and
-- the queues page by it.
DROP INDEX cases_due;
CREATE INDEX cases_due ON cases(due_at, status, urgency) INCLUDE (id) WHERE status NOT IN ('closed','merged','referred');
-- A unit's open cases, for every queue of a handler or department lead.
CREATE INDEX cases_unit ON cases(status, org_path, due_at, urgency) INCLUDE (id)
  WHERE status NOT IN ('closed','merged','referred') AND org_path <> '';
-- The flagged few, hotline-wide and for a unit, from the index alone.
CREATE INDEX cases_supervised ON cases(status, org_path, due_at) INCLUDE (id) WHERE supervision > 0;
CREATE INDEX cases_extension ON cases(status, org_path, due_at) INCLUDE (id) WHERE ext_days > 0;
CREATE INDEX cases_returned ON cases(status, org_path, due_at) INCLUDE (id) WHERE return_count > 0;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
