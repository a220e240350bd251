-- +goose Up
-- The language a person reads devpulse and its messages in: '' follows the
-- browser (and English for messages sent to them), else a catalog's code.
ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE people DROP COLUMN language;
