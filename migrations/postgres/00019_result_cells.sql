-- +goose Up
-- What each group of a closed snapshot may show, decided once for all of
-- them together when the snapshot is materialised (see
-- internal/results/cells.go): every group a screen can show (a team with
-- its sub-teams, a team's direct members, the organisation as team -1,
-- people without a team as team 0, each of them narrowed to one segment
-- value) with question 0 for the group as a whole, and a row per question
-- for the questions a shown group must not show because too few of its
-- people answered them. hidden is '' when shown, else why not. Readers
-- show nothing that has no row here.
CREATE TABLE result_cells (
    snapshot_id BIGINT NOT NULL,
    team_id     BIGINT NOT NULL,
    direct      BOOLEAN NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    hidden      TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, direct, question_id)
);

-- +goose Down
DROP TABLE result_cells;
