-- +goose Up
-- Key-driver analysis: for the whole organisation, how many respondents
-- rated a question x and overall satisfaction y (both 1..5).
CREATE TABLE result_pairs (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    rating      INTEGER NOT NULL,
    overall     INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, question_id, rating, overall)
);

-- +goose Down
DROP TABLE result_pairs;
