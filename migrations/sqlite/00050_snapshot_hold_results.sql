-- +goose Up
-- Whether a closed snapshot's results wait for publishing before the
-- people who were invited see them. By default they are shared at close.
ALTER TABLE snapshots ADD COLUMN hold_results BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE snapshots DROP COLUMN hold_results;
