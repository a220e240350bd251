package app_test

import (
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/app"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/testdb"
)

func defaults(t *testing.T) config.Config {
	t.Helper()
	cfg := config.Load(func(string) string { return "" })
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestNewBuildsEveryService(t *testing.T) {
	db := testdb.SQLite(t)
	svc, err := app.New(defaults(t), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Directory == nil || svc.People == nil || svc.Roster == nil || svc.Surveys == nil || svc.Responses == nil || svc.Results == nil ||
		svc.Benchmarks == nil || svc.Audit == nil || svc.Sessions == nil || svc.Tokens == nil ||
		svc.Passwords == nil || svc.Inviter == nil || svc.Announcer == nil || svc.Board == nil || svc.BoardChanges == nil || svc.Metrics == nil {
		t.Fatalf("a service is missing: %+v", svc)
	}
	if svc.OIDC != nil {
		t.Fatal("single sign-on built without being configured")
	}
	svc.RegisterWorkers(jobs.NewWorkers()) // must not panic: each job kind once
}

// A setting New cannot use comes back as an error instead of a panic or a
// silently unconfigured mailer.
func TestNewReportsConfigurationErrors(t *testing.T) {
	db := testdb.SQLite(t)
	cfg := defaults(t)
	cfg.SMTPURL, cfg.MailFrom = "ftp://mail.example.com", "devpulse@example.com"
	if _, err := app.New(cfg, db, nil); err == nil || !strings.Contains(err.Error(), "DEVPULSE_SMTP_URL") {
		t.Fatalf("bad SMTP URL: err = %v", err)
	}
	if _, err := app.New(defaults(t), nil, nil); err == nil {
		t.Fatal("no database: no error")
	}
}
