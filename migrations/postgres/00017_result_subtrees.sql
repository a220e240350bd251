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
    snapshot_id BIGINT NOT NULL,
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
    snapshot_id BIGINT NOT NULL,
    team_id     BIGINT NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id BIGINT NOT NULL,
    item        TEXT NOT NULL,
    answers     INTEGER NOT NULL,
    total       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (snapshot_id, segment, value, team_id, question_id, item)
);

-- Dashboards now read the direct tables by team only (the primary keys'
-- order); these indexes cost a fifth of materialising a large snapshot.
DROP INDEX result_ratings_segment;
DROP INDEX result_items_segment;

-- Result rows are derived: only materialising writes them, in one
-- transaction that first deletes the snapshot's rows, and snapshots and
-- the questions of an opened snapshot are never deleted. Checking half a
-- million rows against snapshots and questions one by one was a sixth of
-- materialising a 100,000-respondent snapshot. (SQLite keeps them:
-- dropping a foreign key there rebuilds the table, and its check is
-- cheap.)
ALTER TABLE result_ratings DROP CONSTRAINT result_ratings_snapshot_id_fkey,
    DROP CONSTRAINT result_ratings_question_id_fkey;
ALTER TABLE result_items DROP CONSTRAINT result_items_snapshot_id_fkey,
    DROP CONSTRAINT result_items_question_id_fkey;

-- Team pages count each team's active members: read from the index alone.
CREATE INDEX people_active_team ON people (team_id) WHERE active;

-- +goose Down
DROP INDEX people_active_team;
ALTER TABLE result_items ADD FOREIGN KEY (snapshot_id) REFERENCES snapshots (id) ON DELETE CASCADE,
    ADD FOREIGN KEY (question_id) REFERENCES questions (id) ON DELETE CASCADE;
ALTER TABLE result_ratings ADD FOREIGN KEY (snapshot_id) REFERENCES snapshots (id) ON DELETE CASCADE,
    ADD FOREIGN KEY (question_id) REFERENCES questions (id) ON DELETE CASCADE;
CREATE INDEX result_ratings_segment ON result_ratings (snapshot_id, segment, value, team_id, question_id);
CREATE INDEX result_items_segment ON result_items (snapshot_id, segment, value, team_id, question_id);
DROP TABLE result_tree_items;
DROP TABLE result_tree_ratings;
