package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

const benchmarkHeader = "driver_key,segment,p25,p50,p75,p90,source,year\n"

// benchmarksBad has two bad lines: 3 (an unknown driver) and 5
// (percentiles that decrease). benchmarksFixed is the same file fixed.
const (
	benchmarksBad = benchmarkHeader +
		"ci_reliability,All,44,57,69,78,Acme DevEx Report,2025\n" +
		"ci_speed,Remote,42,55,68,77,Acme DevEx Report,2025\n" +
		"code_review,All,50,62,73,81,Acme DevEx Report,2025\n" +
		"documentation,All,40,35,50,60,Acme DevEx Report,2025\n"
	benchmarksFixed = benchmarkHeader +
		"ci_reliability,All,44,57,69,78,Acme DevEx Report,2025\n" +
		"ci_reliability,Remote,42,55,68,77,Acme DevEx Report,2025\n" +
		"code_review,All,50,62,73,81,Acme DevEx Report,2025\n" +
		"documentation,All,30,42,55,65,Acme DevEx Report,2025\n"
)

func TestBenchmarkImportInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	base := startServer(t, db)
	b := testbrowser.New(t)
	b.Expect("status of 422") // the file with bad lines is sent back with 422
	signInAdmin(t, db, b, base)

	bad := filepath.Join(t.TempDir(), "acme-2025.csv")
	if err := os.WriteFile(bad, []byte(benchmarksBad), 0o600); err != nil {
		t.Fatal(err)
	}

	// From the admin index to the upload; the bad file's lines by number.
	var lines []string
	var summary, kept string
	b.Run(
		chromedp.Navigate(base+"/admin"),
		chromedp.WaitVisible(`a[href="/admin/benchmarks"]`, chromedp.ByQuery),
	)
	b.ClickNavigate(`a[href="/admin/benchmarks"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="benchmark-none"]`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#benchmark-file`, []string{bad}, chromedp.ByQuery),
		chromedp.Click(`[data-testid="benchmark-preview"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="benchmark-errors"]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid="benchmark-error-line"]')).map(e => e.textContent)`, &lines),
		chromedp.Text(`[data-testid="benchmark-errors-summary"]`, &summary, chromedp.ByQuery),
		chromedp.Value(`#benchmark-text`, &kept, chromedp.ByQuery),
	)
	if strings.Join(lines, ",") != "3,5" {
		t.Errorf("error lines %v, want 3,5", lines)
	}
	if !strings.Contains(summary, "2 problems on 2 lines in acme-2025.csv") {
		t.Errorf("summary %q", summary)
	}
	if kept != benchmarksBad {
		t.Errorf("the page did not keep the file:\n%s", kept)
	}
	b.Screenshot("benchmarks-errors")

	// Fix the two lines in the box on the page and check again: the preview.
	var plan string
	b.Run(
		chromedp.SetValue(`#benchmark-text`, benchmarksFixed, chromedp.ByQuery),
		chromedp.Click(`[data-testid="benchmark-check"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="benchmark-plan"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="benchmark-plan"]`, &plan, chromedp.ByQuery),
	)
	if !strings.Contains(plan, "Acme DevEx Report") || !strings.Contains(plan, "New set") || !strings.Contains(plan, "All, Remote") {
		t.Errorf("preview:\n%s", plan)
	}
	if n := countBenchmarks(t, db); n != 0 {
		t.Fatalf("the preview stored %d rows", n)
	}
	b.Screenshot("benchmarks-preview")

	// Apply: back on the list with the outcome and the new set.
	var done, sets string
	b.Run(
		chromedp.Click(`[data-testid="benchmark-apply"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="benchmark-sets"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="flash"]`, &done, chromedp.ByQuery),
		chromedp.Text(`[data-testid="benchmark-sets"]`, &sets, chromedp.ByQuery),
	)
	if done != "Benchmarks imported: Acme DevEx Report 2025: 4 rows, new." {
		t.Errorf("message %q", done)
	}
	if !strings.Contains(sets, "Acme DevEx Report") || !strings.Contains(sets, "2025") {
		t.Errorf("sets:\n%s", sets)
	}
	if n := countBenchmarks(t, db); n != 4 {
		t.Errorf("%d rows stored, want 4", n)
	}
	b.Screenshot("benchmarks-applied")
}

func countBenchmarks(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Model(&benchmark.Percentiles{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
