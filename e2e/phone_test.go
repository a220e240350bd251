package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

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
