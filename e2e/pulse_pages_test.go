package e2e

import (
	"context"
	"fmt"
	dpapp "github.com/devpulse/devpulse/internal/app"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testsmtp"
	"github.com/devpulse/devpulse/web"
	"github.com/devpulse/devpulse/web/webtest"
)

var mailLinkRe = regexp.MustCompile(`http://[^\s"]+/p/[A-Za-z0-9_-]+\?rating=4`)

// A person answers an emailed pulse question in the browser (the click
// only opens the page; the answer is recorded when they confirm), and the
// pulse pages render: the person's page, the admin's programmes and the
// owners' weekly view.
func TestPulsePagesInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	mail := testsmtp.Start(t)
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	deps := pulseDeps(t, db, func(c *config.Config) {
		c.BaseURL, c.SMTPURL, c.MailFrom, c.MinGroupSize = base, mail.URL(), "devpulse@example.com", "3"
	})
	ts.Config.Handler = webtest.Server(t, deps).Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	svc := startPulseWorkers(t, deps)

	team, _ := directory.EnsureTeam(ctx, db, "Eng/Platform")
	people := pulsePeople(t, db, team)
	prog := askEveryoneAfterDeploys(t, db, svc, people)
	msgs := mail.Wait(t, 4)
	var link string
	for _, m := range msgs {
		if m.To[0] == people[1].Email {
			body := strings.ReplaceAll(strings.ReplaceAll(m.Data, "=\r\n", ""), "=3D", "=")
			link = mailLinkRe.FindString(body)
		}
	}
	if link == "" {
		t.Fatal("no rating link in the mail")
	}

	b := testbrowser.New(t)
	answerByEmailLink(t, b, db, link)
	// Two more answers by the API of the domain, so the week reaches k = 3.
	for _, p := range people[2:] {
		var a pulse.Ask
		db.Where("person_id = ?", p.ID).First(&a)
		if _, err := svc.Answer(ctx, a.ID, pulse.Reply{Rating: 2, Comment: "Rollout is slow", Choice: "rollout", Channel: "page"}); err != nil {
			t.Fatal(err)
		}
	}
	signInAs(t, b, db, base, people[0].ID)
	pulsePagesRender(t, b, base, team.ID, prog.ID)
}

// pulsePeople makes four people in team, the first an admin.
func pulsePeople(t *testing.T, db *gorm.DB, team directory.Team) []directory.Person {
	t.Helper()
	ctx := context.Background()
	store := directory.NewStore(db)
	var people []directory.Person
	for i := 0; i < 4; i++ {
		p := directory.Person{Email: fmt.Sprintf("p%d@example.com", i), Name: fmt.Sprintf("Person %d", i), TeamID: &team.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := store.CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	}
	if _, err := directory.AddGrant(ctx, db, people[0].ID, directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	return people
}

// askEveryoneAfterDeploys saves a driver-linked programme on production
// deploys and has each person deploy once, so each is asked.
func askEveryoneAfterDeploys(t *testing.T, db *gorm.DB, svc *pulse.Service, people []directory.Person) pulse.Programme {
	t.Helper()
	ctx := context.Background()
	d := pulse.Definition{Key: "deploys", Name: "Production deploys", OwnerTeam: "Eng/Platform", SamplePercent: 100, ExpiryHours: 72,
		Questions: pulse.Questions{Rating: "How was this deploy?", Comment: "What got in the way?",
			Choice: &pulse.Choice{Prompt: "Slowest step?", Options: []string{"build", "canary", "rollout"}}}}
	d.Trigger.Type = "deploy.completed"
	db.Table("drivers").Select("key").Order("id").Limit(1).Scan(&d.Driver)
	prog, _, err := svc.Save(ctx, d, "test")
	if err != nil {
		t.Fatal(err)
	}
	evs := events.NewStore(db)
	evs.OnStored(svc.Decide)
	for i, p := range people {
		in := events.Input{Type: "deploy.completed", Person: p.Email, Key: fmt.Sprintf("d%d", i),
			Context: []byte(fmt.Sprintf(`{"repository": "acme/shop", "environment": "production", "duration_seconds": %d, "commit": "abc%d"}`, 200+i*40, i))}
		if _, err := evs.Ingest(ctx, events.SourceAPI, []events.Input{in}); err != nil {
			t.Fatal(err)
		}
	}
	return prog
}

// answerByEmailLink: the link opens the confirm page with 4 chosen and
// stores nothing; the answer is recorded when the person confirms.
func answerByEmailLink(t *testing.T, b *testbrowser.Browser, db *gorm.DB, link string) {
	t.Helper()
	b.Run(chromedp.Navigate(link), chromedp.WaitVisible(`[data-testid="pulse-answer-form"]`, chromedp.ByQuery))
	var n int64
	db.Model(&pulse.Answer{}).Count(&n)
	if n != 0 {
		t.Fatalf("opening the link stored %d answers", n)
	}
	b.Run(chromedp.SendKeys(`[data-testid="pulse-comment"]`, "The canary waited 20 minutes for nothing", chromedp.ByQuery))
	b.Screenshot("pulse-email-confirm")
	b.ClickNavigate(`[data-testid="pulse-answer-submit"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="pulse-thanks"]`, chromedp.ByQuery))
	var ans pulse.Answer
	if err := db.First(&ans).Error; err != nil || ans.Rating != 4 || ans.Channel != "email" {
		t.Fatalf("answer %+v %v", ans, err)
	}
}

// pulsePagesRender: the person's page, the admin's programmes, the
// owners' weekly view and the team dashboard's pulse line render, the last
// two with the week's favorable share.
func pulsePagesRender(t *testing.T, b *testbrowser.Browser, base string, teamID, progID int64) {
	t.Helper()
	b.Run(chromedp.Navigate(base+"/pulse"), chromedp.WaitVisible(`[data-testid="pulse-me"]`, chromedp.ByQuery))
	b.Screenshot("pulse-me")
	b.Run(chromedp.Navigate(base+"/admin/pulse"), chromedp.WaitVisible(`[data-testid="pulse-list"]`, chromedp.ByQuery))
	b.Screenshot("pulse-admin-programmes")
	var favorable string
	b.Run(chromedp.Navigate(fmt.Sprintf("%s/teams/%d/pulse/%d", base, teamID, progID)),
		chromedp.Text(`[data-testid="pulse-favorable"]`, &favorable, chromedp.ByQuery))
	b.Screenshot("pulse-weekly")
	if favorable != "33%" {
		t.Fatalf("favorable %q, want 33%% (one 4 and two 2s)", favorable)
	}
	// The team's dashboard has the weekly pulse line of the driver-linked programme.
	var teamFavorable string
	b.Run(chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, teamID)),
		chromedp.ScrollIntoView(`[data-testid="team-pulse"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="team-pulse-favorable"]`, &teamFavorable, chromedp.ByQuery))
	b.Screenshot("pulse-team-dashboard")
	if teamFavorable != "33%" {
		t.Fatalf("team pulse favorable %q", teamFavorable)
	}
}

// pulseDeps are the server's dependencies on db with the configuration as
// configure leaves it.
func pulseDeps(t *testing.T, db *gorm.DB, configure func(*config.Config)) web.Deps {
	t.Helper()
	cfg := config.Load(func(string) string { return "" })
	configure(&cfg)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	return web.Deps{Config: cfg, DB: db, Jobs: testQueue(t, db), Logger: quiet, Version: "test"}
}

// startPulseWorkers builds the pulse service and runs a job runner with its
// workers until the test ends.
func startPulseWorkers(t *testing.T, deps web.Deps) *pulse.Service {
	t.Helper()
	svc := pulseService(t, deps)
	workers := jobs.NewWorkers()
	pulse.RegisterWorkers(workers, svc)
	runWorkers(t, deps.DB, workers, deps.Logger)
	return svc
}

// pulseService builds the services as the server does and returns the
// pulse service, for a job runner that sends asks.
func pulseService(t *testing.T, deps web.Deps) *pulse.Service {
	t.Helper()
	svc, err := dpapp.New(deps.Config, deps.DB, deps.Jobs)
	if err != nil {
		t.Fatal(err)
	}
	return svc.Pulse
}
