-- +goose Up
-- Each team's whole subtree (the team, its sub-teams and theirs), summed
-- when a snapshot is materialised, so that a dashboard reads a group's
-- numbers as a few rows instead of adding up every team below it. Team -1
-- is the whole organisation (people without a team included). Sound
-- because teams are never moved or removed: a team added later has no
-- responses in a closed snapshot. Keys lead with the segment: a dashboard
-- reads one segment value of many groups at a time.
CREATE TABLE result_tree_ratings (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id     BIGINT NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    n0          INTEGER NOT NULL,
    n1          INTEGER NOT NULL,
    n2          INTEGER NOT NULL,
    n3          INTEGER NOT NULL,
    n4          INTEGER NOT NULL,
    n5          INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, question_id)
);

CREATE TABLE result_tree_items (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id     BIGINT NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    item        TEXT NOT NULL,
    answers     INTEGER NOT NULL,
    total       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, question_id, item)
);

-- Team pages count each team's active members: read from the index alone.
CREATE INDEX people_active_team ON people (team_id) WHERE active;

-- +goose Down
DROP INDEX people_active_team;
DROP TABLE result_tree_items;
DROP TABLE result_tree_ratings;
