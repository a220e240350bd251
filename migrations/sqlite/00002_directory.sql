-- +goose Up
CREATE TABLE teams (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id  INTEGER REFERENCES teams (id),
    name       TEXT NOT NULL,
    path       TEXT NOT NULL UNIQUE,
    created_at DATETIME NOT NULL
);
CREATE INDEX teams_parent_id ON teams (parent_id);

CREATE TABLE people (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    email            TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    team_id          INTEGER REFERENCES teams (id),
    job_role         TEXT NOT NULL DEFAULT '',
    work_arrangement TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    start_date       DATE,
    level            TEXT NOT NULL DEFAULT '',
    github_login     TEXT NOT NULL DEFAULT '',
    slack_user_id    TEXT NOT NULL DEFAULT '',
    active           BOOLEAN NOT NULL DEFAULT 1,
    password_hash    TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE INDEX people_team_id ON people (team_id);

CREATE TABLE role_grants (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    role       TEXT NOT NULL,
    team_id    INTEGER REFERENCES teams (id),
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (person_id, role, COALESCE(team_id, 0));

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL
);
CREATE INDEX sessions_person_id ON sessions (person_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME,
    revoked_at   DATETIME
);

CREATE TABLE login_attempts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (kind, key, created_at);

-- +goose Down
DROP TABLE login_attempts;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE role_grants;
DROP TABLE people;
DROP TABLE teams;
