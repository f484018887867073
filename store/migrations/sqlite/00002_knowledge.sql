-- +goose Up
-- Merging FTS5 segments at every commit would cost the single writer about
-- a third of its time under load; store.maintain merges in the background.
INSERT INTO case_fts(case_fts, rank) VALUES ('automerge', 0);
INSERT INTO case_fts(case_fts, rank) VALUES ('crisismerge', 64);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  category_id INTEGER REFERENCES categories(id),
  keywords TEXT NOT NULL DEFAULT '',
  uses INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);


-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
