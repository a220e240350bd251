-- +goose Up
-- Events the tools send (API, GitHub webhook, CLI). Kept whole (context and
-- occurred_at) because system metrics (PR lead time, deploy frequency, CI
-- duration) are computed from the same rows later. team_id is the person's
-- team when the event arrived, never re-attributed; iso_week ("2026-W49")
-- is the ISO week of occurred_at in UTC.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key   TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    person_ref  TEXT NOT NULL,
    person_id   INTEGER REFERENCES people (id),
    team_id     INTEGER REFERENCES teams (id),
    iso_week    TEXT NOT NULL,
    occurred_at DATETIME NOT NULL,
    received_at DATETIME NOT NULL,
    source      TEXT NOT NULL,
    context     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_type_team_week ON events (type, team_id, iso_week);
CREATE INDEX events_person ON events (person_id, occurred_at);

-- Events name people by email or GitHub login, matched case-insensitively.
CREATE INDEX people_github_login_lower ON people (LOWER(github_login)) WHERE github_login <> '';

-- +goose Down
DROP INDEX people_github_login_lower;
DROP TABLE events;
