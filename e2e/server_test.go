package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/web"
	"github.com/devpulse/devpulse/web/webtest"
)

// startServer serves the whole app on db at a local address and returns its URL.
func startServer(t *testing.T, db *gorm.DB) string {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	cfg := config.Load(func(string) string { return "" })
	cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, web.Deps{Config: cfg, DB: db, Jobs: testQueue(t, db), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return ts.URL
}

// testQueue is an insert-only job runner: tests that need jobs worked start
// their own runner.
func testQueue(t testing.TB, db *gorm.DB) *jobs.Runner {
	t.Helper()
	q, err := jobs.New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// signInAs starts a session for a person and gives the browser its cookie.
func signInAs(t *testing.T, b *testbrowser.Browser, db *gorm.DB, base string, personID int64) {
	t.Helper()
	token, err := auth.NewSessions(db).Create(context.Background(), personID)
	if err != nil {
		t.Fatal(err)
	}
	b.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		return network.SetCookie("devpulse_session", token).WithURL(base).WithPath("/").WithHTTPOnly(true).Do(ctx)
	}))
}
