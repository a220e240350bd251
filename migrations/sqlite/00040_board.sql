-- +goose Up
-- The feedback board: tools with their owning team, items posted about
-- them (named or anonymous), the history of their statuses, comments,
-- "me too" votes, reactions and the counters kept beside them.
CREATE TABLE board_tools (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE board_items (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    tool_id        INTEGER NOT NULL REFERENCES board_tools (id),
    author_id      INTEGER NOT NULL REFERENCES people (id),
    anonymous      BOOLEAN NOT NULL DEFAULT 0,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'new',
    responded      BOOLEAN NOT NULL DEFAULT 0,
    withdrawn      BOOLEAN NOT NULL DEFAULT 0,
    merged_into_id INTEGER REFERENCES board_items (id),
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    activity_at    DATETIME NOT NULL
);
CREATE INDEX board_items_tool ON board_items (tool_id);
CREATE INDEX board_items_author ON board_items (author_id);
CREATE INDEX board_items_activity ON board_items (activity_at);

-- Who set a status is an owner acting in their role, never the author.
CREATE TABLE board_status_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id    INTEGER NOT NULL REFERENCES board_items (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    by_name    TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX board_status_changes_item ON board_status_changes (item_id, id);

CREATE TABLE board_comments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id    INTEGER NOT NULL REFERENCES board_items (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES people (id),
    anonymous  BOOLEAN NOT NULL DEFAULT 0,
    body       TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX board_comments_item ON board_comments (item_id, id);

CREATE TABLE board_votes (
    item_id    INTEGER NOT NULL REFERENCES board_items (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    created_at DATETIME NOT NULL,
    PRIMARY KEY (item_id, person_id)
);
CREATE INDEX board_votes_created ON board_votes (created_at);

-- One reaction per person per object; object_kind names what it is on
-- ("item", "comment", and any later kind).
CREATE TABLE board_reactions (
    object_kind TEXT NOT NULL,
    object_id   INTEGER NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    type        TEXT NOT NULL,
    anonymous   BOOLEAN NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (object_kind, object_id, person_id)
);

-- Counts per object and name ("vote" or a reaction type), changed in the
-- transaction that changes the rows they count, so they always equal them.
CREATE TABLE board_counts (
    object_kind TEXT NOT NULL,
    object_id   INTEGER NOT NULL,
    name        TEXT NOT NULL,
    n           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (object_kind, object_id, name)
);

-- Board settings admins change without a migration (the reaction types
-- shown).
CREATE TABLE board_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE board_settings;
DROP TABLE board_counts;
DROP TABLE board_reactions;
DROP TABLE board_votes;
DROP TABLE board_comments;
DROP TABLE board_status_changes;
DROP TABLE board_items;
DROP TABLE board_tools;
