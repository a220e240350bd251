package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/metrics"
)

func TestMetricsImportCommand(t *testing.T) {
	dir := t.TempDir()
	flags := []string{"--data-dir", dir}
	cmd := func(args ...string) (string, string, error) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), append(append([]string{"metrics"}, args...), flags...), func(string) string { return "" }, nil, &stdout, &stderr)
		return stdout.String(), stderr.String(), err
	}
	if err := run(context.Background(), append([]string{"migrate"}, flags...), func(string) string { return "" }, nil, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	db, err := database.OpenSQLite(context.Background(), filepath.Join(dir, "devpulse.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	for _, path := range []string{"Engineering/Platform/CI", "Engineering/Payments"} {
		if _, err := directory.EnsureTeam(context.Background(), db, path); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad.csv", "team,name,week,value\nEngineering/Payments,incident_hours,2026-W40,x\nNowhere,incident_hours,2026-W40,1\n")
	_, errOut, err := cmd("import", bad)
	if err == nil || !strings.Contains(errOut, `line 2: value "x" is not a number`) || !strings.Contains(errOut, `line 3: team "Nowhere" is not a team`) {
		t.Fatalf("bad file: %v\n%s", err, errOut)
	}
	good := write("good.csv", string(metrics.Example))
	out, _, err := cmd("import", "--dry-run", good)
	if err != nil || !strings.Contains(out, "3 values (3 new, 0 replaced)") || !strings.Contains(out, "Dry run") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	count := func() (n int64) {
		db.Model(&metrics.Value{}).Count(&n)
		return n
	}
	if count() != 0 {
		t.Fatal("the dry run stored values")
	}
	if out, _, err = cmd("import", good); err != nil || !strings.Contains(out, "Imported 3 values") || count() != 3 {
		t.Fatalf("import: %v\n%s (%d rows)", err, out, count())
	}
	if out, _, err = cmd("import", good); err != nil || !strings.Contains(out, "(0 new, 3 replaced)") || count() != 3 {
		t.Fatalf("again: %v\n%s", err, out)
	}
}
