-- +goose Up
-- Surges found by the detector (stats/surge): one row per category, area
-- and day of alarm, so that the hourly job can run again without raising
-- the same alert twice. area_id 0 is the whole city (cases handled by
-- city departments), category_id 0 an uncategorised case.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  category_id BIGINT NOT NULL,
  area_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  from_day TEXT NOT NULL,
  observed REAL NOT NULL,
  expected REAL NOT NULL,
  score REAL NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (kind, category_id, area_id, day)
);
CREATE INDEX alerts_day ON alerts(day);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
