// Package threads keeps replies to survey comments. A lead, executive or
// admin who sees a comment on a dashboard replies by name; its author
// reads the replies, answers anonymously, or deletes the comment.
//
// Confidentiality: a thread names the answer it is about (response and
// question), never the person. The author is reached through
// internal/responses only to tell them and to show them their own
// comments. Nothing a replier reads, no audit entry and no job names the
// author; the author's own answers and deletions are not audited at all,
// as an entry's time could be matched to them.
package threads

import (
	"errors"
	"strings"
	"time"

	"github.com/devpulse/devpulse/internal/input"
)

// MaxBody bounds one reply.
const MaxBody = 2000

// ActionReply is the audit log action of a reply by a lead, executive or
// admin.
const ActionReply = "comment.reply"

// ErrNoThread: the author answers a comment nobody has replied to.
var ErrNoThread = errors.New("threads: nobody has replied to this comment yet")

// FieldErrors says what is wrong with a reply, by form field (a reply has
// one: "body"); pages write each message in the reader's language.
type FieldErrors map[string]input.Message

func (e FieldErrors) Error() string { return input.Describe("threads", e) }

// FieldMessages lets the error handler show the messages, in English.
func (e FieldErrors) FieldMessages() map[string]string {
	out := make(map[string]string, len(e))
	for k, m := range e {
		out[k] = m.String()
	}
	return out
}

// Thread is the stored thread of one comment: its answer, not its author.
type Thread struct {
	ID         int64
	SnapshotID int64
	ResponseID int64
	QuestionID int64
	CreatedAt  time.Time
}

// TableName names the table.
func (Thread) TableName() string { return "comment_threads" }

// Reply is one stored message of a thread: by a named replier, or by the
// author when ReplierID is nil (then CreatedAt is the day only).
type Reply struct {
	ID        int64
	ThreadID  int64
	ReplierID *int64
	Body      string
	CreatedAt time.Time
}

// TableName names the table.
func (Reply) TableName() string { return "comment_replies" }

// Entry is one message as readers see it.
type Entry struct {
	FromAuthor bool
	// Replier is the replier's name; empty for the author.
	Replier string
	Body    string
	On      time.Time
}

// View is a comment with its thread as a reader sees it: no team, no
// segment and no author, whoever reads it.
type View struct {
	// CommentID is the comment's ID on the dashboards, for links.
	CommentID int64
	Snapshot  string
	DriverKey string
	Body      string
	Entries   []Entry
}

// Replied reports whether someone other than the author wrote in the
// thread, which the author may then answer.
func (v View) Replied() bool {
	for _, e := range v.Entries {
		if !e.FromAuthor {
			return true
		}
	}
	return false
}

// Replier is a lead, executive or admin replying. CanSee says which
// teams' dashboards they open (auth.Principal.CanSeeTeam).
type Replier struct {
	PersonID int64
	// Actor names them in the audit log.
	Actor  string
	CanSee func(team int64) bool
}

// checkBody trims a reply and says what is wrong with it.
func checkBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	n := len([]rune(body))
	switch {
	case n == 0:
		return "", FieldErrors{"body": input.M("board.reply.invalid.empty")}
	case n > MaxBody:
		return "", FieldErrors{"body": input.M("board.reply.invalid.long", "Max", MaxBody, "Length", n)}
	}
	return body, nil
}
