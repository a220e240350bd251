-- +goose Up
-- An answer's foreign key to its question share-locked the question row
-- on every insert. Every respondent of a snapshot answers the same few
-- dozen questions, so concurrent submissions locked the same rows and
-- PostgreSQL built a multixact for each: with all three of devpulse's keys
-- pgbench's response-plus-40-answers transaction ran at about 43% of its
-- rate without keys, and at 61 to 70% with this one gone. The
-- application only ever writes answers to questions of the survey it
-- serves, and the questions of a snapshot with answers are frozen; what
-- the key still guarded, that a question with answers is never deleted,
-- this trigger guards with the answers_question index.
ALTER TABLE answers DROP CONSTRAINT answers_question_id_fkey;

-- +goose StatementBegin
CREATE FUNCTION refuse_answered_question_delete() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM answers WHERE question_id = OLD.id) THEN
        RAISE EXCEPTION 'question % has answers and cannot be deleted', OLD.id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER questions_keep_answered BEFORE DELETE ON questions
    FOR EACH ROW EXECUTE FUNCTION refuse_answered_question_delete();

-- +goose Down
DROP TRIGGER questions_keep_answered ON questions;
DROP FUNCTION refuse_answered_question_delete();
ALTER TABLE answers ADD FOREIGN KEY (question_id) REFERENCES questions (id);
