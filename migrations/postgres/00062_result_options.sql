-- +goose Up
-- Per question, how many respondents gave each answer of a single choice,
-- multiple choice or frequency question (choice is the choice or step as
-- asked), and how many answered the question at all (choice ''): the
-- share of a multiple choice is of those who answered it, not of the
-- picks. Written when a snapshot is materialised, like result_items, with
-- subtree totals beside them (see 00017); no foreign keys, as there.
CREATE TABLE result_options (
    snapshot_id BIGINT NOT NULL,
    team_id     BIGINT NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    choice      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, team_id, segment, value, question_id, choice)
);

CREATE TABLE result_tree_options (
    snapshot_id BIGINT NOT NULL,
    team_id     BIGINT NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    choice      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, question_id, choice)
);

-- +goose Down
DROP TABLE result_tree_options;
DROP TABLE result_options;
