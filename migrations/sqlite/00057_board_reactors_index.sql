-- +goose Up
-- The named reactors an object's page lists, first first: a hot item's
-- page reads its first 50 from this index instead of sorting every
-- reaction on it.
CREATE INDEX board_reactions_named ON board_reactions (object_kind, object_id, created_at, person_id)
    WHERE NOT anonymous;

-- +goose Down
DROP INDEX board_reactions_named;
