package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// A lead reads the team page and a driver's page on a desktop and on a
// phone: the headline leads in words, the trend shows the driver the
// reader picks, and neither page scrolls sideways at 375 px.
func TestTeamPagesFitDesktopAndPhone(t *testing.T) {
	db := testdb.SQLite(t)
	w, lead := dashboardOrg(t, db)
	base := startServer(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, lead.ID)
	team := fmt.Sprintf("%s/teams/%d", base, w.Teams["Eng/Platform"].ID)

	for _, screen := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 375, 740}} {
		var headline string
		b.Run(
			chromedp.EmulateViewport(screen.width, screen.height),
			chromedp.Navigate(team),
			chromedp.WaitVisible(`[data-testid="driver-table"]`, chromedp.ByQuery),
			chromedp.Text(`[data-testid="headline"]`, &headline, chromedp.ByQuery),
		)
		if !strings.HasPrefix(headline, "Overall satisfaction ") || !strings.Contains(headline, "since 2026 Q2") {
			t.Errorf("%s: headline %q", screen.name, headline)
		}
		noSidewaysScroll(t, b, screen.name+" team page")
		b.Screenshot("team-dashboard-" + screen.name)
		b.ScreenshotElement("team-summary-"+screen.name, `[data-testid="summary"]`)
		b.ScreenshotElement("team-drivers-"+screen.name, `[data-testid="driver-table"]`)

		b.Run(
			chromedp.Click(`[data-driver="ci_reliability"] [data-testid="driver-link"]`, chromedp.ByQuery),
			chromedp.WaitVisible(`[data-testid="driver-history"]`, chromedp.ByQuery),
		)
		var name string
		var history int
		b.Run(
			chromedp.Text(`[data-testid="driver-name"]`, &name, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('[data-testid=history-row]').length`, &history),
		)
		if name == "" || history != 3 {
			t.Errorf("%s: driver page %q with %d history rows, want 3", screen.name, name, history)
		}
		noSidewaysScroll(t, b, screen.name+" driver page")
		b.Screenshot("team-driver-" + screen.name)
	}

	// The trend shows one driver, picked with a plain form.
	var url string
	var series int
	b.Run(
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(team),
		chromedp.WaitVisible(`[data-testid="trend-select"]`, chromedp.ByQuery),
		chromedp.SetValue(`[data-testid="trend-select"]`, "ci_reliability", chromedp.ByQuery),
		chromedp.Submit(`[data-testid="trend-form"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.chart.is-drawn canvas`, chromedp.ByQuery),
		chromedp.Location(&url),
		chromedp.Evaluate(`JSON.parse(document.querySelector('[data-testid=trend-chart]').dataset.chart).series.length`, &series),
	)
	if !strings.Contains(url, "trend=ci_reliability") || series != 1 {
		t.Errorf("trend: %s with %d lines, want ci_reliability alone", url, series)
	}
	b.ScreenshotElement("team-trend", `[data-testid="trend"]`)

	// A team too small to show says why, with the minimum, on a phone too.
	exec := w.Add(t, "Eng", 1, "manager", directory.Office)[0]
	if _, err := directory.AddGrant(context.Background(), db, exec.ID, directory.RoleExecutive, nil); err != nil {
		t.Fatal(err)
	}
	signInAs(t, b, db, base, exec.ID)
	var hidden string
	b.Run(
		chromedp.EmulateViewport(375, 740),
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, w.Teams["Eng/Tiny"].ID)),
		chromedp.WaitVisible(`[data-testid="results-hidden"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="results-hidden"]`, &hidden, chromedp.ByQuery),
	)
	if !strings.Contains(hidden, "the minimum is 5") {
		t.Errorf("Tiny says %q", hidden)
	}
	noSidewaysScroll(t, b, "phone too-small team page")
	b.Screenshot("team-too-small-phone")
}

// noSidewaysScroll fails when the page is wider than the window.
func noSidewaysScroll(t *testing.T, b *testbrowser.Browser, what string) {
	t.Helper()
	var scroll, inner int
	b.Run(
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
		chromedp.Evaluate(`window.innerWidth`, &inner),
	)
	if scroll > inner {
		var wide []string
		b.Run(chromedp.Evaluate(`[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + (e.dataset.testid || ''))`, &wide))
		t.Errorf("%s: %d px wide in a %d px window; too wide: %v", what, scroll, inner, wide)
	}
}
