-- +goose Up
-- Replies to anonymous comments. A comment is known by the answer it came
-- from (response and question), so a thread survives recomputing results.
-- result_comments gains that response: read only inside the threads
-- package, never shown. Comments materialised before this migration get
-- it where exactly one answer matches them.
ALTER TABLE result_comments ADD COLUMN response_id INTEGER;
UPDATE result_comments SET response_id = (
    SELECT CASE WHEN COUNT(*) = 1 THEN MIN(a.response_id) END
    FROM answers a JOIN responses r ON r.id = a.response_id
    WHERE r.snapshot_id = result_comments.snapshot_id AND r.submitted
        AND a.question_id = result_comments.question_id AND a.text = result_comments.body
        AND COALESCE(r.team_id, 0) = result_comments.team_id
        AND r.job_role = result_comments.job_role AND r.work_arrangement = result_comments.work_arrangement
        AND r.tenure_band = result_comments.tenure_band);
CREATE INDEX result_comments_response ON result_comments (response_id, question_id);

-- A thread exists once someone replied. It names the answer, not the
-- person: the author is reached through the invitation only when they
-- are told, and when they read their own comments.
CREATE TABLE comment_threads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    created_at  DATETIME NOT NULL,
    UNIQUE (response_id, question_id)
);

-- A reply by a named lead, executive or admin (replier_id), or by the
-- anonymous author (replier_id NULL; its time is kept to the day).
CREATE TABLE comment_replies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id  INTEGER NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
    replier_id INTEGER REFERENCES people (id),
    body       TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX comment_replies_thread ON comment_replies (thread_id, id);

-- +goose Down
DROP TABLE comment_replies;
DROP TABLE comment_threads;
DROP INDEX result_comments_response;
ALTER TABLE result_comments DROP COLUMN response_id;
