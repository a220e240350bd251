package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestLandingPage(t *testing.T) {
	base := startServer(t, testdb.SQLite(t))
	b := testbrowser.New(t)

	var heading, bg string
	var cards int
	b.Run(
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`[data-testid="landing"]`, chromedp.ByQuery),
		chromedp.Text("h1", &heading, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".card").length`, &cards),
		// The stylesheet loaded if the body has our background colour.
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &bg),
	)
	if !strings.Contains(heading, "developers hurt") {
		t.Errorf("heading %q", heading)
	}
	if cards != 4 {
		t.Errorf("%d cards, want 4", cards)
	}
	if bg != "rgb(246, 247, 251)" {
		t.Errorf("body background %q: stylesheet not applied", bg)
	}
	b.Screenshot("landing-desktop")

	b.Run(chromedp.EmulateViewport(375, 812), chromedp.Reload())
	b.Screenshot("landing-phone")
}
