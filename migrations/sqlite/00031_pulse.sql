-- +goose Up
-- Pulse programmes: which events lead to a short ask, of whom, how often.
CREATE TABLE pulse_programmes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    key            TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    owner_team_id  INTEGER NOT NULL REFERENCES teams (id),
    event_type     TEXT NOT NULL,
    conditions     TEXT NOT NULL DEFAULT '{}',
    questions      TEXT NOT NULL,
    sample_percent INTEGER NOT NULL CHECK (sample_percent BETWEEN 1 AND 100),
    delay_minutes  INTEGER NOT NULL DEFAULT 0,
    expiry_hours   INTEGER NOT NULL,
    active_from    DATETIME,
    active_until   DATETIME,
    paused         BOOLEAN NOT NULL DEFAULT FALSE,
    driver_key     TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX pulse_programmes_event_type ON pulse_programmes (event_type);

-- One row per person who was ever considered for an ask: their own choice
-- of frequency and channel, and the row the budget decision locks, so two
-- events for one person are decided one after the other.
CREATE TABLE pulse_prefs (
    person_id  INTEGER PRIMARY KEY REFERENCES people (id),
    frequency  TEXT NOT NULL DEFAULT '',
    channel    TEXT NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL
);

-- An ask: scheduled (waiting for its delay), open (sent), answered, or
-- cancelled. iso_week and team_id are the event's.
CREATE TABLE pulse_asks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id  INTEGER NOT NULL REFERENCES pulse_programmes (id),
    person_id     INTEGER NOT NULL REFERENCES people (id),
    team_id       INTEGER REFERENCES teams (id),
    event_id      INTEGER NOT NULL REFERENCES events (id),
    iso_week      TEXT NOT NULL,
    state         TEXT NOT NULL,
    channel       TEXT NOT NULL DEFAULT '',
    send_at       DATETIME NOT NULL,
    sent_at       DATETIME,
    expires_at    DATETIME NOT NULL,
    token_hash    TEXT,
    slack_channel TEXT NOT NULL DEFAULT '',
    slack_ts      TEXT NOT NULL DEFAULT '',
    send_error    TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL
);
CREATE INDEX pulse_asks_person ON pulse_asks (person_id, created_at);
CREATE INDEX pulse_asks_programme_week ON pulse_asks (programme_id, iso_week);
CREATE UNIQUE INDEX pulse_asks_token ON pulse_asks (token_hash);
-- At most one ask of a programme waits for its delay per person: a later
-- event of the same flow replaces the earlier one's event.
CREATE UNIQUE INDEX pulse_asks_one_scheduled ON pulse_asks (programme_id, person_id) WHERE state = 'scheduled';

-- One answer per ask. It keeps the event's context; share_context says
-- whether identifying fields (a PR link, a commit) may be shown.
CREATE TABLE pulse_answers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ask_id        INTEGER NOT NULL UNIQUE REFERENCES pulse_asks (id),
    programme_id  INTEGER NOT NULL REFERENCES pulse_programmes (id),
    team_id       INTEGER REFERENCES teams (id),
    iso_week      TEXT NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment       TEXT NOT NULL DEFAULT '',
    choice        TEXT NOT NULL DEFAULT '',
    share_context BOOLEAN NOT NULL DEFAULT FALSE,
    context       TEXT NOT NULL DEFAULT '{}',
    channel       TEXT NOT NULL,
    answered_at   DATETIME NOT NULL
);
CREATE INDEX pulse_answers_programme_week ON pulse_answers (programme_id, iso_week);

-- The budget's quiet rule looks up a person's unanswered invitations.
CREATE INDEX invitations_person_unsubmitted ON invitations (person_id) WHERE NOT submitted;

-- +goose Down
DROP INDEX invitations_person_unsubmitted;
DROP TABLE pulse_answers;
DROP TABLE pulse_asks;
DROP TABLE pulse_prefs;
DROP TABLE pulse_programmes;
