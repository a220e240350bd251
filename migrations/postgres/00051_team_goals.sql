-- +goose Up
-- A team's goals for its next snapshot: up to three drivers, each with a
-- target (a score to reach, or points to improve by) and why. baseline is
-- the snapshot the goal was set after; the next materialised snapshot
-- judges it (internal/insight/goals.go).
CREATE TABLE team_goals (
    id                   BIGSERIAL PRIMARY KEY,
    team_id              BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    baseline_snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    driver_key           TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('score', 'points')),
    target               INTEGER NOT NULL,
    reason               TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    UNIQUE (team_id, baseline_snapshot_id, driver_key)
);

-- +goose Down
DROP TABLE team_goals;
