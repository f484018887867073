-- +goose Up
-- Unit staff see cases handled in their subtree, cases they collected, and
-- cases their unit co-handles; each of the three is an index lookup, so a
-- department's list does not scan every case.
CREATE INDEX cases_created_by ON cases(created_by, id) WHERE created_by IS NOT NULL;
CREATE TABLE case_co_orgs (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  PRIMARY KEY (org_id, case_id)
);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
