package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestOrgDashboardReadoutAndPresentMode(t *testing.T) {
	db := testdb.SQLite(t)
	w, _ := dashboardOrg(t, db)
	if err := benchmark.LoadDemo(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	exec := w.Add(t, "Eng", 1, "director", directory.Office)[0]
	if _, err := directory.AddGrant(context.Background(), db, exec.ID, directory.RoleExecutive, nil); err != nil {
		t.Fatal(err)
	}
	base := startServer(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, exec.ID)

	execSeesOrgDashboard(t, b, base)
	// A team's dashboard places its scores against the benchmark too.
	var band string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, w.Teams["Eng/Platform"].ID)),
		chromedp.WaitVisible(`[data-testid="driver-table"]`),
		chromedp.Text(`[data-driver="local_env"] [data-testid="driver-benchmark"]`, &band),
	)
	if !strings.Contains(band, "p") {
		t.Fatalf("local environment's benchmark cell says %q", band)
	}
	readoutPrintsToPDF(t, b, base)
	presentModeShowsOneFinding(t, b, base)
}

// execSeesOrgDashboard: the heatmap hides the small team, the declines
// name CI reliability, and the benchmark view shows percentiles.
func execSeesOrgDashboard(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	var heat, movers string
	b.Run(
		chromedp.Navigate(base+"/org"),
		chromedp.WaitVisible(`[data-testid="org-heatmap"]`),
		chromedp.WaitVisible(`.chart.is-drawn canvas`),
		chromedp.Text(`[data-testid="org-heatmap"]`, &heat),
		chromedp.Text(`[data-testid="movers-down"]`, &movers),
	)
	// innerText follows the headers' text-transform.
	if !strings.Contains(strings.ToLower(heat), "platform") || !strings.Contains(heat, "not enough responses") {
		t.Fatalf("org heatmap: %q", heat)
	}
	// Everyone's CI reliability fell in the last snapshot.
	if !strings.Contains(strings.ToLower(movers), "ci reliability") {
		t.Fatalf("declines: %q", movers)
	}
	b.Screenshot("org-dashboard")
	b.Run(
		chromedp.Navigate(base+"/org?view=benchmark"),
		chromedp.WaitVisible(`[data-testid="org-heatmap"]`),
		chromedp.Text(`[data-testid="org-heatmap"]`, &heat),
	)
	if !strings.Contains(heat, "Synthetic demo data") || !strings.Contains(heat, "p25") {
		t.Fatalf("benchmark view: %q", heat)
	}
	b.Screenshot("org-dashboard-benchmark")
}

// readoutPrintsToPDF: the readout has every section and Chromium prints it
// to a PDF, kept as an artifact.
func readoutPrintsToPDF(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	var pdf []byte
	var readout string
	b.Run(
		chromedp.Navigate(base+"/org/readout"),
		chromedp.WaitVisible(`.chart.is-drawn canvas`),
		chromedp.Text(`[data-testid="readout"]`, &readout),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPrintBackground(true).Do(ctx)
			return err
		}),
	)
	for _, want := range []string{"Participation", "Overall satisfaction", "Biggest declines", "What developers want fixed first", "Time saved by AI assistants"} {
		if !strings.Contains(readout, want) {
			t.Errorf("the readout lacks %q", want)
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10000 {
		t.Fatalf("print to PDF gave %d bytes", len(pdf))
	}
	path := filepath.Join(testbrowser.ArtifactsDir(t), "readout.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("readout: %s", path)
	b.Screenshot("readout")
}

// presentModeShowsOneFinding: present mode shows one finding per screen,
// and the arrow keys move.
func presentModeShowsOneFinding(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	var first, second, count string
	b.Run(
		chromedp.Navigate(base+"/org/present"),
		chromedp.WaitVisible(`.is-presenting`),
		chromedp.Text(`[data-slide]:not([hidden])`, &first),
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.Text(`[data-slide]:not([hidden])`, &second),
		chromedp.Text(`[data-slide-count]`, &count),
	)
	if first == second || !strings.Contains(second, "Participation") {
		t.Fatalf("present mode: first %q, then %q", first, second)
	}
	if !strings.HasPrefix(count, "2 / ") {
		t.Fatalf("slide counter %q", count)
	}
	var visible int
	b.Run(chromedp.Evaluate(`document.querySelectorAll('[data-slide]:not([hidden])').length`, &visible))
	if visible != 1 {
		t.Fatalf("%d slides visible at once", visible)
	}
	b.Screenshot("present-mode")
}
