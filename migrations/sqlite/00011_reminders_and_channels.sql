-- +goose Up
-- Reminders go out this many days before a snapshot closes (comma-separated).
ALTER TABLE snapshots ADD COLUMN reminder_days TEXT NOT NULL DEFAULT '3,1';
-- How a person prefers to be asked: '' (whatever is configured), 'email' or 'slack'.
ALTER TABLE people ADD COLUMN notify_channel TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE people DROP COLUMN notify_channel;
ALTER TABLE snapshots DROP COLUMN reminder_days;
