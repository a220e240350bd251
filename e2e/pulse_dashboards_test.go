package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/directory"
)

// The demo's pulse between quarters, drawn in Chromium: on the org page
// and on the Platform group's dashboard (the deploy tool's owners' group),
// the deploy pulse's weekly line with the quarterly deploy_process score
// at the week its snapshot closed, and the table beside it.
func TestDemoPulseBetweenQuarters(t *testing.T) {
	db, base := startDemo(t)
	platform, err := directory.NewStore(db).TeamByPath(context.Background(), "Engineering/Platform")
	if err != nil {
		t.Fatal(err)
	}
	b := demoAdmin(t, base)
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
