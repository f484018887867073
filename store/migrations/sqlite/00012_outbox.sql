-- +goose Up
-- Systems that want a case's answer back (message boards, mailboxes, Open311
-- clients): a URL, the secret its deliveries are signed with, and the
-- channels whose cases it receives (",message_board,open311,"). user_id, when
-- set, limits it to the cases that account sent in (an API key's client).
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  channels TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
-- The outbox: one row per notification, written in the transaction of the
-- event that causes it, so a crash loses none. (event_id, kind, webhook_id)
-- is unique, so one event never queues twice for one target; delivery_id is
-- the idempotency id every attempt carries. A node claims due rows by
-- setting lease_until; a crashed node's claims lapse and another retries.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  delivery_id TEXT NOT NULL UNIQUE,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  event_id INTEGER NOT NULL REFERENCES events(id),
  kind TEXT NOT NULL,
  webhook_id INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  lease_until INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  UNIQUE (event_id, kind, webhook_id)
);
CREATE INDEX outbox_due ON outbox(next_at) WHERE status = 'pending';
CREATE INDEX outbox_status ON outbox(status, id);
-- Photos of a case (a field worker's, a citizen's), in the database so that
-- every node serves them.
CREATE TABLE case_photos (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX case_photos_case ON case_photos(case_id);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
