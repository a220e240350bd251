package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

// TestFeedbackDuplicateHintAndDrivers: typing a title shows the similar
// item already on the board; the new item's driver links to the
// dashboards and the list filters by it.
func TestFeedbackDuplicateHintAndDrivers(t *testing.T) {
	db := testdb.SQLite(t)
	base, svc := startNotifyingServer(t, db, testsmtp.Start(t), testslack.Start(t))
	people, tool := boardOrg(t, db, svc)
	ctx := context.Background()
	_, err := svc.BoardChanges.Post(ctx, board.Actor{Name: "kim", PersonID: people["Kim Park"]},
		board.ItemInput{ToolID: tool.ID, Title: "CI builds take 40 minutes", Description: "Every merge waits."})
	if err != nil {
		t.Fatal(err)
	}
	drivers, err := board.NewStore(db).Drivers(ctx)
	if err != nil || len(drivers) == 0 {
		t.Fatalf("drivers %v %v", drivers, err)
	}
	d := drivers[0]
	b := testbrowser.New(t)
	signInAs(t, b, db, base, people["Jo Okafor"])
	var hint string
	b.Run(chromedp.Navigate(base+"/feedback/new"),
		chromedp.SendKeys(`#f-title`, "Slow CI builds", chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="similar-item"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="similar"]`, &hint, chromedp.ByQuery))
	if !strings.Contains(hint, "CI builds take 40 minutes") || !strings.Contains(hint, "instead of posting again") {
		t.Fatalf("the hint says %q", hint)
	}
	b.Screenshot("board-similar-hint")
	b.Run(chromedp.SetValue(`#f-tool`, fmt.Sprint(tool.ID), chromedp.ByQuery),
		chromedp.Click(`[data-testid="driver-`+d.Key+`"]`, chromedp.ByQuery))
	b.ClickNavigate(`[data-testid="board-submit"]`)
	var href string
	var ok bool
	b.Run(chromedp.WaitVisible(`[data-testid="item-driver-`+d.Key+`"]`, chromedp.ByQuery),
		chromedp.AttributeValue(`[data-testid="item-driver-`+d.Key+`"]`, "href", &href, &ok, chromedp.ByQuery))
	if href != "/org#driver-"+d.Key {
		t.Fatalf("the driver links to %q", href)
	}
	b.Screenshot("board-item-drivers")
	var rows []string
	b.Run(chromedp.Navigate(fmt.Sprintf("%s/feedback?driver=%d", base, d.ID)),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="board-items"] tbody tr')].map(r => r.innerText)`, &rows))
	if len(rows) != 1 || !strings.Contains(rows[0], "Slow CI builds") {
		t.Fatalf("filtered by driver: %q", rows)
	}
	b.Screenshot("board-driver-filter")
}
