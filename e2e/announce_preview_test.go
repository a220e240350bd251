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
// document of its own, whose policy lets the email's inline styles apply
// and runs no script (the app's policy forbids inline styles, so the old
// srcdoc frame showed the email unstyled).
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

	const heading = `(() => { const f = document.querySelector('[data-testid="voice-html"]');
		const h = f.contentDocument && f.contentDocument.querySelector('h1');
		return h ? f.contentWindow.getComputedStyle(h).fontSize : ''; })()`
	var size, sandbox string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/snapshots/%d/announcements/preview", base, snap.ID)),
		chromedp.Poll(heading+` !== ''`, nil),
		chromedp.Evaluate(heading, &size),
		chromedp.Evaluate(`document.querySelector('[data-testid="voice-html"]').getAttribute('sandbox')`, &sandbox),
	)
	b.Screenshot("announcements-preview")
	if size != "22px" || sandbox != "allow-same-origin" {
		t.Errorf("the email's heading is %q (its inline styles must apply), frame sandbox %q", size, sandbox)
	}
}
