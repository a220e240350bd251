package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// metricsOrg has nine teams of five whose snapshot closed eight weeks
// ago, and 20 weeks of CI and delivery figures per team; CI failure rate
// rises with the share of a team unhappy about CI reliability.
func metricsOrg(t *testing.T, db *gorm.DB) (*resultstest.World, directory.Person) {
	w := resultstest.New(t, db, 5)
	happy := map[int64]bool{}
	for i := 0; i < 9; i++ {
		for j, p := range w.Add(t, fmt.Sprintf("Eng/Team %d", i+1), 5, "backend", directory.Hybrid) {
			happy[p.ID] = j < i%6
		}
	}
	w.Snapshot(t, "2026 Q3", func(p directory.Person) *resultstest.Answers {
		r := 2
		if happy[p.ID] {
			r = 5
		}
		return &resultstest.Answers{Ratings: map[string]int{"ci_reliability": r, "deploy_process": r}}
	})
	closed := time.Now().UTC().AddDate(0, 0, -56)
	if err := db.Exec("UPDATE snapshots SET closed_at = ?", closed).Error; err != nil {
		t.Fatal(err)
	}
	var vals []metrics.Value
	for i := 0; i < 9; i++ {
		team := w.Teams[fmt.Sprintf("Eng/Team %d", i+1)]
		for k := 0; k < 20; k++ {
			week := metrics.Week(time.Now().UTC().AddDate(0, 0, -7*k))
			drift := 0.004 * float64(20-k) // failures creep up week by week
			add := func(name, unit string, v float64) {
				vals = append(vals, metrics.Value{TeamID: team.ID, Name: name, ISOWeek: week, Value: v, Unit: unit})
			}
			add(metrics.CIFailureRate, "ratio", 0.25-0.03*float64(i%6)+drift+0.01*float64(k%3))
			add(metrics.DeployFrequency, "deploys", float64(3+2*i+k%4))
			add(metrics.ChangeFailureRate, "ratio", 0.05+0.03*float64(i%5))
			add(metrics.TimeToRestore, "hours", 0.5+3*float64(i))
			add(metrics.PRLeadTime, "hours", 4+6*float64(i))
		}
	}
	if _, err := metrics.New(db, audit.New(db)).Save(context.Background(), vals, metrics.SourceDemo, "test"); err != nil {
		t.Fatal(err)
	}
	exec := w.Add(t, "Eng", 1, "manager", directory.Office)[0]
	if _, err := directory.AddGrant(context.Background(), db, exec.ID, directory.RoleExecutive, nil); err != nil {
		t.Fatal(err)
	}
	return w, exec
}

func TestMetricsOnTheDashboardsInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	w, exec := metricsOrg(t, db)
	base := startServer(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, exec.ID)

	var drivers []string
	var signal string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, w.Teams["Eng/Team 2"].ID)),
		chromedp.WaitVisible(`[data-testid="team-metrics"]`),
		chromedp.WaitVisible(`[data-testid="team-metrics-chart"].is-drawn canvas`),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid=team-metrics-driver]')].map(h => h.textContent.trim())`, &drivers),
		chromedp.Text(`[data-testid="team-metrics-signal"]`, &signal),
		chromedp.ScrollIntoView(`[data-testid="team-metrics"]`),
	)
	if strings.Join(drivers, ",") != "CI reliability,Deployment process" || signal != metrics.Worsening {
		t.Fatalf("drivers %v, first signal %q", drivers, signal)
	}
	b.Screenshot("team-metrics")

	var dora, rho string
	b.Run(
		chromedp.Navigate(base+"/org"),
		chromedp.WaitVisible(`[data-testid="org-dora-table"]`),
		chromedp.Text(`[data-testid="org-dora-table"]`, &dora),
		chromedp.WaitVisible(`[data-testid="correlation-chart"].is-drawn canvas`),
		chromedp.Text(`[data-testid="correlation-rho"]`, &rho),
		chromedp.ScrollIntoView(`[data-testid="org-correlations"]`),
	)
	for _, want := range []string{"Eng/Team 1", "Eng/Team 9", "elite", "Deployment frequency", "Time to restore"} {
		if !strings.Contains(strings.ToLower(dora), strings.ToLower(want)) {
			t.Errorf("the DORA table lacks %q:\n%s", want, dora)
		}
	}
	if !strings.Contains(rho, "n = 9 teams") {
		t.Errorf("correlation: %q", rho)
	}
	b.Screenshot("org-correlations")
	b.Run(chromedp.ScrollIntoView(`[data-testid="org-dora"]`))
	b.Screenshot("org-dora")
}

// The demo organisation after `make run`: the CI team's dashboard shows
// its CI failure rate beside CI reliability, and the org page DORA's keys.
func TestDemoMetricsInTheBrowser(t *testing.T) {
	db, _ := demoFixture.SQLite(t)
	ctx := context.Background()
	base := startServer(t, db)
	admin, err := directory.NewStore(db).PersonByEmail(ctx, demo.AdminEmail)
	if err != nil {
		t.Fatal(err)
	}
	ci, err := directory.NewStore(db).TeamByPath(ctx, "Engineering/Platform/CI")
	if err != nil {
		t.Fatal(err)
	}
	b := testbrowser.New(t)
	signInAs(t, b, db, base, admin.ID)
	var signal string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, ci.ID)),
		chromedp.WaitVisible(`[data-testid="team-metrics-chart"].is-drawn canvas`),
		chromedp.Text(`[data-testid="team-metrics-signal"]`, &signal),
		chromedp.ScrollIntoView(`[data-testid="team-metrics"]`),
	)
	b.Screenshot("demo-team-metrics")
	if signal == "" {
		t.Fatal("no interim signal on the CI team's dashboard")
	}
	b.Run(
		chromedp.Navigate(base+"/org"),
		chromedp.WaitVisible(`[data-testid="org-dora-table"]`),
		chromedp.ScrollIntoView(`[data-testid="org-correlations"]`),
	)
	b.Screenshot("demo-org-metrics")
}

// An admin imports a metrics file: the bad line by number, fixed on the
// page, previewed and applied; then the links page.
func TestMetricsImportInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	w := resultstest.New(t, db, 5)
	adminPerson := w.Add(t, "Eng/CI", 1, "manager", directory.Office)[0]
	if _, err := directory.AddGrant(context.Background(), db, adminPerson.ID, directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	base := startServer(t, db)
	b := testbrowser.New(t)
	b.Expect("status of 422") // the file with a bad line comes back with 422
	signInAs(t, b, db, base, adminPerson.ID)
	bad := filepath.Join(t.TempDir(), "ci-weekly.csv")
	text := "team,name,week,value,unit\nEng/CI,flaky_test_rate,2026-W40,0.031,ratio\nEng/Nope,flaky_test_rate,2026-W40,0.02,ratio\n"
	if err := os.WriteFile(bad, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	var lines []string
	var plan string
	b.Run(
		chromedp.Navigate(base+"/admin/metrics"),
		chromedp.SetUploadFiles(`#metrics-file`, []string{bad}, chromedp.ByQuery),
		chromedp.Click(`[data-testid="metrics-preview"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="metrics-errors"]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid="metrics-error-line"]')).map(e => e.textContent)`, &lines),
	)
	b.Screenshot("metrics-import-errors")
	if strings.Join(lines, ",") != "3" {
		t.Fatalf("error lines %v, want 3", lines)
	}
	b.Run(
		chromedp.SetValue(`#metrics-text`, "team,name,week,value,unit\nEng/CI,flaky_test_rate,2026-W40,0.031,ratio\nEng/CI,flaky_test_rate,2026-W41,0.02,ratio\n", chromedp.ByQuery),
		chromedp.Click(`[data-testid="metrics-check"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="metrics-plan"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="metrics-plan"]`, &plan, chromedp.ByQuery),
	)
	b.Screenshot("metrics-import-preview")
	b.ClickNavigate(`[data-testid="metrics-apply"]`)
	var n int64
	db.Model(&metrics.Value{}).Count(&n)
	if !strings.Contains(plan, "adds 2") || n != 2 {
		t.Fatalf("plan %q, %d values stored", plan, n)
	}
	b.Run(chromedp.Navigate(base+"/admin/metrics/links"), chromedp.WaitVisible(`[data-testid="metric-links-table"]`, chromedp.ByQuery))
	b.Screenshot("metrics-links")
}

// The demo's correlations page (AI use, where time goes) and a parent
// team's rolled-up metrics, at desktop and phone widths.
func TestDemoSentimentCorrelationsInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	res, err := demo.Build(ctx, db, time.Now(), demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Finish(ctx, db, res, testQueue(t, db), 5); err != nil {
		t.Fatal(err)
	}
	base := startServer(t, db)
	admin, err := directory.NewStore(db).PersonByEmail(ctx, demo.AdminEmail)
	if err != nil {
		t.Fatal(err)
	}
	platform, err := directory.NewStore(db).TeamByPath(ctx, "Engineering/Platform")
	if err != nil {
		t.Fatal(err)
	}
	b := testbrowser.New(t)
	signInAs(t, b, db, base, admin.ID)
	for _, width := range []int64{1280, 375} {
		var text string
		b.Run(
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(base+"/org"),
			chromedp.WaitVisible(`[data-testid="sentiment-correlations"]`),
			chromedp.Text(`[data-testid="sentiment-correlations"]`, &text),
		)
		if !strings.Contains(text, "Correlation is not cause") {
			t.Fatalf("the AI and time section lacks its caution: %q", text)
		}
		b.ScreenshotElement(fmt.Sprintf("metrics-correlations-%d", width), `[data-testid="sentiment-correlations"]`)
		b.Run(
			chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, platform.ID)),
			chromedp.WaitVisible(`[data-testid="team-metrics-chart"].is-drawn canvas`),
			chromedp.Text(`[data-testid="team-metrics"]`, &text),
		)
		if !strings.Contains(text, "sub-teams together") {
			t.Fatalf("the parent team's metrics are not rolled up: %q", text)
		}
		b.ScreenshotElement(fmt.Sprintf("metrics-team-%d", width), `[data-testid="team-metrics"]`)
	}
}
