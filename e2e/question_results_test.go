package e2e

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
)

// TestQuestionResultsInTheBrowser draws the "Other questions" panel of a
// team, the organisation and the readout at desktop and phone widths, and
// checks the panel fits a phone's width. Platform's 8 and Mobile's 7
// people answer a single and a multiple choice, a number, an extra rating
// and the template's frequency; Data's 3 are under k.
func TestQuestionResultsInTheBrowser(t *testing.T) {
	db := openFile(t, filepath.Join(t.TempDir(), "devpulse.db"))
	adminID := newAdmin(t, db, "ada@example.com", "Ada Admin")
	w := resultstest.New(t, db, 5)
	index := map[int64]int{}
	for _, team := range []struct {
		path string
		n    int
	}{{"Eng/Platform", 8}, {"Eng/Mobile", 7}, {"Eng/Data", 3}} {
		for i, p := range w.Add(t, team.path, team.n, "backend", directory.Remote) {
			index[p.ID] = i + len(index)
		}
	}
	extra := []survey.Question{
		{Kind: survey.KindSingle, Key: "blocker", Prompt: "What slows your changes down most on the way to production?",
			Config: survey.Config{Choices: []string{"Code review", "Flaky CI", "Release approval", "Nothing much"}}},
		{Kind: survey.KindMulti, Key: "tools", Prompt: "Which internal tools did you use this month?",
			Config: survey.Config{Choices: []string{"Service catalogue", "Feature flags", "Runbooks", "Docs site"}}},
		{Kind: survey.KindNumber, Key: "meetings", Prompt: "How many hours did you spend in meetings last week?", Config: survey.Config{Unit: "hours"}},
		{Kind: survey.KindRating, Prompt: "I can find the internal documentation I need."}, // extra ratings keep no key
	}
	o := w.SnapshotWith(t, "2026 Q4", extra, func(p directory.Person) *resultstest.Answers {
		i, ok := index[p.ID]
		if !ok {
			return nil // the admin does not answer
		}
		var tools []string
		for j, c := range extra[1].Config.Choices {
			if (i+j)%3 != 0 {
				tools = append(tools, c)
			}
		}
		return &resultstest.Answers{
			Form: map[string][]string{"blocker": {extra[0].Config.Choices[i%4]}, "tools": tools,
				"meetings": {strconv.Itoa(2 + (i*7)%13)}, survey.KeyAIFrequency: {strconv.Itoa(i % 6)}},
			Ratings: map[string]int{"": 1 + (i*3)%5},
		}
	})
	app := startApp(t, db, "")
	b := testbrowser.New(t)
	signInAs(t, b, db, app.URL, adminID)
	for _, page := range []struct{ name, path string }{
		{"team", fmt.Sprintf("/teams/%d?snapshot=%d", w.Teams["Eng/Platform"].ID, o.Snapshot.ID)},
		{"org", "/org"},
		{"readout", "/org/readout"},
	} {
		for _, width := range []int64{1280, 375} {
			b.Run(chromedp.EmulateViewport(width, 900), chromedp.Navigate(app.URL+page.path),
				chromedp.WaitVisible(`[data-testid="question-results"]`, chromedp.ByQuery))
			var overflow bool
			b.Run(chromedp.Evaluate(`(() => { const s = document.querySelector('[data-testid="question-results"]');
				return s.scrollWidth > s.clientWidth + 1 || s.getBoundingClientRect().right > window.innerWidth + 1 })()`, &overflow))
			if overflow {
				t.Errorf("%s at %d px: the panel is wider than the screen", page.name, width)
			}
			b.ScreenshotElement(fmt.Sprintf("question-results-%s-%d", page.name, width), `[data-testid="question-results"]`)
		}
	}
}
