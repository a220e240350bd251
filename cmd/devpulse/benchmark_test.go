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
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestBenchmarkImportCommand(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		testBenchmarkImport(t, []string{"--data-dir", dir}, func() *gorm.DB {
			db, err := database.OpenSQLite(context.Background(), filepath.Join(dir, "devpulse.db"))
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
	t.Run("postgres", func(t *testing.T) {
		url := testdb.PostgresURL(t)
		testBenchmarkImport(t, []string{"--database-url", url}, func() *gorm.DB {
			db, err := database.OpenPostgres(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
}

func testBenchmarkImport(t *testing.T, dbFlags []string, open func() *gorm.DB) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	example, err := os.ReadFile("../../docs/benchmarks-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	good := write("example.csv", string(example))
	bad := write("bad.csv", "driver_key,segment,p25,p50,p75,p90,source,year\n"+
		"ci_reliability,All,44,57,69,78,Acme,2025\n"+
		"ci_speed,All,44,57,69,78,Acme,2025\n"+
		"code_review,All,50,62,73,81,Acme,1999\n")

	cmd := func(args ...string) (string, string, error) {
		var stdout, stderr bytes.Buffer
		args = append(append([]string{"benchmark"}, args...), dbFlags...)
		err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(string(example)), &stdout, &stderr)
		return stdout.String(), stderr.String(), err
	}
	rows := func() int64 {
		db := open()
		defer database.Close(db)
		var n int64
		if err := db.Model(&benchmark.Percentiles{}).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}

	_, errOut, err := cmd("import", bad)
	if err == nil || !strings.Contains(err.Error(), "2 problems") || !strings.Contains(errOut, `line 3: unknown driver key "ci_speed"`) ||
		!strings.Contains(errOut, `line 4: year "1999" is not a plausible four-digit year`) {
		t.Errorf("bad file: %v\n%s", err, errOut)
	}
	out, _, err := cmd("import", "--dry-run", good)
	if err != nil || !strings.Contains(out, "Example benchmark (synthetic numbers) 2025: 9 rows, new") || !strings.Contains(out, "Dry run: nothing was changed.") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if n := rows(); n != 0 {
		t.Fatalf("%d rows stored before the import", n)
	}
	out, _, err = cmd("import", good)
	if err != nil || !strings.Contains(out, "Imported: Example benchmark (synthetic numbers) 2025: 9 rows, new.") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, _, err = cmd("import", "-") // standard input, the same file again
	if err != nil || !strings.Contains(out, "9 rows, replacing 9") {
		t.Fatalf("re-import: %v\n%s", err, out)
	}
	if n := rows(); n != 9 {
		t.Errorf("%d rows, want 9", n)
	}
	db := open()
	defer database.Close(db)
	events, err := audit.New(db).Recent(context.Background(), 10, 0)
	if err != nil || len(events) != 2 || events[0].Actor != "cli" || events[0].Action != benchmark.ActionImport {
		t.Errorf("audit: %+v %v", events, err)
	}
}

func TestBenchmarkCommandUsage(t *testing.T) {
	for _, args := range [][]string{{"benchmark"}, {"benchmark", "export"}, {"benchmark", "import"}, {"benchmark", "import", "a.csv", "b.csv"}} {
		var out bytes.Buffer
		err := run(context.Background(), append(args, "--data-dir", t.TempDir()), func(string) string { return "" }, nil, &out, &out)
		if err == nil || !strings.Contains(out.String(), "usage: devpulse benchmark import FILE") {
			t.Errorf("%v: %v\n%s", args, err, out.String())
		}
	}
}
