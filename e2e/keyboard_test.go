package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// focused describes the element that has the focus, and whether it shows
// that it has it: an outline or a shadow on it or on its label (the
// survey's options draw the ring around the whole label).
const focused = `(() => {
  const el = document.activeElement;
  const shows = e => { const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
  const fs = el.closest('fieldset');
  const group = el.name ? [...document.querySelectorAll('input[name="' + el.name + '"]')] : [];
  return {tag: el.tagName.toLowerCase(), type: el.type || '', value: el.value || '', testid: el.dataset.testid || '',
    kind: fs ? (fs.dataset.kind || '') : '', picked: group.filter(e => e.checked).length,
    index: group.indexOf(el), checked: !!el.checked,
    label: (el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent) || '').trim().slice(0, 60),
    visible: shows(el) || (!!el.closest('label') && shows(el.closest('label')))};
})()`

// focusInfo is what focused returns.
type focusInfo struct {
	Tag, Type, Value, Testid, Kind, Label string
	Picked, Index                         int
	Checked, Visible                      bool
}

// TestSurveyByKeyboardAlone answers the whole survey with the keyboard
// alone, as real key presses: Tab from control to control, arrow keys
// for a scale, Space for a checkbox, digits and words typed, Enter on
// the buttons. Every control the focus reaches shows a focus ring.
func TestSurveyByKeyboardAlone(t *testing.T) {
	db := testdb.SQLite(t)
	base := startServer(t, db)
	token, snap := openSurvey(t, db)
	b := testbrowser.New(t)
	b.Run(
		chromedp.Navigate(base+"/s/"+token),
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
	)
	var unringed []string
	sections, done, ringShot := 1, false, false
	for step := 0; step < 400 && !done; step++ {
		b.Run(chromedp.KeyEvent(kb.Tab))
		f := focusNow(t, b)
		if !f.Visible && f.Tag != "body" {
			unringed = append(unringed, f.Tag+" "+f.Type+" "+f.Label)
		}
		if step > 0 && f.Type == "radio" && sections == 1 && f.Picked == 0 && !ringShot {
			b.ScreenshotElement("survey-keyboard-focus", `fieldset:has(:focus)`)
			ringShot = true
		}
		switch next := answerByKeyboard(t, b, f); next {
		case "section":
			sections++
			if sections == 2 {
				b.Screenshot("survey-keyboard-section-2")
			}
		case "done":
			done = true
		}
	}
	if !done {
		t.Fatalf("the survey was not submitted after 400 presses of Tab (%d sections)", sections)
	}
	var heading string
	b.Run(chromedp.Text(`[data-testid="survey-done"] h1`, &heading, chromedp.ByQuery))
	b.Screenshot("survey-keyboard-done")
	all, submitted := responseCount(t, db, snap.ID)
	var answers int64
	db.Table("answers").Joins("JOIN responses ON responses.id = answers.response_id").Where("responses.snapshot_id = ?", snap.ID).Count(&answers)
	if heading != "Thank you" || all != 1 || submitted != 1 || sections != 5 || answers < 20 {
		t.Fatalf("after the keyboard: heading %q, %d responses (%d submitted), %d sections, %d answers", heading, all, submitted, sections, answers)
	}
	if len(unringed) > 0 {
		t.Errorf("the focus showed no outline or shadow on: %s", strings.Join(unringed, "; "))
	}
}

func focusNow(t *testing.T, b *testbrowser.Browser) focusInfo {
	t.Helper()
	var raw json.RawMessage
	b.Run(chromedp.Evaluate(focused, &raw))
	var f focusInfo
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// answerByKeyboard answers the focused control with keys, or presses a
// button: it says "section" when a new section loaded, "done" when the
// survey was submitted, and "" otherwise.
func answerByKeyboard(t *testing.T, b *testbrowser.Browser, f focusInfo) string {
	t.Helper()
	var keys string
	switch {
	case f.Type == "radio" && f.Picked == 0:
		keys = kb.ArrowRight // checks the next option of the scale
	case f.Type == "checkbox" && f.Testid == "contact-ok" && !f.Checked:
		keys = " "
	case f.Type == "checkbox" && f.Picked < 2 && !f.Checked:
		keys = " "
	case f.Type == "number" && f.Kind == "allocation" && f.Value == "":
		keys = map[int]string{0: "70", 1: "30"}[allocIndex(t, b)]
	case f.Type == "number" && f.Value == "":
		keys = "3"
	case f.Tag == "textarea" && f.Value == "":
		keys = "Answered with the keyboard alone."
	case f.Tag == "button" && (f.Value == "next" || f.Value == "submit"):
		if _, err := chromedp.RunResponse(b.Context(), chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatalf("Enter on %q: %v", f.Label, err)
		}
		if f.Value == "submit" {
			b.Run(chromedp.WaitVisible(`[data-testid="survey-done"], [data-testid="survey-problem"]`, chromedp.ByQuery))
			return "done"
		}
		b.Run(chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery))
		return "section"
	}
	if keys != "" {
		b.Run(chromedp.KeyEvent(keys))
	}
	return ""
}

// allocIndex is which of the time allocation's fields has the focus.
func allocIndex(t *testing.T, b *testbrowser.Browser) int {
	t.Helper()
	var i int
	b.Run(chromedp.Evaluate(`[...document.activeElement.closest('[data-allocation]').querySelectorAll('input')].indexOf(document.activeElement)`, &i))
	return i
}
