package pulse

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/notify"
)

// rig is a pulse service on a database with a team, an insert-only job
// queue, and a clock the test moves.
type rig struct {
	db     *gorm.DB
	svc    *Service
	events *events.Store
	team   directory.Team
	clock  time.Time
}

func newRig(t testing.TB, db *gorm.DB, mailer *notify.Mailer, slack *notify.Slack) *rig {
	t.Helper()
	queue, err := jobs.New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{db: db, clock: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	r.svc = New(db, Settings{Queue: queue, Mailer: mailer, Slack: slack, BaseURL: "http://devpulse.test",
		Budget: config.PulseBudget{MinDays: 14, MaxPerQuarter: 4, QuietDays: 7}})
	r.svc.SetClock(func() time.Time { return r.clock })
	r.events = events.NewStore(db)
	r.events.OnStored(r.svc.Decide)
	if r.team, err = directory.EnsureTeam(context.Background(), db, "Eng/Platform"); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *rig) person(t testing.TB, email, slackID string) directory.Person {
	t.Helper()
	p := directory.Person{Email: email, Name: email, TeamID: &r.team.ID, SlackUserID: slackID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(r.db).CreatePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// programme saves a programme on deploy.completed asking everyone.
func (r *rig) programme(t *testing.T, key string, mod func(*Definition)) Programme {
	t.Helper()
	d := Definition{Key: key, Name: "Deploys " + key, OwnerTeam: "Eng/Platform", SamplePercent: 100, ExpiryHours: 72,
		Questions: Questions{Rating: "How was this deploy?", Comment: "What got in the way?"}}
	d.Trigger.Type = "deploy.completed"
	if mod != nil {
		mod(&d)
	}
	p, _, err := r.svc.Save(context.Background(), d, "test")
	if err != nil {
		t.Fatalf("save programme: %v", err)
	}
	return p
}

var eventSeq int

func (r *rig) event(t *testing.T, typ, person string, ctx map[string]any) events.Outcome {
	t.Helper()
	eventSeq++
	b, _ := json.Marshal(ctx)
	out, err := r.events.Ingest(context.Background(), events.SourceAPI, []events.Input{{Type: typ, Person: person, Key: fmt.Sprintf("e-%d-%d", eventSeq, time.Now().UnixNano()), Context: b}})
	if err != nil {
		t.Fatal(err)
	}
	return out[0]
}

func (r *rig) asks(t *testing.T, personID int64) []Ask {
	t.Helper()
	var as []Ask
	if err := r.db.Where("person_id = ?", personID).Order("id").Find(&as).Error; err != nil {
		t.Fatal(err)
	}
	return as
}

// sendDue runs the send job of every scheduled ask that is due.
func (r *rig) sendDue(t *testing.T) {
	t.Helper()
	var as []Ask
	r.db.Where("state = ? AND send_at <= ?", StateScheduled, r.clock).Find(&as)
	for _, a := range as {
		if err := r.svc.send(context.Background(), SendArgs{AskID: a.ID, Due: a.SendAt}); err != nil {
			t.Fatalf("send ask %d: %v", a.ID, err)
		}
	}
}
