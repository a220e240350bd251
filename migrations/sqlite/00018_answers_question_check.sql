-- +goose Up
-- PostgreSQL replaces the answers' foreign key to questions with a
-- trigger in this version (its key checks share-lock the question rows
-- every concurrent submission writes to). SQLite writes one transaction
-- at a time and keeps the key.
SELECT 1;

-- +goose Down
SELECT 1;
