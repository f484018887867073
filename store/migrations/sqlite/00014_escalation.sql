-- +goose Up
-- Escalation (督办规则): the admin's rules, one row; the alerts the job has
-- applied, one per case and kind (a reminder once per deadline), which keep
-- it from escalating or notifying twice; and every user's notifications.
CREATE TABLE escalation_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enabled BOOLEAN NOT NULL,
  due_soon_hours INTEGER NOT NULL,
  overdue_level1 BOOLEAN NOT NULL,
  level2_overdue_days INTEGER NOT NULL,
  level2_send_backs INTEGER NOT NULL,
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT REFERENCES users(id)
);
INSERT INTO escalation_rules (id, enabled, due_soon_hours, overdue_level1, level2_overdue_days, level2_send_backs)
  VALUES (1, 1, 24, 1, 3, 2);

CREATE TABLE case_alerts (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  PRIMARY KEY (case_id, kind, due_at)
);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  case_id BIGINT REFERENCES cases(id),
  kind TEXT NOT NULL,
  level INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
