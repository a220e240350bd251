-- +goose Up
CREATE TABLE drivers (
    id         BIGSERIAL PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    category   TEXT NOT NULL,
    statement  TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    retired_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE snapshots (
    id             BIGSERIAL PRIMARY KEY,
    title          TEXT NOT NULL,
    state          TEXT NOT NULL,
    time_zone      TEXT NOT NULL,
    opens_at       TIMESTAMPTZ,
    closes_at      TIMESTAMPTZ,
    audience_all   BOOLEAN NOT NULL DEFAULT TRUE,
    copied_from_id BIGINT REFERENCES snapshots (id),
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    opened_at      TIMESTAMPTZ,
    closed_at      TIMESTAMPTZ,
    published_at   TIMESTAMPTZ
);
CREATE INDEX snapshots_state ON snapshots (state);

CREATE TABLE snapshot_teams (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id     BIGINT NOT NULL REFERENCES teams (id),
    PRIMARY KEY (snapshot_id, team_id)
);

CREATE TABLE sections (
    id          BIGSERIAL PRIMARY KEY,
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    position    INTEGER NOT NULL
);
CREATE INDEX sections_snapshot_id ON sections (snapshot_id);

CREATE TABLE questions (
    id             BIGSERIAL PRIMARY KEY,
    snapshot_id    BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    section_id     BIGINT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    key            TEXT NOT NULL DEFAULT '',
    prompt         TEXT NOT NULL,
    help           TEXT NOT NULL DEFAULT '',
    driver_id      BIGINT REFERENCES drivers (id),
    required       BOOLEAN NOT NULL DEFAULT FALSE,
    config         TEXT NOT NULL DEFAULT '{}',
    audience_roles TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX questions_snapshot_id ON questions (snapshot_id, section_id, position);

-- +goose Down
DROP TABLE questions;
DROP TABLE sections;
DROP TABLE snapshot_teams;
DROP TABLE snapshots;
DROP TABLE drivers;
