-- +goose Up
-- API keys of client systems (message boards, apps, Open311 clients). Each
-- key acts as a machine account in users (user_id), so cases record which
-- system sent them; the key itself is never stored, only its SHA-256 (keys
-- are 256 random bits, so a fast hash is enough). Revoking sets revoked_at;
-- nothing is deleted.
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);
-- A channel's own reference finds its case (an Open311 token, later an
-- imported row).
CREATE INDEX cases_channel_ref ON cases(channel, channel_ref) WHERE channel_ref <> '';

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
