package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// In the demo, the board's flaky-tests item shows the action plan that
// answers it, with its status, and links to it.
func TestDemoFeedbackShowsItsAction(t *testing.T) {
	_, base := startDemo(t)
	b := demoAdmin(t, base)
	var shown, href string
	b.Run(
		chromedp.Navigate(base+"/feedback?q=Flaky+integration"),
		chromedp.WaitVisible(`[data-testid="board-list"] td a`, chromedp.ByQuery),
	)
	b.ClickNavigate(`[data-testid="board-list"] td a`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="item-actions"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="item-actions"]`, &shown, chromedp.ByQuery),
		chromedp.AttributeValue(`[data-testid="item-action"]`, "href", &href, nil, chromedp.ByQuery),
	)
	b.Screenshot("demo-feedback-action")
	if !strings.Contains(shown, "Quarantine flaky tests automatically") || !strings.Contains(shown, "In progress") || !strings.HasPrefix(href, "/actions/") {
		t.Errorf("the item shows %q linking to %q", shown, href)
	}
}
