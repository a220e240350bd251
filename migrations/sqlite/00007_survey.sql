-- +goose Up
CREATE TABLE drivers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    category   TEXT NOT NULL,
    statement  TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    retired_at DATETIME,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE snapshots (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    title          TEXT NOT NULL,
    state          TEXT NOT NULL,
    time_zone      TEXT NOT NULL,
    opens_at       DATETIME,
    closes_at      DATETIME,
    audience_all   BOOLEAN NOT NULL DEFAULT 1,
    copied_from_id INTEGER REFERENCES snapshots (id),
    created_by     TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    opened_at      DATETIME,
    closed_at      DATETIME,
    published_at   DATETIME
);
CREATE INDEX snapshots_state ON snapshots (state);

CREATE TABLE snapshot_teams (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    PRIMARY KEY (snapshot_id, team_id)
);

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    position    INTEGER NOT NULL
);
CREATE INDEX sections_snapshot_id ON sections (snapshot_id);

CREATE TABLE questions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id    INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    section_id     INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    key            TEXT NOT NULL DEFAULT '',
    prompt         TEXT NOT NULL,
    help           TEXT NOT NULL DEFAULT '',
    driver_id      INTEGER REFERENCES drivers (id),
    required       BOOLEAN NOT NULL DEFAULT 0,
    config         TEXT NOT NULL DEFAULT '{}',
    audience_roles TEXT NOT NULL DEFAULT '',
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX questions_snapshot_id ON questions (snapshot_id, section_id, position);

-- +goose Down
DROP TABLE questions;
DROP TABLE sections;
DROP TABLE snapshot_teams;
DROP TABLE snapshots;
DROP TABLE drivers;
