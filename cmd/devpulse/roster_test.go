package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestRosterImportCommand(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		testRosterImport(t, []string{"--data-dir", dir}, func() *gorm.DB {
			db, err := database.OpenSQLite(context.Background(), filepath.Join(dir, "devpulse.db"))
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
	t.Run("postgres", func(t *testing.T) {
		url := testdb.PostgresURL(t)
		testRosterImport(t, []string{"--database-url", url}, func() *gorm.DB {
			db, err := database.OpenPostgres(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
}

func testRosterImport(t *testing.T, dbFlags []string, open func() *gorm.DB) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	example, err := os.ReadFile("../../docs/roster-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	full := write("full.csv", string(example))
	lines := strings.SplitAfter(string(example), "\n")
	part := write("part.csv", strings.Join(lines[:4], "")) // the header and three people
	bad := write("bad.csv", "email,name,team,shoe_size\n")
	badLines := write("bad-lines.csv", "email,name,team,work_arrangement\nok@example.com,Ok,Eng,remote\nbad,No Team,,moon\n")

	roster := func(args ...string) (string, string, error) {
		var stdout, stderr bytes.Buffer
		args = append(append([]string{"roster"}, args...), dbFlags...)
		err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(string(example)), &stdout, &stderr)
		return stdout.String(), stderr.String(), err
	}
	count := func(where string) int64 {
		db := open()
		defer database.Close(db)
		var n int64
		if err := db.Model(&directory.Person{}).Where(where).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	checkRosterRefusals(t, roster, full, bad, badLines)
	if n := count("1 = 1"); n != 0 {
		t.Fatalf("a dry run or a bad file stored %d people", n)
	}
	// The import, then the same file again.
	out, _, err := roster("import", full)
	if err != nil || !strings.Contains(out, "Applied: 10 added, 0 changed, 0 deactivated, 4 lead grants added, 5 teams created") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, _, err = roster("import", full)
	if err != nil || !strings.Contains(out, "No changes") {
		t.Fatalf("re-import: %v\n%s", err, out)
	}
	// Without --deactivate-missing a partial file deactivates nobody; with it, the rest.
	if out, _, err = roster("import", part); err != nil || !strings.Contains(out, "No changes") {
		t.Fatalf("partial import: %v\n%s", err, out)
	}
	out, _, err = roster("import", part, "--deactivate-missing")
	if err != nil || !strings.Contains(out, "7 deactivated") || !strings.Contains(out, "- frances.allen@example.com") {
		t.Fatalf("deactivate: %v\n%s", err, out)
	}
	if n := count("active"); n != 3 {
		t.Errorf("%d active people, want 3", n)
	}
	db := open()
	defer database.Close(db)
	events, err := audit.New(db).Recent(context.Background(), 10, 0)
	if err != nil || len(events) != 2 || events[0].Actor != "cli" || !strings.Contains(events[0].Detail, "7 deactivated") {
		t.Errorf("audit: %+v %v", events, err)
	}
}

// checkRosterRefusals runs imports that must change nothing: dry runs
// (flags before the file, and from standard input) and files with bad lines.
func checkRosterRefusals(t *testing.T, roster func(args ...string) (string, string, error), full, bad, badLines string) {
	t.Helper()
	out, _, err := roster("import", "--dry-run", full)
	if err != nil || !strings.Contains(out, "10 added") || !strings.Contains(out, "Dry run: nothing was changed.") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, _, err = roster("import", "-", "--dry-run") // from standard input
	if err != nil || !strings.Contains(out, "10 added") || !strings.Contains(out, "+ ada.lovelace@example.com") || !strings.Contains(out, "Dry run: nothing was changed.") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	// Bad files fail with every bad line.
	_, errOut, err := roster("import", bad)
	if err == nil || !strings.Contains(errOut, `line 1: unknown column "shoe_size"`) {
		t.Errorf("bad header: %v\n%s", err, errOut)
	}
	_, errOut, err = roster("import", badLines)
	if err == nil || !strings.Contains(err.Error(), "3 problems") || !strings.Contains(errOut, `line 3: bad email "bad"`) ||
		!strings.Contains(errOut, "line 3: missing required value: team") || !strings.Contains(errOut, `line 3: unknown work arrangement "moon"`) {
		t.Errorf("bad lines: %v\n%s", err, errOut)
	}
}

func TestRosterCommandUsage(t *testing.T) {
	for _, args := range [][]string{{"roster"}, {"roster", "export"}, {"roster", "import"}, {"roster", "import", "a.csv", "b.csv"}} {
		var out bytes.Buffer
		err := run(context.Background(), append(args, "--data-dir", t.TempDir()), func(string) string { return "" }, nil, &out, &out)
		if err == nil || !strings.Contains(out.String(), "usage: devpulse roster import FILE") {
			t.Errorf("%v: %v\n%s", args, err, out.String())
		}
	}
}
