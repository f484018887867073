-- +goose Up
-- One counter that every change to who may sign in moves (disable, role,
-- organisation or password change, logout, revoked key), so that nodes may
-- keep sessions in memory and still see a revocation at the next request.
CREATE TABLE auth_epoch (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO auth_epoch (id, n) VALUES (1, 0);

-- +goose Down
SELECT 'down migrations are not supported: nothing is ever deleted';
