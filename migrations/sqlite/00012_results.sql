-- +goose Up
-- Results materialised when a snapshot closes, so dashboards read small
-- tables. Every row is a count over submitted responses of one direct team
-- (team_id 0: people with no team) and, beside the whole group (segment
-- ''), per value of one segment: job_role, work_arrangement, tenure_band.
-- Dashboards add sub-teams up and apply the suppression rules on reading;
-- nothing here is ever shown as is.
CREATE TABLE result_snapshots (
    snapshot_id     INTEGER PRIMARY KEY REFERENCES snapshots (id) ON DELETE CASCADE,
    materialised_at DATETIME NOT NULL,
    invited         INTEGER NOT NULL,
    responses       INTEGER NOT NULL
);

-- Group sizes. invited is known per team only (segment '').
CREATE TABLE result_groups (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id     INTEGER NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    invited     INTEGER NOT NULL DEFAULT 0,
    responses   INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, team_id, segment, value)
);

-- Rating questions: the distribution, n0 counting "not applicable".
CREATE TABLE result_ratings (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id     INTEGER NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    n0          INTEGER NOT NULL,
    n1          INTEGER NOT NULL,
    n2          INTEGER NOT NULL,
    n3          INTEGER NOT NULL,
    n4          INTEGER NOT NULL,
    n5          INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, team_id, segment, value, question_id)
);

-- Every other kind but free text: answers per item (a priority's driver
-- key, a choice, a frequency step, an allocation category; '' for a
-- number) and the sum of the numbers given (allocation percentages,
-- hours saved).
CREATE TABLE result_items (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id     INTEGER NOT NULL,
    segment     TEXT NOT NULL,
    value       TEXT NOT NULL,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    item        TEXT NOT NULL,
    answers     INTEGER NOT NULL,
    total       REAL NOT NULL,
    PRIMARY KEY (snapshot_id, team_id, segment, value, question_id, item)
);

-- Free-text answers, without the person: author_name and author_email are
-- filled only when the respondent agreed to be contacted.
CREATE TABLE result_comments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    team_id          INTEGER NOT NULL,
    question_id      INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    driver_key       TEXT NOT NULL,
    body             TEXT NOT NULL,
    author_name      TEXT NOT NULL,
    author_email     TEXT NOT NULL,
    job_role         TEXT NOT NULL,
    work_arrangement TEXT NOT NULL,
    tenure_band      TEXT NOT NULL
);
CREATE INDEX result_comments_snapshot ON result_comments (snapshot_id, team_id);

-- +goose Down
DROP TABLE result_comments;
DROP TABLE result_items;
DROP TABLE result_ratings;
DROP TABLE result_groups;
DROP TABLE result_snapshots;
