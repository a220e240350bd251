-- +goose Up
-- An invitation puts a person in a snapshot's audience. Participation and
-- reminders read it; answers live in responses, which carry no person.
CREATE TABLE invitations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots (id),
    person_id        INTEGER NOT NULL REFERENCES people (id),
    team_id          INTEGER REFERENCES teams (id),
    channel          TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL,
    sent_at          DATETIME,
    send_error       TEXT NOT NULL DEFAULT '',
    reminders_sent   INTEGER NOT NULL DEFAULT 0,
    last_reminded_at DATETIME,
    submitted        BOOLEAN NOT NULL DEFAULT 0,
    UNIQUE (snapshot_id, person_id)
);
CREATE INDEX invitations_snapshot ON invitations (snapshot_id, submitted);

-- Personal links: only the SHA-256 of each token is kept. Every message
-- sent carries a token of its own; all of an invitation's tokens work.
CREATE TABLE invitation_tokens (
    token_hash    TEXT PRIMARY KEY,
    invitation_id INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    created_at    DATETIME NOT NULL
);
CREATE INDEX invitation_tokens_invitation ON invitation_tokens (invitation_id);

-- A response keeps the respondent's segments at submission time and dates
-- to the day only. No IP address, no person.
CREATE TABLE responses (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots (id),
    invitation_id    INTEGER NOT NULL UNIQUE REFERENCES invitations (id),
    submitted        BOOLEAN NOT NULL DEFAULT 0,
    submitted_on     DATE,
    updated_on       DATE NOT NULL,
    team_id          INTEGER REFERENCES teams (id),
    job_role         TEXT NOT NULL DEFAULT '',
    work_arrangement TEXT NOT NULL DEFAULT '',
    tenure_band      TEXT NOT NULL DEFAULT '',
    level            TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    contact_ok       BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX responses_snapshot ON responses (snapshot_id, submitted, team_id);

-- One row per answer item: a rating; each pick of a priority or multiple
-- choice question; each category of a time allocation; a number; a text.
CREATE TABLE answers (
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions (id),
    item        TEXT NOT NULL DEFAULT '',
    rating      INTEGER,
    number      REAL,
    text        TEXT,
    PRIMARY KEY (response_id, question_id, item)
);
CREATE INDEX answers_question ON answers (question_id);

-- +goose Down
DROP TABLE answers;
DROP TABLE responses;
DROP TABLE invitation_tokens;
DROP TABLE invitations;
