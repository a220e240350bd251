package invite_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/invite"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

type rig struct {
	db      *gorm.DB
	surveys *survey.Store
	mail    *testsmtp.Server
	slack   *testslack.Server
	people  []directory.Person
}

// newRig: three people, the second on Slack; a runner working every job.
func newRig(t *testing.T, db *gorm.DB) *rig {
	t.Helper()
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := &rig{db: db, mail: testsmtp.Start(t), slack: testslack.Start(t)}
	queue, err := jobs.New(db, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	r.surveys = survey.NewStore(db, queue)
	mailer, err := notify.NewMailer(r.mail.URL(), "devpulse@example.com")
	if err != nil {
		t.Fatal(err)
	}
	iv := invite.New(db, queue, mailer, notify.NewSlack("xoxb-test", r.slack.APIURL()), "http://devpulse.test")
	workers := jobs.NewWorkers()
	survey.RegisterWorkers(workers, r.surveys)
	invite.RegisterWorkers(workers, iv)
	runner, err := jobs.New(db, workers, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { runner.Stop(context.Background()) })
	team, _ := directory.EnsureTeam(ctx, db, "Eng")
	for i, slackID := range []string{"", "U0SLACK", ""} {
		p := directory.Person{Email: fmt.Sprintf("p%d@example.com", i), Name: fmt.Sprintf("Person %d", i), TeamID: &team.ID,
			SlackUserID: slackID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		r.people = append(r.people, p)
	}
	return r
}

func (r *rig) schedule(t *testing.T, opens, closes time.Time, reminders string) survey.Snapshot {
	t.Helper()
	ctx := context.Background()
	snap, err := r.surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "Europe/Berlin"}, "admin")
	if err != nil {
		t.Fatal(err)
	}
	st := survey.Settings{Title: "2026 Q4", TimeZone: "Europe/Berlin", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true, ReminderDays: reminders}
	if err := r.surveys.UpdateSettings(ctx, snap.ID, st, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := r.surveys.Schedule(ctx, snap.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	return snap
}

var linkRe = regexp.MustCompile(`http://devpulse\.test/s/([A-Za-z0-9_-]+)`)

func TestInvitationsGoOutWhenASnapshotOpens(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db)
		snap := r.schedule(t, time.Now().Add(time.Second), time.Now().Add(72*time.Hour), "")
		mails := r.mail.Wait(t, 2)
		posts := r.slack.Wait(t, 1)
		store := responses.NewStore(db)
		for _, m := range mails {
			if strings.Contains(m.To[0], "p1@") {
				t.Errorf("Slack user also got mail")
			}
			// Quoted-printable bodies may wrap lines; unwrap soft breaks first.
			body := strings.ReplaceAll(m.Data, "=\r\n", "")
			link := linkRe.FindStringSubmatch(body)
			if link == nil {
				t.Fatalf("mail has no link:\n%s", body)
			}
			inv, err := store.ByToken(context.Background(), link[1])
			if err != nil || inv.SnapshotID != snap.ID {
				t.Fatalf("mail link does not resolve: %v", err)
			}
		}
		if posts[0].Channel != "U0SLACK" || !linkRe.MatchString(posts[0].Text) {
			t.Fatalf("slack DM %+v", posts[0])
		}
		// Every invitation is recorded as sent, on its channel. The job
		// marks it just after the message is delivered, so wait for that.
		var invs []responses.Invitation
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			var unsent int64
			db.Model(&responses.Invitation{}).Where("snapshot_id = ? AND sent_at IS NULL", snap.ID).Count(&unsent)
			if unsent == 0 || time.Now().After(deadline) {
				break
			}
		}
		db.Where("snapshot_id = ?", snap.ID).Order("person_id").Find(&invs)
		for i, inv := range invs {
			want := "email"
			if i == 1 {
				want = "slack"
			}
			if inv.SentAt == nil || inv.Channel != want || inv.SendError != "" {
				t.Errorf("invitation %d: %+v", i, inv)
			}
		}
	})
}

func TestRemindersOnlyToThoseWhoHaveNotSubmitted(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		r := newRig(t, db)
		// Closes one day and a few seconds from now: the "1 day before"
		// reminder is due in a few seconds, after the invitations.
		closes := time.Now().Add(24*time.Hour + 12*time.Second)
		snap := r.schedule(t, time.Now(), closes, "1")
		r.mail.Wait(t, 2)
		r.slack.Wait(t, 1)
		// Person 0 submits before the reminder.
		o, _ := r.surveys.Outline(ctx, snap.ID)
		store := responses.NewStore(db)
		inv, err := store.ForPerson(ctx, snap.ID, r.people[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{}
		for _, q := range o.Questions {
			switch q.Kind {
			case survey.KindRating:
				form.Set(survey.FieldName(q), "4")
			case survey.KindPriority:
				form[survey.FieldName(q)] = survey.DriverKeys(o.Questions)[:1]
			case survey.KindAllocation:
				form.Set(survey.FieldName(q)+"-0", "100")
			case survey.KindFrequency:
				form.Set(survey.FieldName(q), "3") // weekly
			}
		}
		if errs, err := store.Save(ctx, inv, o, o.Questions, form); err != nil || len(errs) > 0 {
			t.Fatalf("save: %v %v", errs, err)
		}
		if errs, err := store.Submit(ctx, inv, o, r.people[0], false); err != nil || len(errs) > 0 {
			t.Fatalf("submit: %v %v", errs, err)
		}
		mails := r.mail.Wait(t, 3)  // the reminder to person 2
		posts := r.slack.Wait(t, 2) // and to person 1 on Slack
		time.Sleep(2 * time.Second) // nothing else should arrive
		if got := r.mail.To("p0@example.com"); len(got) != 1 {
			t.Errorf("person who submitted got %d mails, want only the invitation", len(got))
		}
		if got := r.mail.To("p2@example.com"); len(got) != 2 || !strings.Contains(got[1].Data, "Reminder") {
			t.Errorf("person 2 got %d mails", len(got))
		}
		if !strings.Contains(posts[1].Text, "Reminder") {
			t.Errorf("slack reminder %q", posts[1].Text)
		}
		if len(r.mail.Messages()) != len(mails) || len(r.slack.Posts()) != len(posts) {
			t.Errorf("extra messages: %d mails, %d posts", len(r.mail.Messages()), len(r.slack.Posts()))
		}
		var reminded int64
		db.Model(&responses.Invitation{}).Where("snapshot_id = ? AND reminders_sent = 1", snap.ID).Count(&reminded)
		if reminded != 2 {
			t.Errorf("%d invitations record a reminder, want 2", reminded)
		}
	})
}

func TestFailedSendIsRecorded(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db)
		// A person mail cannot reach: no Slack ID and a broken address.
		db.Model(&directory.Person{}).Where("id = ?", r.people[2].ID).Update("email", "not-an-address")
		snap := r.schedule(t, time.Now(), time.Now().Add(72*time.Hour), "")
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			var inv responses.Invitation
			db.Where("snapshot_id = ? AND person_id = ?", snap.ID, r.people[2].ID).First(&inv)
			if inv.SendError != "" {
				if inv.SentAt != nil {
					t.Fatal("failed invitation marked sent")
				}
				st, fails, err := invite.New(db, nil, nil, nil, "").Deliveries(context.Background(), snap.ID)
				if err != nil || st.Invited != 3 || st.Failed != 1 || len(fails) != 1 || fails[0].InvitationID != inv.ID {
					t.Fatalf("deliveries %+v %+v %v", st, fails, err)
				}
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatal("the failure was not recorded")
	})
}
