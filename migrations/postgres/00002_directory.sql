-- +goose Up
CREATE TABLE teams (
    id         BIGSERIAL PRIMARY KEY,
    parent_id  BIGINT REFERENCES teams (id),
    name       TEXT NOT NULL,
    path       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX teams_parent_id ON teams (parent_id);

CREATE TABLE people (
    id               BIGSERIAL PRIMARY KEY,
    email            TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    team_id          BIGINT REFERENCES teams (id),
    job_role         TEXT NOT NULL DEFAULT '',
    work_arrangement TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    start_date       DATE,
    level            TEXT NOT NULL DEFAULT '',
    github_login     TEXT NOT NULL DEFAULT '',
    slack_user_id    TEXT NOT NULL DEFAULT '',
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash    TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX people_team_id ON people (team_id);

CREATE TABLE role_grants (
    id         BIGSERIAL PRIMARY KEY,
    person_id  BIGINT NOT NULL REFERENCES people (id),
    role       TEXT NOT NULL,
    team_id    BIGINT REFERENCES teams (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (person_id, role, COALESCE(team_id, 0));

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    person_id    BIGINT NOT NULL REFERENCES people (id),
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_person_id ON sessions (person_id);

CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

CREATE TABLE login_attempts (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (kind, key, created_at);

-- +goose Down
DROP TABLE login_attempts;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE role_grants;
DROP TABLE people;
DROP TABLE teams;
