-- +goose Up
-- The search index follows intake instead of being written by it (see
-- store/searchindex.go): search_state.upto is the highest case id indexed,
-- moved in the same transaction as the index rows, and search reads the
-- cases above it directly. The index keeps one column of distinct unigrams
-- and bigrams and no positions (detail=none): a query ANDs its grams and the
-- substring check that follows makes the answer exact, at a third of the
-- size. The old index is dropped and rebuilt in the background from upto 0.
DROP TABLE case_fts;
CREATE VIRTUAL TABLE case_fts USING fts5(grams, content='', detail='none', tokenize='unicode61 remove_diacritics 0');
INSERT INTO case_fts(case_fts, rank) VALUES ('automerge', 0);
INSERT INTO case_fts(case_fts, rank) VALUES ('crisismerge', 64);
CREATE TABLE search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  upto INTEGER NOT NULL
);
INSERT INTO search_state (id, upto) VALUES (1, 0);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
