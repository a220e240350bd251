-- +goose Up
-- System metrics: one value per team, metric name and ISO week ("2026-W40"),
-- never per person. Values come from the metrics API, CSV imports and the
-- figures devpulse computes from events; the same team, name and week
-- again replaces the value. source says which way the value came.
CREATE TABLE team_metrics (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    name       TEXT NOT NULL,
    iso_week   TEXT NOT NULL,
    value      REAL NOT NULL,
    unit       TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX team_metrics_key ON team_metrics (team_id, name, iso_week);
CREATE INDEX team_metrics_name_week ON team_metrics (name, iso_week);

-- +goose Down
DROP TABLE team_metrics;
