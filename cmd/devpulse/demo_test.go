package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/survey"
)

func TestDemoBuildsOnceIntoAnEmptyDatabase(t *testing.T) {
	dir := t.TempDir()
	out, err := runWithStdin(t, "", "demo", "--data-dir", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "Demo organisation built:") || !strings.Contains(out, "admin@example.com") {
		t.Errorf("output:\n%s", out)
	}

	db, err := database.OpenSQLite(context.Background(), filepath.Join(dir, "devpulse.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	var people, open, closed, closeJobs int64
	db.Table("people").Count(&people)
	db.Model(&survey.Snapshot{}).Where("state = ?", survey.Open).Count(&open)
	db.Model(&survey.Snapshot{}).Where("state = ?", survey.Closed).Count(&closed)
	db.Table("river_job").Where("kind = ?", survey.CloseArgs{}.Kind()).Count(&closeJobs)
	if people < 250 || open != 1 || closed != 5 {
		t.Errorf("%d people, %d open and %d closed snapshots", people, open, closed)
	}
	if closeJobs != 1 {
		t.Errorf("%d close jobs queued, want the open snapshot's", closeJobs)
	}

	out, err = runWithStdin(t, "", "demo", "--data-dir", dir)
	if err == nil || !strings.Contains(err.Error(), "already has people") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("second run: %v, want a one-line refusal\n%s", err, out)
	}
}
