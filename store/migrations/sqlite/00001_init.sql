-- +goose Up
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES orgs(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL DEFAULT '',
  lead_approval INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  password_hash TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES categories(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  org_id INTEGER REFERENCES orgs(id),
  disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE deadline_rules (
  id INTEGER PRIMARY KEY,
  category_id INTEGER REFERENCES categories(id),
  urgency TEXT NOT NULL,
  days INTEGER NOT NULL DEFAULT 0,
  hours INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE holidays (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  tracking_code TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  channel_ref TEXT NOT NULL DEFAULT '',
  citizen_name TEXT NOT NULL DEFAULT '',
  citizen_phone TEXT NOT NULL DEFAULT '',
  phone_norm TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  category_id INTEGER REFERENCES categories(id),
  address TEXT NOT NULL DEFAULT '',
  lat REAL,
  lng REAL,
  urgency TEXT NOT NULL,
  wants_reply INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  track TEXT NOT NULL,
  org_id INTEGER REFERENCES orgs(id),
  org_path TEXT NOT NULL DEFAULT '',
  co_org_ids TEXT NOT NULL DEFAULT '',
  org_chain TEXT NOT NULL DEFAULT '',
  due_at INTEGER NOT NULL DEFAULT 0,
  paused_at INTEGER,
  paused_from TEXT NOT NULL DEFAULT '',
  supervision INTEGER NOT NULL DEFAULT 0,
  return_count INTEGER NOT NULL DEFAULT 0,
  send_backs INTEGER NOT NULL DEFAULT 0,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  visit_tries INTEGER NOT NULL DEFAULT 0,
  merged_into INTEGER REFERENCES cases(id),
  ext_days INTEGER NOT NULL DEFAULT 0,
  reply TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  replied_at INTEGER,
  solved INTEGER,
  satisfaction TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_status ON cases(status, id);
CREATE INDEX cases_org_path ON cases(org_path, id);
CREATE INDEX cases_phone ON cases(phone_norm, id);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_due ON cases(due_at) WHERE status NOT IN ('closed','merged','referred');
CREATE INDEX cases_merged ON cases(merged_into) WHERE merged_into IS NOT NULL;

-- Chinese search: our own unigram and bigram tokens, so one- and
-- two-character queries use the index (see store/fts.go).
CREATE VIRTUAL TABLE case_fts USING fts5(uni, bi, content='', tokenize='unicode61 remove_diacritics 0');

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  action TEXT NOT NULL,
  actor_id INTEGER,
  actor_name TEXT NOT NULL DEFAULT '',
  actor_role TEXT NOT NULL DEFAULT '',
  org_id INTEGER,
  at INTEGER NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL DEFAULT '{}',
  public INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_case ON events(case_id, id);
CREATE INDEX events_at ON events(at);
-- +goose StatementBegin
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases BEGIN SELECT RAISE(ABORT, 'cases are never deleted'); END;
-- +goose StatementEnd

CREATE TABLE idempotency (
  user_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
