-- +goose Up
-- Action plans: what a team (team_id set) or the organisation (team_id
-- NULL, the platform team's) is doing about drivers people flagged. A
-- "won't do" always carries its reason. request_key makes a retried form
-- create one action, not two (internal/actions).
CREATE TABLE actions (
    id          BIGSERIAL PRIMARY KEY,
    team_id     BIGINT REFERENCES teams (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    owner_id    BIGINT NOT NULL REFERENCES people (id),
    status      TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'wont_do')),
    target_date TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    request_key TEXT UNIQUE,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CHECK (status <> 'wont_do' OR reason <> '')
);
CREATE INDEX actions_team ON actions (team_id);

CREATE TABLE action_drivers (
    action_id  BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    driver_key TEXT NOT NULL,
    PRIMARY KEY (action_id, driver_key)
);
CREATE INDEX action_drivers_driver ON action_drivers (driver_key);

-- Dated updates: a line of progress, and the status it moved the action
-- to when it changed it ('' when it did not).
CREATE TABLE action_updates (
    id          BIGSERIAL PRIMARY KEY,
    action_id   BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'planned', 'in_progress', 'done', 'wont_do')),
    request_key TEXT UNIQUE,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX action_updates_action ON action_updates (action_id);

-- +goose Down
DROP TABLE action_updates;
DROP TABLE action_drivers;
DROP TABLE actions;
