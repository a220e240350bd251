-- +goose Up
-- The subtree totals of every team with sub-teams (the team, its
-- sub-teams and theirs), and of the whole organisation as team -1 (people
-- without a team included), summed when a snapshot is materialised so that
-- a dashboard reads a group's numbers as a few rows instead of adding up
-- every team below it; also every other team's whole group (segment ''),
-- so that a heatmap reads one table. A team without sub-teams is its own
-- subtree: its segments are read from its direct rows. Sound because
-- teams are never moved or removed: a team added later has no responses
-- in a closed snapshot. Keys lead with the segment: a
-- dashboard reads one segment value of many groups at a time. No foreign
-- keys, as for the direct tables below.
CREATE TABLE result_tree_ratings (
    snapshot_id INTEGER NOT NULL,
    team_id     INTEGER NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id INTEGER NOT NULL,
    n0          INTEGER NOT NULL,
    n1          INTEGER NOT NULL,
    n2          INTEGER NOT NULL,
    n3          INTEGER NOT NULL,
    n4          INTEGER NOT NULL,
    n5          INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, question_id)
);

CREATE TABLE result_tree_items (
    snapshot_id INTEGER NOT NULL,
    team_id     INTEGER NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id INTEGER NOT NULL,
    item        TEXT NOT NULL,
    answers     INTEGER NOT NULL,
    total       REAL NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, question_id, item)
);

-- Dashboards now read the direct tables by team only (the primary keys'
-- order); these indexes cost a fifth of materialising a large snapshot.
DROP INDEX result_ratings_segment;
DROP INDEX result_items_segment;

-- Team pages count each team's active members: read from the index alone.
CREATE INDEX people_active_team ON people (team_id) WHERE active;

-- +goose Down
DROP INDEX people_active_team;
CREATE INDEX result_ratings_segment ON result_ratings (snapshot_id, segment, value, team_id, question_id);
CREATE INDEX result_items_segment ON result_items (snapshot_id, segment, value, team_id, question_id);
DROP TABLE result_tree_items;
DROP TABLE result_tree_ratings;
