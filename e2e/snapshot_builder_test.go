package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
)

// pilotQuestion is one question the admin adds through the form.
type pilotQuestion struct {
	kind   survey.Kind
	fields map[string]string // input ID -> value
}

var pilotQuestions = []pilotQuestion{
	{survey.KindRating, map[string]string{"q-driver": "Release confidence"}},
	{survey.KindPriority, map[string]string{"q-prompt": "Which of these should the platform team fix first?"}},
	{survey.KindFrequency, map[string]string{"q-prompt": "How often do you deploy to production yourself?"}},
	{survey.KindNumber, map[string]string{"q-prompt": "How long does CI take on your main repository?", "q-min": "0", "q-max": "240", "q-unit": "minutes"}},
	{survey.KindText, map[string]string{"q-prompt": "What slowed you down most this quarter?", "q-max-length": "1000", "q-roles": "backend engineer, SRE"}},
	{survey.KindSingle, map[string]string{"q-prompt": "Where do you mostly work from?", "q-choices": "Home\nOffice\nBoth, about equally"}},
	{survey.KindMulti, map[string]string{"q-prompt": "Which editors do you use?", "q-choices": "VS Code\nJetBrains IDEs\nVim or Neovim\nSomething else"}},
	{survey.KindNPS, map[string]string{"q-prompt": "How likely are you to recommend this platform to a friend?"}},
}

// TestSnapshotBuilder is issue 4's "done when": an admin adds a driver,
// builds a snapshot from the template with one question of every kind,
// sees a bad question refused next to its field, previews it at phone and
// desktop width, schedules it a little ahead, and the snapshot opens on
// time although the server restarted in between.
func TestSnapshotBuilder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "devpulse.db")
	db := openFile(t, path)
	adminID := newAdmin(t, db, "ada@example.com", "Ada Admin")
	first := startApp(t, db, "")
	b := testbrowser.New(t)
	b.Expect("status of 422") // a form with bad input comes back with 422
	signInAs(t, b, db, first.URL, adminID)

	// A new snapshot from the default template, in Berlin time.
	builderURL := createSnapshot(b, first.URL, "2026 Q4", "Europe/Berlin", func() { b.Screenshot("snapshot-new") })
	adminAddsDriver(t, b, first.URL)
	b.Run(chromedp.Navigate(builderURL), chromedp.WaitVisible(`[data-testid="snapshot-builder"]`, chromedp.ByQuery))
	adminAddsPilotQuestions(t, b)
	previewPilotSection(t, b, builderURL)
	opens := scheduleAhead(t, b, first.URL, builderURL)

	// Restart: stop the server and its job runner, then start new ones on
	// the same database file.
	first.stop()
	if err := database.Close(db); err != nil {
		t.Fatal(err)
	}
	db = openFile(t, path)
	t.Cleanup(func() { database.Close(db) })
	second := startApp(t, db, first.addr)
	store := survey.NewStore(db, nil)
	snaps, err := store.Snapshots(ctx)
	if err != nil || len(snaps) != 1 {
		t.Fatalf("snapshots after restart: %v %v", snaps, err)
	}
	snap := waitForState(t, store, snaps[0].ID, survey.Open)
	if snap.OpenedAt == nil || snap.OpenedAt.Before(opens) {
		t.Fatalf("opened at %v, before its open time %v", snap.OpenedAt, opens)
	}
	var opener string
	db.Model(&audit.Event{}).Where("action = ?", "snapshot.open").Pluck("actor", &opener)
	if opener != audit.Scheduler {
		t.Errorf("opened by %q, want the scheduler", opener)
	}

	// The builder page after the restart says so.
	b2 := testbrowser.New(t)
	signInAs(t, b2, db, second.URL, adminID)
	b2.Run(chromedp.Navigate(second.URL+strings.TrimPrefix(builderURL, first.URL)), chromedp.WaitVisible(`[data-testid="snapshot-builder"]`, chromedp.ByQuery))
	expectText(t, b2, `[data-testid="snapshot-state"]`, "Open")
	b2.Screenshot("snapshot-builder-open")
}

// createSnapshot fills the new-snapshot form with a title and time zone,
// runs beforeCreate (to pick a start, or take a screenshot), creates it and
// returns the builder's URL.
func createSnapshot(b *testbrowser.Browser, base, title, zone string, beforeCreate func()) string {
	b.Run(chromedp.Navigate(base+"/admin/snapshots/new"), chromedp.WaitVisible(`[data-testid="snapshot-new-form"]`, chromedp.ByQuery))
	fill(b, map[string]string{"snap-title": title, "snap-zone": zone})
	beforeCreate()
	submit(b, `[data-testid="snapshot-create"]`)
	var builderURL string
	b.Run(chromedp.WaitVisible(`[data-testid="snapshot-builder"]`, chromedp.ByQuery), chromedp.Location(&builderURL))
	return builderURL
}

// adminAddsDriver adds a driver to the library after the snapshot started,
// so the template did not rate it.
func adminAddsDriver(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	b.Run(chromedp.Navigate(base+"/admin/drivers"), chromedp.WaitVisible(`[data-testid="drivers"]`, chromedp.ByQuery))
	fill(b, map[string]string{"driver-key": "release_confidence", "driver-name": "Release confidence", "driver-category": "Outer loop",
		"driver-statement": "I am confident that what I release works as intended."})
	submit(b, `[data-testid="driver-add-form"] button[type="submit"]`)
	expectText(t, b, `[data-testid="flash"]`, "added")
	b.Screenshot("driver-library")
}

// adminAddsPilotQuestions adds a section with one question of every kind,
// after a bad question refused next to its field.
func adminAddsPilotQuestions(t *testing.T, b *testbrowser.Browser) {
	t.Helper()
	fill(b, map[string]string{"new-section": "Pilot questions"})
	submit(b, `[data-testid="section-add-form"] button[type="submit"]`)
	expectText(t, b, `[data-testid="flash"]`, "Pilot questions")

	// A bad question first: an allocation without categories. The message
	// shows next to the field and the prompt stays as typed.
	openAddQuestion(b)
	chooseKind(b, survey.KindAllocation)
	fill(b, map[string]string{"q-prompt": "Where did your time go last sprint?"})
	submit(b, `[data-testid="question-save"]`)
	var msg, prompt string
	b.Run(
		chromedp.Text(`#q-categories ~ [data-testid="error-categories"]`, &msg, chromedp.ByQuery),
		chromedp.Value(`#q-prompt`, &prompt, chromedp.ByQuery),
	)
	if !strings.Contains(msg, "at least 2 categories") || prompt != "Where did your time go last sprint?" {
		t.Fatalf("bad allocation: message %q, prompt kept as %q", msg, prompt)
	}
	b.Screenshot("snapshot-question-error")
	fill(b, map[string]string{"q-categories": "Feature work\nCode review\nFirefighting"})
	submit(b, `[data-testid="question-save"]`)
	expectText(t, b, `[data-testid="flash"]`, "Question added")

	for _, q := range pilotQuestions {
		addQuestion(t, b, q)
	}

	// The outline shows the pilot section with one question of every kind.
	var kinds []string
	b.Run(chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid="builder-section"]:last-of-type .badge-kind')).map(e => e.textContent)`, &kinds))
	if len(kinds) != len(survey.Kinds()) {
		t.Fatalf("pilot section has %d questions (%v), want %d", len(kinds), kinds, len(survey.Kinds()))
	}
}

// addQuestion adds a question to the last section through the form.
func addQuestion(t *testing.T, b *testbrowser.Browser, q pilotQuestion) {
	t.Helper()
	openAddQuestion(b)
	chooseKind(b, q.kind)
	for id, v := range q.fields {
		if id == "q-driver" {
			selectByLabel(t, b, id, v)
		} else {
			fill(b, map[string]string{id: v})
		}
	}
	submit(b, `[data-testid="question-save"]`)
	expectText(t, b, `[data-testid="flash"]`, "Question added")
}

// previewPilotSection previews the pilot section at phone width and at
// desktop width.
func previewPilotSection(t *testing.T, b *testbrowser.Browser, builderURL string) {
	t.Helper()
	var sections int
	b.Run(chromedp.Evaluate(`document.querySelectorAll('[data-testid="builder-section"]').length`, &sections))
	preview := fmt.Sprintf("%s/preview?section=%d", builderURL, sections)
	b.Run(chromedp.Navigate(preview), chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery))
	submit(b, `[data-testid="preview-phone"]`)
	var fieldsets, legends, drivers int
	var audience, width string
	b.Run(
		chromedp.Evaluate(`document.querySelectorAll('fieldset[data-testid="survey-question"]').length`, &fieldsets),
		chromedp.Evaluate(`document.querySelectorAll('fieldset[data-testid="survey-question"] > legend').length`, &legends),
		chromedp.Evaluate(`document.querySelectorAll('[data-kind="priority"] input[type="checkbox"]').length`, &drivers),
		chromedp.Text(`[data-testid="survey-question-audience"]`, &audience, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('.preview-phone > .survey')).width`, &width),
	)
	if fieldsets != len(survey.Kinds()) || legends != fieldsets {
		t.Errorf("preview shows %d questions with %d legends, want %d", fieldsets, legends, len(survey.Kinds()))
	}
	if drivers != 16 { // the 15 library drivers of the template and the new one
		t.Errorf("priority offers %d drivers, want 16", drivers)
	}
	if audience != "Shown only to: backend engineer, SRE" {
		t.Errorf("audience note %q", audience)
	}
	if width != "375px" {
		t.Errorf("phone frame is %s wide", width)
	}
	b.Screenshot("snapshot-preview-phone")
	submit(b, `[data-testid="preview-desktop"]`)
	b.Screenshot("snapshot-preview-desktop")
}

// scheduleAhead schedules the snapshot to open a little ahead
// (datetime-local has minutes) and close in a week, checks the builder and
// the list say so, and returns the open time.
func scheduleAhead(t *testing.T, b *testbrowser.Browser, base, builderURL string) time.Time {
	t.Helper()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	opens := time.Now().Add(25 * time.Second).Truncate(time.Minute).Add(time.Minute).In(berlin)
	closes := opens.AddDate(0, 0, 7)
	b.Run(chromedp.Navigate(builderURL), chromedp.WaitVisible(`[data-testid="snapshot-settings-form"]`, chromedp.ByQuery))
	saveSchedule(b, opens, closes)
	expectText(t, b, `[data-testid="flash"]`, "Settings saved")
	submit(b, `[data-testid="snapshot-schedule"]`)
	expectText(t, b, `[data-testid="flash"]`, "Scheduled")
	expectText(t, b, `[data-testid="snapshot-state"]`, "Scheduled")
	b.Screenshot("snapshot-builder")
	b.Run(chromedp.Navigate(base+"/admin/snapshots"), chromedp.WaitVisible(`[data-testid="snapshot-table"]`, chromedp.ByQuery))
	expectText(t, b, `[data-testid="snapshot-row"] [data-testid="snapshot-state"]`, "Scheduled")
	b.Screenshot("snapshot-list")
	b.Run(chromedp.Navigate(builderURL))
	b.Run(chromedp.EmulateViewport(375, 812), chromedp.Reload(), chromedp.WaitVisible(`[data-testid="snapshot-builder"]`, chromedp.ByQuery))
	b.Screenshot("snapshot-builder-phone")
	return opens
}

// saveSchedule sets the snapshot's open and close times in the settings
// form and saves them.
func saveSchedule(b *testbrowser.Browser, opens, closes time.Time) {
	fill(b, map[string]string{"set-opens": opens.Format("2006-01-02T15:04"), "set-closes": closes.Format("2006-01-02T15:04")})
	submit(b, `[data-testid="snapshot-save-settings"]`)
}

// openAddQuestion follows the last section's "Add a question" link.
func openAddQuestion(b *testbrowser.Browser) {
	submit(b, `[data-testid="builder-section"]:last-of-type [data-testid="question-add"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="question-form"]`, chromedp.ByQuery))
}

// chooseKind picks the kind as a person would, so app.js shows its settings.
func chooseKind(b *testbrowser.Browser, kind survey.Kind) {
	b.Run(chromedp.SetValue(`#q-kind`, string(kind), chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#q-kind").dispatchEvent(new Event("change", {bubbles: true}))`, nil))
}

// fill sets inputs by ID.
func fill(b *testbrowser.Browser, fields map[string]string) {
	for id, v := range fields {
		b.Run(chromedp.SetValue("#"+id, v, chromedp.ByQuery))
	}
}

// selectByLabel chooses the option of a select whose text starts with label.
func selectByLabel(t *testing.T, b *testbrowser.Browser, id, label string) {
	t.Helper()
	var ok bool
	b.Run(chromedp.Evaluate(fmt.Sprintf(`(() => {
		const sel = document.getElementById(%q);
		const opt = Array.from(sel.options).find(o => o.text.startsWith(%q));
		if (!opt) return false;
		sel.value = opt.value;
		return true;
	})()`, id, label), &ok))
	if !ok {
		t.Fatalf("#%s has no option %q", id, label)
	}
}

// expectText checks the text of an element on the page as it is now.
func expectText(t *testing.T, b *testbrowser.Browser, sel, want string) {
	t.Helper()
	var got string
	b.Run(chromedp.Evaluate(fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel), &got))
	if !strings.Contains(got, want) {
		var page string
		b.Run(chromedp.Evaluate(`document.querySelector("main").innerText`, &page))
		t.Fatalf("%s says %q, want %q; the page says:\n%s", sel, got, want, page)
	}
}

// waitForState polls the database until the snapshot reaches state.
func waitForState(t *testing.T, store *survey.Store, id int64, state string) survey.Snapshot {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		snap, err := store.Snapshot(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if snap.State == state {
			return snap
		}
		if time.Now().After(deadline) {
			t.Fatalf("snapshot %d is still %s, want %s", id, snap.State, state)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
