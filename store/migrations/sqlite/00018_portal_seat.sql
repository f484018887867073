-- +goose Up
-- Whether the citizen lets the hotline publish the reply (公开答复), asked on
-- the portal; requests from other channels do not consent by default.
ALTER TABLE cases ADD COLUMN publish_consent INTEGER NOT NULL DEFAULT 0;
-- The seat the request was taken at (专家坐席, 营商环境专席, 学员接听席), copied
-- from the agent's account at intake so the case keeps it when the agent
-- moves on; '' for an ordinary seat and for other channels.
ALTER TABLE cases ADD COLUMN seat_type TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN seat_type TEXT NOT NULL DEFAULT '';

-- Files sent with a request (the portal's photo), kept in the database so
-- that every node serves them. The content type is the one sniffed from the
-- bytes, never the one the browser claimed.
CREATE TABLE case_attachments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments(case_id);

-- The operator's log (接线民情日志): notable calls an agent writes down for
-- the shift report, linked to a case when there is one; seat_type is the
-- author's seat when they wrote it.
CREATE TABLE seat_logs (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  case_id INTEGER REFERENCES cases(id),
  seat_type TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX seat_logs_created ON seat_logs(created_at, id);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
