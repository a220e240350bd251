package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// On a phone the navigation folds behind a Menu button that opens every
// link; on a desktop every link shows and the button does not.
func TestNavigationMenuOnAPhone(t *testing.T) {
	db := testdb.SQLite(t)
	admin := addPerson(t, db, "ada@example.com", "Ada Admin", "a long admin password")
	base := startServer(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, admin.ID)

	const visibleLinks = `[...document.querySelectorAll('.site-nav a')].filter(a => a.offsetParent !== null).map(a => a.textContent.trim())`
	var all, before, after []string
	var menuShown bool
	var width int
	b.Run(
		chromedp.EmulateViewport(375, 667),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`[data-menu-toggle]`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('.site-nav a')].map(a => a.textContent.trim())`, &all),
		chromedp.Evaluate(visibleLinks, &before),
	)
	b.Screenshot("nav-phone-folded")
	b.Run(
		chromedp.Click(`[data-menu-toggle]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.site-nav.open`, chromedp.ByQuery),
		chromedp.Evaluate(visibleLinks, &after),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &width),
	)
	b.Screenshot("nav-phone-open")
	if len(all) < 5 || len(before) != 0 || len(after) != len(all) {
		t.Errorf("phone: %d links, %d visible folded, %d visible open (%v)", len(all), len(before), len(after), after)
	}
	if width > 375 {
		t.Errorf("phone: the page is %d px wide with the menu open", width)
	}

	b.Run(
		chromedp.EmulateViewport(1280, 900),
		chromedp.Reload(),
		chromedp.WaitVisible(`.site-nav a`, chromedp.ByQuery),
		chromedp.Evaluate(visibleLinks, &after),
		chromedp.Evaluate(`document.querySelector('[data-menu-toggle]').offsetParent !== null`, &menuShown),
	)
	if len(after) != len(all) || menuShown {
		t.Errorf("desktop: %d of %d links visible, menu button shown %v", len(after), len(all), menuShown)
	}
}

// On a phone the survey's first question is on the first screen; a submit
// with questions left lists every one of them, and each link leads to its
// question.
func TestSurveyOnAPhone(t *testing.T) {
	db := testdb.SQLite(t)
	base := startServer(t, db)
	token, _ := openSurvey(t, db)
	link := base + "/s/" + token
	b := testbrowser.New(t)

	var top float64
	b.Run(
		chromedp.EmulateViewport(375, 667),
		chromedp.Navigate(link),
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('[data-testid="survey-question"] .q-legend').getBoundingClientRect().bottom`, &top),
	)
	b.Screenshot("survey-phone-first-screen")
	if top <= 0 || top > 667 {
		t.Errorf("the first question's prompt ends %.0f px down a 667 px screen", top)
	}

	var links []string
	b.Expect("status of 422") // the refused submit
	b.Run(chromedp.Navigate(link+"?section=5"), chromedp.WaitVisible(`button[value="submit"]`, chromedp.ByQuery))
	b.ClickNavigate(`button[value="submit"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="missing-summary"]`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="missing-link"]')].map(a => a.getAttribute('href'))`, &links),
	)
	b.Screenshot("survey-phone-missing")
	if len(links) < 15 || !strings.Contains(links[0], "?section=1#q-") {
		t.Fatalf("missing links %v", links)
	}
	var section string
	b.ClickNavigate(`[data-testid="missing-link"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="survey-section-title"]`, chromedp.ByQuery),
		chromedp.Evaluate(`location.search + location.hash`, &section))
	if section != links[0][strings.Index(links[0], "?"):] {
		t.Errorf("the first link led to %q, want %q", section, links[0])
	}
}

// TestOrgPagesFitAPhone: at 375 px, the demo admin's organisation pages,
// the driver library and a team page are no wider than the screen (what
// does not fit scrolls inside its own focusable region), and present
// mode's buttons still move between slides.
func TestOrgPagesFitAPhone(t *testing.T) {
	db, base := startDemo(t)
	b := demoAdmin(t, base)
	teams, err := directory.NewStore(db).Teams(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var team directory.Team
	for _, tm := range teams {
		if tm.Path == demo.Improvements[0].Team {
			team = tm
		}
	}
	// The team page's tables are its own template's to mark (regions false).
	pages := []struct {
		name, path, ready string
		regions           bool
	}{
		{"org-375", "/org", `.chart.is-drawn canvas`, true},
		{"org-readout-375", "/org/readout", `.chart.is-drawn canvas`, true},
		{"present-375", "/org/present", `.is-presenting`, true},
		{"admin-drivers-375", "/admin/drivers", `[data-testid="drivers-active"]`, true},
		{"team-375", fmt.Sprintf("/teams/%d", team.ID), `#segment`, false},
	}
	b.Run(chromedp.EmulateViewport(375, 800))
	for _, p := range pages {
		var width, inner int
		var unreachable []string
		b.Run(
			chromedp.Navigate(base+p.path),
			chromedp.WaitVisible(p.ready, chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &width),
			chromedp.Evaluate(`innerWidth`, &inner),
			chromedp.Evaluate(unfocusableScrollRegions, &unreachable),
		)
		b.Screenshot(p.name)
		if inner != 375 || width > inner {
			t.Errorf("%s is %d px wide on a %d px screen", p.path, width, inner)
		}
		if p.regions && len(unreachable) > 0 {
			t.Errorf("%s: regions that scroll but a keyboard cannot reach: %v", p.path, unreachable)
		}
	}
	b.Run(chromedp.Navigate(base+"/org/present"), chromedp.WaitVisible(`[data-slide-next]`, chromedp.ByQuery))
	declineDrawnInRed(t, b, "present-decline-375")
}
