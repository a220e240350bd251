-- +goose Up
-- Answers carry their snapshot (PostgreSQL's migration says why). SQLite
-- cannot add a NOT NULL column without a default, so the default is 0,
-- which no snapshot has, and a trigger refuses it: an insert that forgets
-- the snapshot fails rather than hides its answers.
ALTER TABLE answers ADD COLUMN snapshot_id INTEGER NOT NULL DEFAULT 0;
UPDATE answers SET snapshot_id = (SELECT r.snapshot_id FROM responses r WHERE r.id = answers.response_id);
CREATE INDEX answers_snapshot ON answers (snapshot_id);
-- +goose StatementBegin
CREATE TRIGGER answers_snapshot_set BEFORE INSERT ON answers WHEN NEW.snapshot_id = 0
BEGIN
    SELECT RAISE(ABORT, 'answers: snapshot_id not set');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER answers_snapshot_set;
DROP INDEX answers_snapshot;
ALTER TABLE answers DROP COLUMN snapshot_id;
