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

// TestDemoDashboardsHaveData is what a new user sees after `make run`:
// the demo organisation, a persona sign-in, and every dashboard with data.
func TestDemoDashboardsHaveData(t *testing.T) {
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
	b := testbrowser.New(t)

	// The admin signs in through the demo persona picker.
	b.Run(
		chromedp.Navigate(base+"/login?q="+demo.AdminEmail),
		chromedp.WaitVisible(`[data-testid="demo-personas"]`),
		chromedp.Click(`[data-testid="persona"]`),
		chromedp.WaitVisible(`[data-testid="home"]`),
	)

	var overall string
	b.Run(
		chromedp.Navigate(base+"/org"),
		chromedp.WaitVisible(`.chart.is-drawn canvas`),
		chromedp.Text(`[data-testid="org-overall"]`, &overall),
	)
	if strings.TrimSpace(overall) == "" || strings.HasPrefix(overall, "–") {
		t.Fatalf("the demo organisation's overall score is %q", overall)
	}
	b.Screenshot("demo-org")

	teams, err := directory.NewStore(db).Teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, team := range teams {
		var rows, hidden int
		b.Run(
			chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, team.ID)),
			chromedp.WaitVisible(`[data-testid="results-participation"]`),
			chromedp.Evaluate(`document.querySelectorAll('[data-testid=driver-row]').length`, &rows),
			chromedp.Evaluate(`document.querySelectorAll('[data-testid=results-hidden]').length`, &hidden),
		)
		switch {
		case team.Path == demo.SmallTeam:
			if hidden != 1 || rows != 0 {
				t.Errorf("%s (3 people) shows %d driver rows", team.Path, rows)
			}
		case rows == 0 && hidden == 0:
			t.Errorf("%s: the dashboard has no data", team.Path)
		}
		if team.Path == demo.Improvements[0].Team {
			b.Run(chromedp.WaitVisible(`.chart.is-drawn canvas`))
			b.Screenshot("demo-team")
		}
	}
}
