package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	devapp "github.com/devpulse/devpulse/internal/app"
	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
	"github.com/devpulse/devpulse/web"
)

// startNotifyingServer serves the app with mail and Slack pointed at the
// test servers and a job runner working every job.
func startNotifyingServer(t *testing.T, db *gorm.DB, smtp *testsmtp.Server, slack *testslack.Server) (string, *devapp.Services) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	cfg := config.Load(func(string) string { return "" })
	cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	cfg.SMTPURL, cfg.MailFrom = smtp.URL(), "devpulse@example.com"
	cfg.SlackToken, cfg.SlackAPIURL = "xoxb-test", slack.APIURL()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	queue := testQueue(t, db)
	svc, err := devapp.New(cfg, db, queue)
	if err != nil {
		t.Fatal(err)
	}
	workers := jobs.NewWorkers()
	svc.RegisterWorkers(workers)
	runWorkers(t, db, workers, log)
	srv, err := web.New(web.Deps{Config: cfg, DB: db, Services: svc, Jobs: queue, Logger: log, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return ts.URL, svc
}

// runWorkers runs a job runner with workers on db until the test ends.
func runWorkers(t *testing.T, db *gorm.DB, workers *jobs.Workers, log *slog.Logger) {
	t.Helper()
	runner, err := jobs.New(db, workers, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(context.Background()) })
}

// boardOrg: Kim writes, Sam (Slack) and Jo (email) vote, Lena leads the
// team that owns the CI pipeline.
func boardOrg(t *testing.T, db *gorm.DB, svc *devapp.Services) (map[string]int64, board.Tool) {
	t.Helper()
	ctx := context.Background()
	team, err := directory.EnsureTeam(ctx, db, "Engineering/Platform")
	if err != nil {
		t.Fatal(err)
	}
	people := map[string]int64{}
	for _, name := range []string{"Ada Admin", "Lena Lead", "Kim Park", "Sam Rivera", "Jo Okafor"} {
		p := directory.Person{Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com", Name: name,
			TeamID: &team.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if name == "Sam Rivera" {
			p.SlackUserID, p.NotifyChannel = "U0SAM", "slack"
		}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		people[name] = p.ID
	}
	if _, err := directory.AddGrant(ctx, db, people["Ada Admin"], directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := directory.AddGrant(ctx, db, people["Lena Lead"], directory.RoleLead, &team.ID); err != nil {
		t.Fatal(err)
	}
	tool, err := svc.BoardChanges.SaveTool(ctx, board.Actor{Name: "cli", Admin: true}, board.Tool{Name: "CI pipeline", TeamID: team.ID})
	if err != nil {
		t.Fatal(err)
	}
	return people, tool
}

const wontDoReason = "The new build runner replaces this pipeline in Q3."

func TestFeedbackBoardClosesTheLoop(t *testing.T) {
	db := testdb.SQLite(t)
	smtp, slack := testsmtp.Start(t), testslack.Start(t)
	base, svc := startNotifyingServer(t, db, smtp, slack)
	people, tool := boardOrg(t, db, svc)
	b := testbrowser.New(t)

	item := postAnonymously(t, b, db, base, people["Kim Park"], tool)
	voteAndReact(t, b, db, base+item, people["Sam Rivera"], "plus_one")
	voteAndReact(t, b, db, base+item, people["Jo Okafor"], "heart")
	b.Screenshot("board-voted")

	signInAs(t, b, db, base, people["Lena Lead"])
	b.Run(chromedp.Navigate(base+item), chromedp.WaitVisible(`[data-testid="status-form"]`, chromedp.ByQuery),
		chromedp.SetValue(`#f-status`, "wont_do", chromedp.ByQuery))
	b.Expect("422") // the refused answer without a reason
	b.ClickNavigate(`[data-testid="status-submit"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="error-reason"]`, chromedp.ByQuery))
	b.Screenshot("board-reason-required")
	b.Run(chromedp.SendKeys(`#f-reason`, wontDoReason, chromedp.ByQuery))
	b.ClickNavigate(`[data-testid="status-submit"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="history-reason"]`, chromedp.ByQuery))

	checkNotified(t, smtp, slack)
	signInAs(t, b, db, base, people["Kim Park"])
	var status, reason string
	b.Run(chromedp.Navigate(base+item), chromedp.Text(`[data-testid="item-status"]`, &status, chromedp.ByQuery),
		chromedp.Text(`[data-testid="history-reason"]`, &reason, chromedp.ByQuery))
	if status != "Won't do" || !strings.Contains(reason, wontDoReason) {
		t.Fatalf("the author sees %q / %q", status, reason)
	}
	b.Screenshot("board-author-view")
	for _, who := range []string{"Sam Rivera", "Jo Okafor", "Lena Lead", "Ada Admin"} {
		signInAs(t, b, db, base, people[who])
		paths := []string{"/feedback", item}
		if who == "Ada Admin" {
			paths = append(paths, "/admin/audit")
		}
		for _, path := range paths {
			var html string
			b.Run(chromedp.Navigate(base+path), chromedp.OuterHTML("html", &html, chromedp.ByQuery))
			if strings.Contains(html, "Kim Park") || strings.Contains(html, "kim.park") {
				t.Fatalf("%s as %s names the anonymous author", path, who)
			}
		}
	}
}

// postAnonymously fills in the post form as the author and returns the
// item's path.
func postAnonymously(t *testing.T, b *testbrowser.Browser, db *gorm.DB, base string, author int64, tool board.Tool) string {
	t.Helper()
	signInAs(t, b, db, base, author)
	b.Run(chromedp.Navigate(base+"/feedback"), chromedp.WaitVisible(`[data-testid="board-new"]`, chromedp.ByQuery))
	b.ClickNavigate(`[data-testid="board-new"]`)
	b.Run(
		chromedp.SendKeys(`#f-title`, "CI builds take 40 minutes", chromedp.ByQuery),
		chromedp.SetValue(`#f-tool`, fmt.Sprint(tool.ID), chromedp.ByQuery),
		chromedp.SendKeys(`#f-description`, "Every merge waits on the full suite. See https://ci.example.com/runs", chromedp.ByQuery),
		chromedp.Click(`[data-testid="field-anonymous"]`, chromedp.ByQuery),
	)
	b.Screenshot("board-post-form")
	b.ClickNavigate(`[data-testid="board-submit"]`)
	var shown, loc string
	b.Run(chromedp.WaitVisible(`[data-testid="item-author"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="item-author"]`, &shown, chromedp.ByQuery),
		chromedp.Location(&loc))
	if shown != board.AnonymousName {
		t.Fatalf("author shown as %q", shown)
	}
	b.Screenshot("board-posted")
	return strings.TrimPrefix(loc, base)
}

// voteAndReact votes "me too" and reacts through htmx, waiting for the
// swapped fragments.
func voteAndReact(t *testing.T, b *testbrowser.Browser, db *gorm.DB, url string, person int64, reaction string) {
	t.Helper()
	signInAs(t, b, db, strings.Split(url, "/feedback")[0], person)
	var before string
	b.Run(chromedp.Navigate(url), chromedp.Text(`[data-testid="vote-count"]`, &before, chromedp.ByQuery),
		chromedp.Click(`[data-testid="vote"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="vote"][aria-pressed="true"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="react-`+reaction+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="react-`+reaction+`"][aria-pressed="true"]`, chromedp.ByQuery))
	var after string
	b.Run(chromedp.Navigate(url), chromedp.Text(`[data-testid="vote-count"]`, &after, chromedp.ByQuery))
	if before == after {
		t.Fatalf("the vote count stayed %q", after)
	}
}

func checkNotified(t *testing.T, smtp *testsmtp.Server, slack *testslack.Server) {
	t.Helper()
	smtp.Wait(t, 2)
	posts := slack.Wait(t, 1)
	for _, addr := range []string{"kim.park@example.com", "jo.okafor@example.com"} {
		ms := smtp.To(addr)
		if len(ms) != 1 || !strings.Contains(strings.ReplaceAll(ms[0].Data, "=\r\n", ""), "replaces this pipeline") {
			t.Fatalf("mail to %s: %+v", addr, ms)
		}
	}
	if posts[0].Channel != "U0SAM" || !strings.Contains(posts[0].Text, wontDoReason) {
		t.Fatalf("Slack DM: %+v", posts[0])
	}
	if len(smtp.To("sam.rivera@example.com")) != 0 {
		t.Fatal("Sam chose Slack but got mail too")
	}
}
