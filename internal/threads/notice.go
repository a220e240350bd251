package threads

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
)

// NoticeAttempts is how often telling an author is tried before it fails.
const NoticeAttempts = 5

// NoticeHour is the hour (UTC) the day after an author's answer at which
// its repliers are told.
const NoticeHour = 8

// NoticeArgs is the job that tells about one message of a thread: a reply
// to the comment's author, who is looked up when the job runs (never
// named in the job), or the author's answer to ReplierID.
type NoticeArgs struct {
	ReplyID   int64 `json:"reply_id"`
	ReplierID int64 `json:"replier_id,omitempty"`
}

// Kind names the job.
func (NoticeArgs) Kind() string { return "comment_reply_notice" }

// errUnreachable and errSend leave the address and the server's words
// out: a job's error is stored and shown, and must not name the author.
var (
	errUnreachable = errors.New("threads: no channel reaches the comment's author: configure SMTP, or Slack and Slack user IDs")
	errSend        = errors.New("threads: the mail or Slack server refused the reply notice")
)

// Notices tells authors that someone replied, through the channel each
// chose, with a link and without the comment or the reply.
type Notices struct {
	db        *gorm.DB
	responses *responses.Store
	dir       *directory.Store
	surveys   *survey.Store
	mailer    *notify.Mailer
	slack     *notify.Slack
	baseURL   string
}

// NewNotices returns the notifier the reply jobs use.
func NewNotices(db *gorm.DB, resp *responses.Store, dir *directory.Store, surveys *survey.Store,
	mailer *notify.Mailer, slack *notify.Slack, baseURL string) *Notices {
	return &Notices{db: db, responses: resp, dir: dir, surveys: surveys, mailer: mailer, slack: slack, baseURL: baseURL}
}

// send tells the author of the reply's comment, unless the comment is
// gone or its author left.
func (n *Notices) send(ctx context.Context, a NoticeArgs) error {
	var row struct {
		Reply
		SnapshotID int64
		ResponseID int64
		QuestionID int64
	}
	err := n.db.WithContext(ctx).Raw(`SELECT r.*, t.snapshot_id, t.response_id, t.question_id FROM comment_replies r
		JOIN comment_threads t ON t.id = r.thread_id WHERE r.id = ?`, a.ReplyID).Scan(&row).Error
	if err != nil {
		return fmt.Errorf("threads: reply %d: %w", a.ReplyID, err)
	}
	switch {
	case row.ID == 0:
		return nil // deleted with its comment
	case row.ReplierID == nil && a.ReplierID != 0:
		return n.tellReplier(ctx, a.ReplierID, row.SnapshotID, row.ResponseID, row.QuestionID)
	case row.ReplierID == nil:
		return nil
	}
	authorID, err := n.responses.AuthorOf(ctx, row.ResponseID)
	if err != nil {
		return err
	}
	author, err := n.dir.Person(ctx, authorID)
	if err != nil || !author.Active {
		return err
	}
	replier, err := n.dir.Person(ctx, *row.ReplierID)
	if err != nil {
		return err
	}
	snap, err := n.surveys.Snapshot(ctx, row.SnapshotID)
	if err != nil {
		return err
	}
	return n.deliver(ctx, author, notice{Name: author.Name, Replier: replier.Name, Snapshot: snap.Title, Link: n.baseURL + "/me/comments",
		l: i18n.For(author.Language)})
}

// tellReplier tells a replier that the author answered, with a link to
// the thread (which checks they still see the comment).
func (n *Notices) tellReplier(ctx context.Context, replierID, snapshotID, responseID, questionID int64) error {
	var comments []int64
	err := n.db.WithContext(ctx).Raw("SELECT id FROM result_comments WHERE response_id = ? AND question_id = ?",
		responseID, questionID).Scan(&comments).Error
	if err != nil || len(comments) == 0 {
		return err // no comment any more: nothing to read
	}
	p, err := n.dir.Person(ctx, replierID)
	if err != nil || !p.Active {
		return err
	}
	snap, err := n.surveys.Snapshot(ctx, snapshotID)
	if err != nil {
		return err
	}
	return n.deliver(ctx, p, notice{Name: p.Name, Snapshot: snap.Title, Answered: true, Link: fmt.Sprintf("%s/comments/%d", n.baseURL, comments[0]),
		l: i18n.For(p.Language)})
}

func (n *Notices) deliver(ctx context.Context, to directory.Person, m notice) error {
	var err error
	switch notify.PickChannel(n.mailer, n.slack, notify.Recipient{Email: to.Email, SlackUserID: to.SlackUserID, Prefers: to.NotifyChannel}) {
	case notify.ChannelSlack:
		err = n.slack.Post(ctx, to.SlackUserID, m.text())
	case notify.ChannelEmail:
		err = n.mailer.Send(ctx, notify.Mail{To: to.Email, Subject: m.subject(), Text: m.text()})
	default:
		return errUnreachable
	}
	if err != nil {
		return errSend
	}
	return nil
}

// notice says who replied and where: never the comment or the reply, so
// a preview on a lock screen or in a mail list shows neither. It is
// written in the recipient's language (English when they chose none).
type notice struct {
	Name, Replier, Snapshot, Link string
	// Answered: the notice tells a replier that the author answered.
	Answered bool
	l        *i18n.Localizer
}

func (m notice) t(id string) string {
	if m.Answered {
		id = "reply.answered." + id
	} else {
		id = "reply.replied." + id
	}
	return m.l.T(id, "Name", m.Name, "Replier", m.Replier, "Snapshot", m.Snapshot, "Link", m.Link)
}

func (m notice) subject() string { return m.t("subject") }

func (m notice) text() string { return m.t("text") }

type noticeWorker struct {
	river.WorkerDefaults[NoticeArgs]
	n *Notices
}

func (w *noticeWorker) Work(ctx context.Context, job *river.Job[NoticeArgs]) error {
	return w.n.send(ctx, job.Args)
}

// RegisterWorkers adds telling authors about replies to a runner.
func RegisterWorkers(workers *river.Workers, n *Notices) {
	river.AddWorker(workers, &noticeWorker{n: n})
}
