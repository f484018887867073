-- +goose Up
-- Only the dispatch events are read by time (how often dispatchers took the
-- suggestion, store.DispatchPayloads); every other event, intake's first,
-- no longer pays for an index entry.
DROP INDEX events_at;
CREATE INDEX events_dispatch_at ON events(at) WHERE action = 'dispatch';

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
