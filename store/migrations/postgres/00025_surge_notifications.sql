-- +goose Up
-- A surge alert tells every analyst and supervisor (notifications.alert_id:
-- the alert the notification is about, as case_id is the case). The unique
-- index keeps one alert from reaching one user twice, whichever node raised it.
ALTER TABLE notifications ADD COLUMN alert_id BIGINT REFERENCES alerts(id);
CREATE UNIQUE INDEX notifications_alert_user ON notifications (alert_id, user_id) WHERE alert_id IS NOT NULL;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
