package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	// Four pages and a PDF in one browser: more than the default two
	// minutes under the race detector on a busy machine.
	b := testbrowser.NewFor(t, 5*time.Minute)
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

// presentModeShowsOneFinding: present mode shows one finding per screen;
// the arrow keys and the Previous and Next buttons move, and a decline is
// drawn in the decline colour with its ▼.
func presentModeShowsOneFinding(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	var first, second, count, afterNext, afterPrev string
	b.Run(
		chromedp.Navigate(base+"/org/present"),
		chromedp.WaitVisible(`.is-presenting`),
		chromedp.Text(`[data-slide]:not([hidden])`, &first),
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.Text(`[data-slide]:not([hidden])`, &second),
		chromedp.Text(`[data-slide-count]`, &count),
		chromedp.Click(`[data-slide-next]`, chromedp.ByQuery),
		chromedp.Text(`[data-slide-count]`, &afterNext),
		chromedp.Click(`[data-slide-prev]`, chromedp.ByQuery),
		chromedp.Text(`[data-slide-count]`, &afterPrev),
	)
	if first == second || !strings.Contains(second, "Participation") {
		t.Fatalf("present mode: first %q, then %q", first, second)
	}
	if !strings.HasPrefix(count, "2 / ") || !strings.HasPrefix(afterNext, "3 / ") || !strings.HasPrefix(afterPrev, "2 / ") {
		t.Fatalf("slide counter %q, after Next %q, after Previous %q", count, afterNext, afterPrev)
	}
	var visible int
	b.Run(chromedp.Evaluate(`document.querySelectorAll('[data-slide]:not([hidden])').length`, &visible))
	if visible != 1 {
		t.Fatalf("%d slides visible at once", visible)
	}
	b.Screenshot("present-mode")
	declineDrawnInRed(t, b, "present-decline")
}

// declineDrawnInRed moves with the Next button to the slide of declines
// and checks its big number is red (--bad) with a ▼, and its chart's bars
// are drawn in the same red.
func declineDrawnInRed(t *testing.T, b *testbrowser.Browser, shot string) {
	t.Helper()
	var at, current int
	b.Run(
		chromedp.Evaluate(`[...document.querySelectorAll('[data-slide]')].findIndex(s => s.querySelector('[data-finding="declines"]'))`, &at),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-slide]')].findIndex(s => !s.hidden)`, &current),
	)
	if at < 0 {
		t.Fatal("present mode has no slide of declines")
	}
	for ; current < at; current++ {
		b.Run(chromedp.Click(`[data-slide-next]`, chromedp.ByQuery))
	}
	var big, colour, chart string
	b.Run(
		chromedp.WaitVisible(`[data-finding="declines"] .chart.is-drawn canvas`, chromedp.ByQuery),
		chromedp.Text(`[data-finding="declines"] .big-number`, &big, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('[data-finding="declines"] .big-number')).color`, &colour),
		chromedp.AttributeValue(`[data-finding="declines"] .chart`, "data-chart", &chart, nil, chromedp.ByQuery),
	)
	if !strings.HasPrefix(big, "▼") || colour != "rgb(180, 35, 24)" {
		t.Errorf("the decline %q is drawn in %s, want ▼ in rgb(180, 35, 24)", big, colour)
	}
	if !strings.Contains(chart, `"color":"#b42318"`) || strings.Contains(chart, `"color":"#1e7b4a"`) {
		t.Errorf("the declines chart is not all red: %s", chart)
	}
	b.Screenshot(shot)
}

// unfocusableScrollRegions lists the elements of the page that scroll but
// that a keyboard cannot reach (neither focusable nor holding anything
// focusable): what axe-core's scrollable-region-focusable reports.
const unfocusableScrollRegions = `[...document.querySelectorAll('body *')].filter(e => {
	const s = getComputedStyle(e);
	const scrolls = (e.scrollWidth > e.clientWidth + 1 && /auto|scroll/.test(s.overflowX)) ||
		(e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(s.overflowY));
	return scrolls && e.tabIndex < 0 && !e.querySelector('a[href], button, input, select, textarea, [tabindex]');
}).map(e => e.tagName + '.' + e.className + ' in ' + ((e.closest('[data-testid]') || {}).dataset || {}).testid + ' ' + e.scrollWidth + '/' + e.clientWidth + ' ' + e.scrollHeight + '/' + e.clientHeight)`

// TestOrgHeatmapFitsADesktop: on the demo organisation (15 drivers) at
// 1280 px, every driver column of the heatmap shows without a sideways
// scroll, each header carries the driver's full name, the legend explains
// the colours, and no region scrolls out of a keyboard's reach.
func TestOrgHeatmapFitsADesktop(t *testing.T) {
	_, base := startDemo(t)
	b := demoAdmin(t, base)
	var drivers, titles []string
	var lastRight, wrapScroll, wrapClient float64
	var legend string
	var unreachable []string
	b.Run(
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/org"),
		chromedp.WaitVisible(`.chart.is-drawn canvas`),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="heat-driver"]')].map(th => th.textContent.trim())`, &drivers),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="heat-driver"]')].map(th => th.title)`, &titles),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="heat-driver"]')].pop().getBoundingClientRect().right`, &lastRight),
		chromedp.Evaluate(`document.querySelector('[data-testid="org-heatmap-scroll"]').scrollWidth`, &wrapScroll),
		chromedp.Evaluate(`document.querySelector('[data-testid="org-heatmap-scroll"]').clientWidth`, &wrapClient),
		chromedp.Text(`[data-testid="heat-legend"]`, &legend),
		chromedp.Evaluate(unfocusableScrollRegions, &unreachable),
	)
	b.ScreenshotElement("org-heatmap-1280", `[data-testid="org-heatmap"]`)
	b.Screenshot("org-1280")
	if len(drivers) < 15 {
		t.Fatalf("the heatmap has %d driver columns, want the demo's 15 or more: %v", len(drivers), drivers)
	}
	if lastRight > 1280 || wrapScroll > wrapClient {
		t.Errorf("the last driver column ends at %.0f px; the heatmap is %.0f px wide in a %.0f px box", lastRight, wrapScroll, wrapClient)
	}
	for i := range drivers {
		if titles[i] != drivers[i] || drivers[i] == "" {
			t.Errorf("driver column %d: text %q, title %q", i, drivers[i], titles[i])
		}
	}
	for _, want := range []string{"85% and over", "under 40%", "fewer than 5 answered", "hidden"} {
		if !strings.Contains(legend, want) {
			t.Errorf("the legend %q lacks %q", legend, want)
		}
	}
	if len(unreachable) > 0 {
		t.Errorf("regions that scroll but a keyboard cannot reach: %v", unreachable)
	}
	b.Run(chromedp.Navigate(base+"/org/readout"), chromedp.WaitVisible(`.chart.is-drawn canvas`))
	b.Screenshot("org-readout-1280")
	b.Run(chromedp.Navigate(base+"/admin/drivers"), chromedp.WaitVisible(`[data-testid="drivers-active"]`))
	b.Screenshot("admin-drivers-1280")
	b.Run(chromedp.Navigate(base+"/org/present"), chromedp.WaitVisible(`[data-slide-next]`, chromedp.ByQuery))
	b.Screenshot("present-1280")
	declineDrawnInRed(t, b, "present-decline-1280")
}
