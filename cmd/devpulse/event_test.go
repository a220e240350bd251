package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/web"
	"github.com/devpulse/devpulse/web/webtest"
)

func TestEventSendPostsToTheServer(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	cfg := config.Load(func(string) string { return "" })
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	queue, err := jobs.New(db, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(webtest.Server(t, web.Deps{Config: cfg, DB: db, Jobs: queue, Logger: quiet}).Handler())
	defer ts.Close()
	p := directory.Person{Email: "ada@example.com", Name: "Ada", Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	_, secret, err := auth.NewTokens(db).Create(ctx, "ci", []string{auth.ScopeEventsWrite}, "test")
	if err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		return map[string]string{"DEVPULSE_URL": ts.URL, "DEVPULSE_TOKEN": secret}[k]
	}
	var out, errOut bytes.Buffer
	args := []string{"event", "send", "--type", "terraform.applied", "--person", "ada@example.com", "--key", "tf-1",
		"--context", "workspace=infra-prod", "--context", "outcome=success", "--context-json", `{"duration_seconds": 95}`}
	if err := run(ctx, args, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("%v (%s)", err, errOut.String())
	}
	if !strings.Contains(out.String(), `"matched":true`) {
		t.Fatalf("printed %q", out.String())
	}
	var e events.Event
	if err := db.Where("event_key = ?", "tf-1").First(&e).Error; err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	_ = json.Unmarshal([]byte(e.Context), &c)
	if e.Type != "terraform.applied" || *e.PersonID != p.ID || c["workspace"] != "infra-prod" || c["duration_seconds"] != float64(95) {
		t.Fatalf("stored %+v %v", e, c)
	}
	// A refused event says why, and the command fails.
	err = run(ctx, []string{"event", "send", "--type", "Bad Type", "--person", "ada@example.com"}, getenv, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "422") || !strings.Contains(err.Error(), "lower-case") {
		t.Fatalf("bad type: %v", err)
	}
	if err := run(ctx, []string{"event", "send", "--type", "x.y", "--person", "a"}, func(string) string { return "" }, nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), "DEVPULSE_URL") {
		t.Fatalf("no URL: %v", err)
	}
}
