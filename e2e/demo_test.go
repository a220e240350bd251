package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
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
	db, base := startDemo(t)
	ctx := context.Background()
	b := demoAdmin(t, base)

	demoAdminSeesOrgAndReadout(t, b, base)
	teams, err := directory.NewStore(db).Teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	everyTeamDashboardHasData(t, db, base, teams)
	var improved directory.Team
	for _, team := range teams {
		if team.Path == demo.Improvements[0].Team {
			improved = team
		}
	}
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, improved.ID)),
		chromedp.WaitVisible(`.chart.is-drawn canvas`),
	)
	b.Screenshot("demo-team")
}

// demoAdminSeesOrgAndReadout: the signed-in admin finds an overall score
// on the organisation's dashboard, and the readout's charts.
func demoAdminSeesOrgAndReadout(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
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
	b.Run(
		chromedp.Navigate(base+"/org/readout"),
		chromedp.WaitVisible(`.chart.is-drawn canvas`),
	)
	b.Screenshot("demo-readout")
}

// everyTeamDashboardHasData reads every team's dashboard as the demo admin
// over plain HTTP: scores everywhere but on the small team, which is hidden.
func everyTeamDashboardHasData(t *testing.T, db *gorm.DB, base string, teams []directory.Team) {
	t.Helper()
	ctx := context.Background()
	admin, err := directory.NewStore(db).PersonByEmail(ctx, demo.AdminEmail)
	if err != nil {
		t.Fatal(err)
	}
	token, err := auth.NewSessions(db).Create(ctx, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, team := range teams {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/teams/%d", base, team.ID), nil)
		req.AddCookie(&http.Cookie{Name: "devpulse_session", Value: token})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(body)
		rows, hidden := strings.Count(page, `data-testid="driver-row"`), strings.Contains(page, `data-testid="results-hidden"`)
		switch {
		case resp.StatusCode != http.StatusOK:
			t.Errorf("%s: status %d", team.Path, resp.StatusCode)
		case team.Path == demo.SmallTeam:
			if !hidden || rows != 0 {
				t.Errorf("%s (3 people) shows %d driver rows", team.Path, rows)
			}
		case rows == 0:
			t.Errorf("%s: the dashboard has no scores", team.Path)
		}
	}
}

// demoFixture is the demo organisation built today with its results
// materialised for a minimum group of 5: built once, each test gets a copy.
var demoFixture = &testdb.Fixture[demo.Result]{Name: "demo", Build: func(ctx context.Context, db *gorm.DB) (demo.Result, error) {
	res, err := demo.Build(ctx, db, time.Now(), demo.Options{})
	if err == nil {
		err = demo.Finish(ctx, db, res, nil, 5)
	}
	return res, err
}}

func TestMain(m *testing.M) {
	code := m.Run()
	demoFixture.Remove()
	os.Exit(code)
}

// startDemo serves a copy of the demo organisation, its results
// materialised, in demo mode.
func startDemo(t testing.TB) (*gorm.DB, string) {
	t.Helper()
	db, _ := demoFixture.SQLite(t)
	return db, startConfigured(t, db, func(_ *config.Config, d *web.Deps) { d.Demo = true; d.Jobs = testQueue(t, db) })
}

// demoAdmin is a browser signed in as the demo's admin, through the
// persona picker.
func demoAdmin(t testing.TB, base string) *testbrowser.Browser {
	t.Helper()
	b := testbrowser.New(t)
	b.Run(
		chromedp.Navigate(base+"/login?q=Demo+Admin"),
		chromedp.WaitVisible(`[data-testid="demo-personas"]`),
		chromedp.Click(`[data-testid="persona"]`),
		chromedp.WaitVisible(`[data-testid="home"]`),
	)
	return b
}
