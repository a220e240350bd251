package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/web"
)

// The demo's pulse between quarters, drawn in Chromium: on the org page
// and on the Platform group's dashboard (the deploy tool's owners' group),
// the deploy pulse's weekly line with the quarterly deploy_process score
// at the week its snapshot closed, and the table beside it.
func TestDemoPulseBetweenQuarters(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	res, err := demo.Build(ctx, db, time.Now(), demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Finish(ctx, db, res, testQueue(t, db), 5); err != nil {
		t.Fatal(err)
	}
	base := startConfigured(t, db, func(_ *config.Config, d *web.Deps) { d.Demo = true; d.Jobs = testQueue(t, db) })
	platform, err := directory.NewStore(db).TeamByPath(ctx, "Engineering/Platform")
	if err != nil {
		t.Fatal(err)
	}
	b := testbrowser.New(t)
	b.Run(
		chromedp.Navigate(base+"/login?q=Demo+Admin"),
		chromedp.WaitVisible(`[data-testid="demo-personas"]`),
		chromedp.Click(`[data-testid="persona"]`),
		chromedp.WaitVisible(`[data-testid="home"]`),
	)
	for _, page := range []struct{ path, prefix string }{
		{"/org", "org-pulse"},
		{fmt.Sprintf("/teams/%d", platform.ID), "team-pulse"},
	} {
		sec := `[data-testid="` + page.prefix + `"]`
		var table, rate, participation string
		b.Run(
			chromedp.Navigate(base+page.path),
			chromedp.WaitVisible(sec+` .chart.is-drawn canvas`),
			chromedp.Text(`[data-testid="`+page.prefix+`-Deploys"]`, &table),
			chromedp.Text(sec+` [data-testid="`+page.prefix+`-recent-rate"]`, &rate),
			chromedp.Text(sec+` [data-testid="`+page.prefix+`-participation"]`, &participation),
		)
		b.ScreenshotElement("demo-"+page.prefix, sec)
		// A quarterly point with a score, a dozen weeks of the line, and
		// both rates.
		if !strings.Contains(table, "% (") || strings.Count(table, "%") < demo.PulseWeeks || !strings.HasSuffix(rate, "%") || !strings.HasSuffix(participation, "%") {
			t.Errorf("%s: the pulse shows too little (rates %q, %q):\n%s", page.path, rate, participation, table)
		}
	}
}
