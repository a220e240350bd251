-- +goose Up
-- Dashboards read one segment value of a snapshot at a time: the whole
-- organisation (every team, segment '') or a set of teams. The primary
-- keys lead with team_id, so without these a reading scans every segment
-- row of the snapshot.
CREATE INDEX result_ratings_segment ON result_ratings (snapshot_id, segment, value, team_id, question_id);
CREATE INDEX result_items_segment ON result_items (snapshot_id, segment, value, team_id, question_id);

-- +goose Down
DROP INDEX result_items_segment;
DROP INDEX result_ratings_segment;
