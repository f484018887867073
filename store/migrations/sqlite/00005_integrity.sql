-- +goose Up
-- An idempotency key remembers what it was used for: a hash of the canonical
-- intake fields (store.intakeFingerprint). A retry with another body is
-- refused instead of silently answered with the first case. Keys recorded
-- before this column existed have '' and match any body.
ALTER TABLE idempotency ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';

-- Phone numbers have one canonical form (minsheng.NormalizePhone): China's
-- country code is dropped and a landline written internationally gets its
-- trunk 0 back. Bring the match keys of earlier cases to that form so that
-- filters and the same-caller list find them; citizen_phone keeps what was
-- recorded.
UPDATE cases SET phone_norm = substr(phone_norm, 3)
WHERE length(phone_norm) = 13 AND substr(phone_norm, 1, 3) = '861';
UPDATE cases SET phone_norm = CASE
  WHEN substr(phone_norm, 4, 1) = '0' OR (length(phone_norm) = 14 AND substr(phone_norm, 4, 1) = '1')
  THEN substr(phone_norm, 4) ELSE '0' || substr(phone_norm, 4) END
WHERE substr(phone_norm, 1, 3) = '+86' AND length(phone_norm) > 3;
UPDATE cases SET phone_norm = CASE
  WHEN substr(phone_norm, 5, 1) = '0' OR (length(phone_norm) = 15 AND substr(phone_norm, 5, 1) = '1')
  THEN substr(phone_norm, 5) ELSE '0' || substr(phone_norm, 5) END
WHERE substr(phone_norm, 1, 4) = '0086' AND length(phone_norm) > 4;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
