-- +goose Up
-- One table of photos: the portal's, kept in case_attachments since 00018,
-- join the field reports' in case_photos (a citizen's has no uploader), in
-- their order, and the second table goes.
INSERT INTO case_photos (case_id, content_type, size, data, uploaded_by, created_at)
SELECT case_id, content_type, size, data, NULL, created_at FROM case_attachments ORDER BY id;
DROP TABLE case_attachments;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
