-- +goose Up
-- Imports of other channels' exported files (issue 10). import_sources keeps
-- each source's column mapping (JSON: field → header) so that its next file
-- is read the same way. import_refs makes an import idempotent: a channel's
-- reference is recorded once, so a re-imported row creates nothing (other
-- channels' cases are found through the cases_channel_ref index).
CREATE TABLE import_sources (
  name TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  mapping TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE import_refs (
  channel TEXT NOT NULL,
  channel_ref TEXT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  PRIMARY KEY (channel, channel_ref)
);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
