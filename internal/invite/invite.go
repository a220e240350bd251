// Package invite asks people to answer: when a snapshot opens it invites
// its audience by email or Slack, and it sends reminders on the snapshot's
// schedule to those who have not submitted. All sending runs on the job
// runner with retries and backoff, never inside a web request.
package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
)

// SendAttempts is how often a message is tried before it is left failed
// for an admin to retry.
const SendAttempts = 5

// Queue inserts jobs (jobs.Runner).
type Queue interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
	InsertMany(ctx context.Context, args []river.JobArgs, opts *river.InsertOpts) error
}

// Inviter sends invitations and reminders.
type Inviter struct {
	db        *gorm.DB
	responses *responses.Store
	mailer    *notify.Mailer
	slack     *notify.Slack
	queue     Queue
	baseURL   string
	now       func() time.Time
}

// New returns an Inviter. Links in messages start with baseURL.
func New(db *gorm.DB, queue Queue, mailer *notify.Mailer, slack *notify.Slack, baseURL string) *Inviter {
	return &Inviter{db: db, responses: responses.NewStore(db), mailer: mailer, slack: slack, queue: queue, baseURL: baseURL,
		now: func() time.Time { return time.Now().UTC() }}
}

// SendArgs sends one invitation, or a reminder, to one person.
type SendArgs struct {
	InvitationID int64 `json:"invitation_id"`
	Reminder     bool  `json:"reminder"`
	// Round tells reminders apart so each scheduled reminder is sent once.
	Round int `json:"round"`
}

// Kind names the job.
func (SendArgs) Kind() string { return "invitation_send" }

// RemindArgs sends the reminders due at one point of a snapshot's schedule.
type RemindArgs struct {
	SnapshotID int64     `json:"snapshot_id"`
	At         time.Time `json:"at"`
	Round      int       `json:"round"`
}

// Kind names the job.
func (RemindArgs) Kind() string { return "snapshot_remind" }

func sendOpts() *river.InsertOpts {
	return &river.InsertOpts{MaxAttempts: SendAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// opened invites the audience of a snapshot that has just opened, and
// schedules its reminders.
func (iv *Inviter) opened(ctx context.Context, snapID int64) error {
	invs, err := iv.responses.Invite(ctx, snapID)
	if err != nil {
		return err
	}
	args := make([]river.JobArgs, 0, len(invs))
	for _, inv := range invs {
		args = append(args, SendArgs{InvitationID: inv.ID})
	}
	for start := 0; start < len(args); start += 1000 {
		end := min(start+1000, len(args))
		if err := iv.queue.InsertMany(ctx, args[start:end], sendOpts()); err != nil {
			return err
		}
	}
	return iv.scheduleReminders(ctx, snapID)
}

// scheduleReminders enqueues one job per reminder day still ahead. A job
// whose time no longer matches the schedule (the close moved) does nothing.
func (iv *Inviter) scheduleReminders(ctx context.Context, snapID int64) error {
	var snap survey.Snapshot
	if err := iv.db.WithContext(ctx).First(&snap, snapID).Error; err != nil {
		return fmt.Errorf("invite: snapshot %d: %w", snapID, err)
	}
	if snap.ClosesAt == nil {
		return nil
	}
	for i, days := range snap.Reminders() {
		at := snap.ClosesAt.Add(-time.Duration(days) * 24 * time.Hour)
		if !at.After(iv.now()) {
			continue
		}
		args := RemindArgs{SnapshotID: snapID, At: at, Round: i + 1}
		opts := &river.InsertOpts{ScheduledAt: at, UniqueOpts: river.UniqueOpts{ByArgs: true}}
		if err := iv.queue.Insert(ctx, args, opts); err != nil {
			return err
		}
	}
	return nil
}

// remind queues a reminder for everyone invited who has not submitted and
// has not reached the cap, if the snapshot is still open and the reminder
// still on its schedule.
func (iv *Inviter) remind(ctx context.Context, a RemindArgs) error {
	var snap survey.Snapshot
	if err := iv.db.WithContext(ctx).First(&snap, a.SnapshotID).Error; err != nil {
		return fmt.Errorf("invite: snapshot %d: %w", a.SnapshotID, err)
	}
	if snap.State != survey.Open || snap.ClosesAt == nil || !iv.now().Before(*snap.ClosesAt) || !onSchedule(snap, a.At) {
		return nil
	}
	var ids []int64
	err := iv.db.WithContext(ctx).Model(&responses.Invitation{}).
		Where("snapshot_id = ? AND NOT submitted AND reminders_sent < ?", a.SnapshotID, survey.MaxReminders).
		Pluck("id", &ids).Error
	if err != nil {
		return fmt.Errorf("invite: remind %d: %w", a.SnapshotID, err)
	}
	args := make([]river.JobArgs, 0, len(ids))
	for _, id := range ids {
		args = append(args, SendArgs{InvitationID: id, Reminder: true, Round: a.Round})
	}
	for start := 0; start < len(args); start += 1000 {
		if err := iv.queue.InsertMany(ctx, args[start:min(start+1000, len(args))], sendOpts()); err != nil {
			return err
		}
	}
	return nil
}

func onSchedule(snap survey.Snapshot, at time.Time) bool {
	for _, days := range snap.Reminders() {
		if snap.ClosesAt.Add(-time.Duration(days) * 24 * time.Hour).Equal(at) {
			return true
		}
	}
	return false
}

// errSkip marks a message that no longer needs sending.
var errSkip = errors.New("invite: nothing to send")

// send delivers one invitation or reminder and records the outcome on the
// invitation, so failures show on the admin page with their reason.
func (iv *Inviter) send(ctx context.Context, a SendArgs) error {
	inv, person, snap, err := iv.load(ctx, a)
	if errors.Is(err, errSkip) {
		return nil
	}
	if err != nil {
		return err
	}
	channel, err := iv.channel(person)
	if err == nil {
		err = iv.deliver(ctx, channel, inv, person, snap, a.Reminder)
	}
	now := iv.now()
	set := map[string]any{"send_error": ""}
	switch {
	case err != nil:
		set["send_error"] = err.Error()
	case a.Reminder:
		set["reminders_sent"], set["last_reminded_at"] = gorm.Expr("reminders_sent + 1"), now
	default:
		set["sent_at"], set["channel"] = now, channel
	}
	if uerr := iv.db.WithContext(ctx).Model(&responses.Invitation{}).Where("id = ?", inv.ID).Updates(set).Error; uerr != nil {
		return fmt.Errorf("invite: record send: %w", uerr)
	}
	return err
}

func (iv *Inviter) load(ctx context.Context, a SendArgs) (responses.Invitation, directory.Person, survey.Snapshot, error) {
	var inv responses.Invitation
	var person directory.Person
	var snap survey.Snapshot
	db := iv.db.WithContext(ctx)
	if err := db.First(&inv, a.InvitationID).Error; err != nil {
		return inv, person, snap, fmt.Errorf("invite: invitation %d: %w", a.InvitationID, err)
	}
	if err := db.First(&person, inv.PersonID).Error; err != nil {
		return inv, person, snap, fmt.Errorf("invite: person of invitation %d: %w", inv.ID, err)
	}
	if err := db.First(&snap, inv.SnapshotID).Error; err != nil {
		return inv, person, snap, fmt.Errorf("invite: snapshot of invitation %d: %w", inv.ID, err)
	}
	closed := snap.State != survey.Open || (snap.ClosesAt != nil && !iv.now().Before(*snap.ClosesAt))
	already := !a.Reminder && inv.SentAt != nil
	if closed || already || !person.Active || (a.Reminder && inv.Submitted) {
		return inv, person, snap, errSkip
	}
	return inv, person, snap, nil
}

// channel picks how to reach a person by the one rule in notify.
func (iv *Inviter) channel(p directory.Person) (string, error) {
	r := notify.Recipient{Email: p.Email, SlackUserID: p.SlackUserID, Prefers: p.NotifyChannel}
	if ch := notify.PickChannel(iv.mailer, iv.slack, r); ch != "" {
		return ch, nil
	}
	return "", errors.New("no channel to reach this person: configure SMTP, or Slack and their Slack user ID")
}

func (iv *Inviter) deliver(ctx context.Context, channel string, inv responses.Invitation, p directory.Person, snap survey.Snapshot, reminder bool) error {
	token, err := iv.responses.IssueToken(ctx, inv.ID)
	if err != nil {
		return err
	}
	msg := message{Name: p.Name, Snapshot: snap, Link: iv.baseURL + "/s/" + token, Reminder: reminder, l: i18n.For(p.Language)}
	if channel == "slack" {
		return iv.slack.Post(ctx, p.SlackUserID, msg.slack())
	}
	m, err := msg.mail(p.Email)
	if err != nil {
		return err
	}
	return iv.mailer.Send(ctx, m)
}

// Inserter enqueues one job (jobs.Runner).
type Inserter interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// ActionRetry is the audit log action of an admin's retry.
const ActionRetry = "invitation.retry"

// Retry queues a failed invitation to be sent again (the admin page's
// retry action) and records who asked, returning the invitation's
// snapshot. Once the invitation went out, a retry resends the failed
// reminder. An unknown invitation is responses.ErrNotFound.
func (iv *Inviter) Retry(ctx context.Context, actor string, invitationID int64) (snapshotID int64, err error) {
	if iv.queue == nil {
		return 0, errors.New("invite: no job runner to send with")
	}
	inv, err := retry(ctx, iv.db, iv.queue, invitationID)
	if err != nil {
		return 0, err
	}
	return inv.SnapshotID, audit.New(iv.db).Record(ctx, nil, actor, ActionRetry, fmt.Sprintf("invitation %d", invitationID), "")
}

func retry(ctx context.Context, db *gorm.DB, queue Inserter, invitationID int64) (responses.Invitation, error) {
	var inv responses.Invitation
	err := db.WithContext(ctx).First(&inv, invitationID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return inv, responses.ErrNotFound
	}
	if err != nil {
		return inv, fmt.Errorf("invite: retry %d: %w", invitationID, err)
	}
	args := SendArgs{InvitationID: invitationID, Reminder: inv.SentAt != nil}
	return inv, queue.Insert(ctx, args, &river.InsertOpts{MaxAttempts: SendAttempts})
}

// Status counts a snapshot's invitations by delivery state.
type Status struct {
	Invited, Sent, Failed, Pending int
}

// Failure is an invitation that could not be delivered, for the admin page.
type Failure struct {
	InvitationID int64
	Name         string
	Email        string
	Error        string
	Reminder     bool
}

// Deliveries reports a snapshot's invitation delivery: counts, and every
// invitation whose last send failed.
func (iv *Inviter) Deliveries(ctx context.Context, snapID int64) (Status, []Failure, error) {
	db := iv.db
	var st Status
	err := db.WithContext(ctx).Raw(`
		SELECT COUNT(*) AS invited,
		       SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent,
		       SUM(CASE WHEN send_error <> '' THEN 1 ELSE 0 END) AS failed
		FROM invitations WHERE snapshot_id = ?`, snapID).Scan(&st).Error
	if err != nil {
		return st, nil, fmt.Errorf("invite: deliveries of %d: %w", snapID, err)
	}
	st.Pending = st.Invited - st.Sent - st.Failed
	if st.Pending < 0 {
		st.Pending = 0
	}
	var fails []Failure
	err = db.WithContext(ctx).Raw(`
		SELECT i.id AS invitation_id, p.name, p.email, i.send_error AS error, i.sent_at IS NOT NULL AS reminder
		FROM invitations i JOIN people p ON p.id = i.person_id
		WHERE i.snapshot_id = ? AND i.send_error <> '' ORDER BY p.name`, snapID).Scan(&fails).Error
	if err != nil {
		return st, nil, fmt.Errorf("invite: failures of %d: %w", snapID, err)
	}
	return st, fails, nil
}
