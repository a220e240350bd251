package e2e

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/invite"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/web"
	"github.com/devpulse/devpulse/web/webtest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// app is the whole program as `devpulse serve` runs it: the web server and
// the job runner that opens and closes snapshots on time.
type app struct {
	URL    string
	addr   string
	server *httptest.Server
	runner *jobs.Runner
}

// startApp serves the app on db at addr ("" for any free port) with a
// running job runner and the same workers as cmd/devpulse's serve.
func startApp(t *testing.T, db *gorm.DB, addr string) *app {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.New(db, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Load(func(string) string { return "" })
	cfg.BaseURL = "http://" + ln.Addr().String()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	mailer, err := notify.NewMailer(cfg.SMTPURL, cfg.MailFrom) // no SMTP: sends nothing
	if err != nil {
		t.Fatal(err)
	}
	workers := jobs.NewWorkers()
	survey.RegisterWorkers(workers, survey.NewStore(db, queue))
	invite.RegisterWorkers(workers, invite.New(db, queue, mailer, notify.NewSlack(cfg.SlackToken, cfg.SlackAPIURL), cfg.BaseURL))
	runner, err := jobs.New(db, workers, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, web.Deps{Config: cfg, DB: db, Jobs: queue, Logger: quiet, Version: "test"})
	ts := &httptest.Server{Listener: ln, Config: &http.Server{Handler: srv.Handler()}}
	ts.Start()
	a := &app{URL: ts.URL, addr: ln.Addr().String(), server: ts, runner: runner}
	t.Cleanup(a.stop)
	return a
}

// stop shuts the server and the job runner down; stopping twice is fine.
func (a *app) stop() {
	if a.server == nil {
		return
	}
	a.server.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = a.runner.Stop(ctx)
	a.server = nil
}

// openFile opens and migrates a SQLite file, which outlives a restart.
func openFile(t *testing.T, path string) *gorm.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := database.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

// submit clicks sel and waits until the next page has loaded.
func submit(b *testbrowser.Browser, sel string) {
	b.Run(
		chromedp.Evaluate(`document.body.setAttribute("data-stale", "1")`, nil),
		chromedp.Click(sel, chromedp.ByQuery),
		chromedp.WaitNotPresent(`body[data-stale]`, chromedp.ByQuery),
		chromedp.WaitReady(`main`, chromedp.ByQuery),
	)
}
