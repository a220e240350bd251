-- +goose Up
-- Answers carry their snapshot, so that materialising one snapshot reads
-- its own answers and not every snapshot's. A BRIN index: answers arrive
-- in snapshot order, so ranges of pages hold one snapshot each, and it
-- costs a submission next to nothing to keep (a b-tree would add an index
-- entry to each of a submission's 40 rows), and no foreign key (its check
-- would share-lock the one snapshot row every concurrent submission
-- writes under). No default, and a check against GORM's zero value: an
-- insert that forgets the snapshot fails rather than hides its answers.
ALTER TABLE answers ADD COLUMN snapshot_id BIGINT;
UPDATE answers a SET snapshot_id = r.snapshot_id FROM responses r WHERE r.id = a.response_id;
ALTER TABLE answers ALTER COLUMN snapshot_id SET NOT NULL;
ALTER TABLE answers ADD CONSTRAINT answers_snapshot_set CHECK (snapshot_id > 0);
CREATE INDEX answers_snapshot ON answers USING brin (snapshot_id) WITH (autosummarize = on);

-- +goose Down
ALTER TABLE answers DROP COLUMN snapshot_id;
