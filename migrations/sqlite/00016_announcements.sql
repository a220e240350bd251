-- +goose Up
-- What goes out when a snapshot's results are ready: one row per message
-- and recipient, planned once (the unique key makes planning again a
-- no-op), then updated by the job that sends it.
CREATE TABLE announcements (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',
    error       TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL,
    sent_at     DATETIME,
    UNIQUE (snapshot_id, kind, recipient)
);

-- +goose Down
DROP TABLE announcements;
