-- +goose Up
-- Failed sign-ins are counted in one row per account and per client
-- address, so that taking an attempt is one conditional upsert: sixty
-- wrong passwords sent at once cannot all read "under the limit" before
-- any of them is recorded (they could with one row per attempt).
CREATE TABLE login_limits (
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    -- Unix seconds of the first failure of the current window.
    window_start INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
DROP TABLE login_attempts;

-- +goose Down
CREATE TABLE login_attempts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (kind, key, created_at);
DROP TABLE login_limits;
