-- +goose Up
-- Supervision (issue 9), second part.
-- Leaders' cases (领导交办): the flag a leader's hand-down sets, and the
-- leaders' list (cases at supervision level 2 and up, and leaders' own) read
-- from a small partial index.
ALTER TABLE cases ADD COLUMN leader_assigned BOOLEAN NOT NULL DEFAULT 0;
CREATE INDEX cases_leaders ON cases(due_at) WHERE status NOT IN ('closed','merged','referred') AND (supervision >= 2 OR leader_assigned = true);

-- Topic campaigns (专题 / 打包处理): a lead department and co-departments
-- handle a group of cases to one deadline and report progress; the case
-- names its campaign.
CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  lead_org_id BIGINT NOT NULL REFERENCES orgs(id),
  co_org_ids TEXT NOT NULL DEFAULT '',
  due_at BIGINT NOT NULL,
  closed BOOLEAN NOT NULL DEFAULT 0,
  reply TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE TABLE campaign_reports (
  id INTEGER PRIMARY KEY,
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  author_id BIGINT NOT NULL REFERENCES users(id),
  author_name TEXT NOT NULL DEFAULT '',
  org_id BIGINT REFERENCES orgs(id),
  progress INTEGER NOT NULL,
  text TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX campaign_reports_campaign ON campaign_reports (campaign_id, id);
ALTER TABLE cases ADD COLUMN campaign_id BIGINT REFERENCES campaigns(id);
CREATE INDEX cases_campaign ON cases(campaign_id) WHERE campaign_id IS NOT NULL;

-- Responsibility disputes (职责争议): a department returning an order as
-- "not ours" marks the case for the dispatcher's arbitration; each decision
-- is kept, to count disputes per department.
ALTER TABLE cases ADD COLUMN dispute_org_id BIGINT REFERENCES orgs(id);
CREATE TABLE disputes (
  id INTEGER PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  from_org_id BIGINT NOT NULL REFERENCES orgs(id),
  to_org_id BIGINT NOT NULL REFERENCES orgs(id),
  category_id BIGINT REFERENCES categories(id),
  upheld BOOLEAN NOT NULL,
  list_updated BOOLEAN NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  at BIGINT NOT NULL
);
CREATE INDEX disputes_at ON disputes (at);

-- Discipline clues (问题线索): the discipline body a case was referred to for
-- misconduct; its inspectors read the case, nobody else gains anything.
ALTER TABLE cases ADD COLUMN clue_org_id BIGINT REFERENCES orgs(id);
CREATE INDEX cases_clue ON cases(clue_org_id) WHERE clue_org_id IS NOT NULL;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
