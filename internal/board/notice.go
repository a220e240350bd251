package board

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
)

// NoticeAttempts is how often a status notice is tried before it fails.
const NoticeAttempts = 5

// StatusChangedArgs is the job that plans the notices of one status change.
type StatusChangedArgs struct {
	ChangeID int64 `json:"change_id"`
}

// Kind names the job.
func (StatusChangedArgs) Kind() string { return "board_status_changed" }

// NoticeArgs is the job that tells one person about one status change.
type NoticeArgs struct {
	ChangeID int64 `json:"change_id"`
	PersonID int64 `json:"person_id"`
}

// Kind names the job.
func (NoticeArgs) Kind() string { return "board_notice_send" }

// Queue inserts jobs (jobs.Runner): in a transaction, or several at once.
type Queue interface {
	InsertTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
	InsertMany(ctx context.Context, args []river.JobArgs, opts *river.InsertOpts) error
}

// Notices tells an item's author and voters what the owners decided,
// through each person's chosen channel, as jobs.
type Notices struct {
	db      *gorm.DB
	queue   Queue
	mailer  *notify.Mailer
	slack   *notify.Slack
	baseURL string
}

// NewNotices returns the notifier SetStatus uses.
func NewNotices(db *gorm.DB, queue Queue, mailer *notify.Mailer, slack *notify.Slack, baseURL string) *Notices {
	return &Notices{db: db, queue: queue, mailer: mailer, slack: slack, baseURL: baseURL}
}

// StatusChanged inserts the planning job in the status change's
// transaction, so the notices exist exactly when the change commits.
func (n *Notices) StatusChanged(ctx context.Context, tx *gorm.DB, ch StatusChange) error {
	return n.queue.InsertTx(ctx, tx, StatusChangedArgs{ChangeID: ch.ID}, nil)
}

// plan enqueues one notice per person to tell: the author and every voter,
// each once (unique by arguments, so planning again sends nothing twice).
func (n *Notices) plan(ctx context.Context, changeID int64) error {
	var people []int64
	err := n.db.WithContext(ctx).Raw(`SELECT i.author_id FROM board_status_changes c JOIN board_items i ON i.id = c.item_id WHERE c.id = ?
		UNION SELECT v.person_id FROM board_status_changes c JOIN board_votes v ON v.item_id = c.item_id WHERE c.id = ?`,
		changeID, changeID).Scan(&people).Error
	if err != nil {
		return fmt.Errorf("board: plan notices of %d: %w", changeID, err)
	}
	args := make([]river.JobArgs, len(people))
	for i, p := range people {
		args[i] = NoticeArgs{ChangeID: changeID, PersonID: p}
	}
	opts := &river.InsertOpts{MaxAttempts: NoticeAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
	return n.queue.InsertMany(ctx, args, opts)
}

// send tells one person, by Slack DM or email as they chose.
func (n *Notices) send(ctx context.Context, a NoticeArgs) error {
	var ch StatusChange
	if err := first(n.db.WithContext(ctx), &ch, a.ChangeID, "status change"); err != nil {
		return err
	}
	var it Item
	if err := first(n.db.WithContext(ctx), &it, ch.ItemID, "item"); err != nil {
		return err
	}
	p, err := directory.NewStore(n.db).Person(ctx, a.PersonID)
	if err != nil {
		return err
	}
	if !p.Active {
		return nil // nobody to tell any more
	}
	msg := noticeMessage{Name: p.Name, Title: it.Title, Status: ch.Status, Reason: ch.Reason,
		Link: fmt.Sprintf("%s/feedback/%d", n.baseURL, it.ID), Author: it.AuthorID == p.ID, l: i18n.For(p.Language)}
	r := notify.Recipient{Email: p.Email, SlackUserID: p.SlackUserID, Prefers: p.NotifyChannel}
	switch notify.PickChannel(n.mailer, n.slack, r) {
	case notify.ChannelSlack:
		return n.slack.Post(ctx, p.SlackUserID, msg.text())
	case notify.ChannelEmail:
		return n.mailer.Send(ctx, notify.Mail{To: p.Email, Subject: msg.subject(), Text: msg.text()})
	}
	return errors.New("board: no channel to reach this person: configure SMTP, or Slack and their Slack user ID")
}

// noticeMessage is a status notice in the recipient's language (English
// when they chose none: there is no browser to ask at send time).
type noticeMessage struct {
	Name, Title, Reason, Link string
	Status                    Status
	Author                    bool
	l                         *i18n.Localizer
}

// t is a catalog message with the notice's name, title (quoted), status,
// reason and link at hand.
func (m noticeMessage) t(id string) string {
	about := m.l.T("board.notice.about.voter")
	if m.Author {
		about = m.l.T("board.notice.about.author")
	}
	return m.l.T(id, "Name", m.Name, "Title", m.Title, "Quoted", strconv.Quote(m.Title), "About", about,
		"Status", m.l.T("board.notice.status."+string(m.Status)), "Reason", m.Reason, "Link", m.Link)
}

func (m noticeMessage) subject() string { return m.t("board.notice.subject") }

func (m noticeMessage) text() string {
	s := m.t("board.notice.text")
	if m.Reason != "" {
		s += m.t("board.notice.reason")
	}
	return s + m.t("board.notice.link")
}

type statusChangedWorker struct {
	river.WorkerDefaults[StatusChangedArgs]
	n *Notices
}

func (w *statusChangedWorker) Work(ctx context.Context, job *river.Job[StatusChangedArgs]) error {
	return w.n.plan(ctx, job.Args.ChangeID)
}

type noticeWorker struct {
	river.WorkerDefaults[NoticeArgs]
	n *Notices
}

func (w *noticeWorker) Work(ctx context.Context, job *river.Job[NoticeArgs]) error {
	return w.n.send(ctx, job.Args)
}

// RegisterWorkers adds planning and sending status notices to a runner.
func RegisterWorkers(workers *river.Workers, n *Notices) {
	river.AddWorker(workers, &statusChangedWorker{n: n})
	river.AddWorker(workers, &noticeWorker{n: n})
}
