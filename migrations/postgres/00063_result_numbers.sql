-- +goose Up
-- Per number question, how many respondents answered each distinct
-- number: the mean, the median and the distribution are worked out from
-- these counts without reading the answers again. Subtree totals beside
-- them, as for result_options (00062).
CREATE TABLE result_numbers (
    snapshot_id BIGINT NOT NULL,
    team_id     BIGINT NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    number      DOUBLE PRECISION NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, team_id, segment, value, question_id, number)
);

CREATE TABLE result_tree_numbers (
    snapshot_id BIGINT NOT NULL,
    team_id     BIGINT NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    number      DOUBLE PRECISION NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, question_id, number)
);

-- +goose Down
DROP TABLE result_tree_numbers;
DROP TABLE result_numbers;
