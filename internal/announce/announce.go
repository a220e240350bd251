// Package announce tells people when a snapshot's results are ready: a
// Slack message to a channel, a Slack direct message to each team lead
// with a link to their dashboard, and a "voice of the developer" email to
// a list. Every word comes from the materialised numbers, with the
// confidentiality rules already applied by package results.
//
// It runs on the job runner. The results close job enqueues
// results.ReadyArgs once per snapshot; its worker here plans the sends,
// one announcements row per message and recipient (planning again adds
// nothing), and enqueues one job per send, which River retries with
// backoff. Each job records its outcome on the row, so failures show on
// the admin page with their reason and a retry button.
package announce

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/results"
)

// Kinds of announcement.
const (
	KindChannel = "slack_channel"
	KindLead    = "slack_lead"
	KindVoice   = "voice_email"
)

// Statuses of an announcement.
const (
	Pending = "pending"
	Sent    = "sent"
	Failed  = "failed"
	// Skipped: nothing can be sent to this recipient (a lead without a
	// Slack user ID); Error says why.
	Skipped = "skipped"
)

// SendAttempts is how often a message is tried before it is left failed
// for an admin to retry.
const SendAttempts = 5

// ErrNotFound: no such announcement.
var ErrNotFound = errors.New("announce: not found")

// Announcement is one message to one recipient about one snapshot.
// Recipient is the channel, the lead's person ID, or the email address.
type Announcement struct {
	ID         int64
	SnapshotID int64
	Kind       string
	Recipient  string
	Status     string
	Error      string
	Attempts   int
	CreatedAt  time.Time
	SentAt     *time.Time
}

// TableName names the table.
func (Announcement) TableName() string { return "announcements" }

// SendArgs sends one announcement.
type SendArgs struct {
	AnnouncementID int64 `json:"announcement_id"`
}

// Kind names the job.
func (SendArgs) Kind() string { return "announcement_send" }

// Queue inserts jobs (jobs.Runner).
type Queue interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// Settings say where results are announced and how links start.
type Settings struct {
	BaseURL string
	// Channel gets the results message; "" for none.
	Channel string
	// VoiceEmails get the voice-of-the-developer email.
	VoiceEmails []string
}

// Announcer plans, renders and sends announcements.
type Announcer struct {
	db      *gorm.DB
	results *results.Store
	dir     *directory.Store
	queue   Queue
	mailer  *notify.Mailer
	slack   *notify.Slack
	set     Settings
	now     func() time.Time
	// findings adds findings to the email (findings.go); nil adds none.
	findings FindingsFunc
}

// New returns an Announcer. queue may be nil for one that only previews.
func New(db *gorm.DB, res *results.Store, dir *directory.Store, queue Queue, mailer *notify.Mailer, slack *notify.Slack, set Settings) *Announcer {
	return &Announcer{db: db, results: res, dir: dir, queue: queue, mailer: mailer, slack: slack, set: set,
		now: func() time.Time { return time.Now().UTC() }}
}

func sendOpts() *river.InsertOpts {
	return &river.InsertOpts{MaxAttempts: SendAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Ready plans a snapshot's announcements and enqueues a send for each
// one still pending. Running it again sends nothing twice: the rows are
// unique per recipient, and a sent row is never sent again.
func (a *Announcer) Ready(ctx context.Context, snapshotID int64) error {
	org, err := a.results.Org(ctx, results.OrgQuery{SnapshotID: snapshotID})
	if err != nil {
		return fmt.Errorf("announce: results of %d: %w", snapshotID, err)
	}
	var rows []Announcement
	add := func(kind, recipient, status, reason string) {
		rows = append(rows, Announcement{SnapshotID: snapshotID, Kind: kind, Recipient: recipient,
			Status: status, Error: reason, CreatedAt: a.now()})
	}
	if a.set.Channel != "" && a.slack.Configured() {
		add(KindChannel, a.set.Channel, Pending, "")
	}
	if a.slack.Configured() {
		leads, err := a.leads(ctx, org.Snapshot.ID)
		if err != nil {
			return err
		}
		for _, l := range leads {
			if l.Person.SlackUserID == "" {
				add(KindLead, strconv.FormatInt(l.Person.ID, 10), Skipped, "no Slack user ID")
				continue
			}
			add(KindLead, strconv.FormatInt(l.Person.ID, 10), Pending, "")
		}
	}
	if a.mailer.Configured() {
		for _, addr := range a.set.VoiceEmails {
			add(KindVoice, addr, Pending, "")
		}
	}
	db := a.db.WithContext(ctx)
	if len(rows) > 0 {
		if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error; err != nil {
			return fmt.Errorf("announce: plan %d: %w", snapshotID, err)
		}
	}
	var pending []int64
	if err := db.Model(&Announcement{}).Where("snapshot_id = ? AND status = ?", snapshotID, Pending).
		Order("id").Pluck("id", &pending).Error; err != nil {
		return fmt.Errorf("announce: pending of %d: %w", snapshotID, err)
	}
	for _, id := range pending {
		if err := a.queue.Insert(ctx, SendArgs{AnnouncementID: id}, sendOpts()); err != nil {
			return err
		}
	}
	return nil
}

// send delivers one announcement and records the outcome on its row.
func (a *Announcer) send(ctx context.Context, id int64) error {
	var row Announcement
	db := a.db.WithContext(ctx)
	if err := db.First(&row, id).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil // the snapshot was deleted
	} else if err != nil {
		return fmt.Errorf("announce: announcement %d: %w", id, err)
	}
	if row.Status == Sent || row.Status == Skipped {
		return nil
	}
	err := a.deliver(ctx, row)
	set := map[string]any{"attempts": gorm.Expr("attempts + 1"), "status": Sent, "error": "", "sent_at": a.now()}
	var skip *skipError
	switch {
	case errors.As(err, &skip):
		set["status"], set["error"], set["sent_at"], err = Skipped, skip.reason, nil, nil
	case err != nil:
		set["status"], set["error"], set["sent_at"] = Failed, err.Error(), nil
	}
	if uerr := db.Model(&Announcement{}).Where("id = ?", id).Updates(set).Error; uerr != nil {
		return fmt.Errorf("announce: record send %d: %w", id, uerr)
	}
	return err
}

// skipError: the recipient can no longer be sent to.
type skipError struct{ reason string }

func (e *skipError) Error() string { return "announce: skipped: " + e.reason }

func (a *Announcer) deliver(ctx context.Context, row Announcement) error {
	switch row.Kind {
	case KindChannel:
		text, err := a.ChannelText(ctx, row.SnapshotID)
		if err != nil {
			return err
		}
		return a.slack.Post(ctx, row.Recipient, text)
	case KindLead:
		personID, _ := strconv.ParseInt(row.Recipient, 10, 64)
		leads, err := a.leads(ctx, row.SnapshotID)
		if err != nil {
			return err
		}
		for _, l := range leads {
			if l.Person.ID != personID {
				continue
			}
			if l.Person.SlackUserID == "" {
				return &skipError{"no Slack user ID"}
			}
			return a.slack.Post(ctx, l.Person.SlackUserID, a.leadText(l))
		}
		return &skipError{"no longer leads a team in this snapshot"}
	case KindVoice:
		m, err := a.VoiceMail(i18n.WithLang(ctx, a.languageOf(ctx, row.Recipient)), row.SnapshotID)
		if err != nil {
			return err
		}
		m.To = row.Recipient
		return a.mailer.Send(ctx, m)
	}
	return fmt.Errorf("announce: unknown kind %q", row.Kind)
}

// languageOf is the language an address's person chose; "" (English) for
// an address outside the directory, such as a mailing list.
func (a *Announcer) languageOf(ctx context.Context, addr string) string {
	p, err := a.dir.PersonByEmail(ctx, addr)
	if err != nil {
		return ""
	}
	return p.Language
}

// Retry sends a failed announcement again (the admin page's action).
func (a *Announcer) Retry(ctx context.Context, id int64) (Announcement, error) {
	var row Announcement
	err := a.db.WithContext(ctx).First(&row, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, ErrNotFound
	}
	if err != nil {
		return row, fmt.Errorf("announce: retry %d: %w", id, err)
	}
	if row.Status != Failed {
		return row, nil
	}
	return row, a.queue.Insert(ctx, SendArgs{AnnouncementID: id}, sendOpts())
}
