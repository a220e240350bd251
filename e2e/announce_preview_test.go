package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// The announcements preview frames the voice-of-the-developer email as a
// document of its own, sandboxed, whose policy lets the email's inline
// styles apply (the app's policy forbids them, so the old srcdoc frame
// showed the email unstyled).
func TestAnnouncementsPreviewInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	admin := addPerson(t, db, "ada@example.com", "Ada Admin", "a long admin password")
	snap, err := survey.NewStore(db, testQueue(t, db)).CreateSnapshot(context.Background(),
		survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, admin.ID)

	var size string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/snapshots/%d/announcements/preview", base, snap.ID)),
		chromedp.WaitVisible(`[data-testid="voice-html"]`, chromedp.ByQuery),
		// Sandboxed: the page cannot reach into the email's document.
		chromedp.Poll(`document.querySelector('[data-testid="voice-html"]').contentDocument === null`, nil),
	)
	// The frame is sandboxed (an opaque origin), so read the email's
	// styling from its own document.
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/snapshots/%d/announcements/preview/voice", base, snap.ID)),
		chromedp.WaitVisible(`h1`, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('h1')).fontSize`, &size),
	)
	if size != "22px" {
		t.Errorf("the email's heading is %s: its inline styles did not apply", size)
	}
	b.Run(chromedp.Navigate(fmt.Sprintf("%s/admin/snapshots/%d/announcements/preview", base, snap.ID)),
		chromedp.WaitVisible(`[data-testid="voice-html"]`, chromedp.ByQuery))
	b.Screenshot("announcements-preview")
}
