package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// openSurvey opens a template snapshot for one invited person and returns
// the personal link's token and the snapshot.
func openSurvey(t *testing.T, db *gorm.DB) (string, survey.Snapshot) {
	t.Helper()
	ctx := context.Background()
	team, err := directory.EnsureTeam(ctx, db, "Engineering/Platform")
	if err != nil {
		t.Fatal(err)
	}
	p := directory.Person{Email: "rhea@example.com", Name: "Rhea Respondent", TeamID: &team.ID, JobRole: "backend",
		WorkArrangement: directory.Hybrid, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	store := survey.NewStore(db, testQueue(t, db))
	snap, err := store.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "Europe/Berlin"}, "admin")
	if err != nil {
		t.Fatal(err)
	}
	opens, closes := time.Now().Add(time.Hour), time.Now().Add(14*24*time.Hour)
	st := survey.Settings{Title: "2026 Q4", TimeZone: "Europe/Berlin", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true, ReminderDays: "3,1"}
	if err := store.UpdateSettings(ctx, snap.ID, st, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := store.Schedule(ctx, snap.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := store.OpenNow(ctx, snap.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	rs := responses.NewStore(db)
	invs, err := rs.Invite(ctx, snap.ID)
	if err != nil || len(invs) != 1 {
		t.Fatalf("invite: %v %d", err, len(invs))
	}
	token, err := rs.IssueToken(ctx, invs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return token, snap
}

// fillPage answers every question on the current page sensibly.
const fillPage = `(() => {
  for (const fs of document.querySelectorAll('[data-testid="survey-question"]')) {
    const kind = fs.dataset.kind;
    if (kind === 'rating' || kind === 'frequency' || kind === 'single_choice') {
      const radios = fs.querySelectorAll('input[type=radio]');
      radios[Math.min(3, radios.length - 1)].checked = true;
    } else if (kind === 'priority' || kind === 'multi_choice') {
      fs.querySelectorAll('input[type=checkbox]').forEach((c, i) => { c.checked = i < 2; });
    } else if (kind === 'allocation') {
      const inputs = fs.querySelectorAll('input[type=number]');
      inputs.forEach((el, i) => { el.value = i === 0 ? '70' : (i === 1 ? '30' : ''); });
    } else if (kind === 'number') {
      fs.querySelector('input').value = '3';
    } else if (kind === 'text') {
      fs.querySelector('textarea').value = 'Faster CI would help most.';
    }
  }
  return true;
})()`

func responseCount(t *testing.T, db *gorm.DB, snapID int64) (all, submitted int64) {
	t.Helper()
	db.Model(&responses.Response{}).Where("snapshot_id = ?", snapID).Count(&all)
	db.Model(&responses.Response{}).Where("snapshot_id = ? AND submitted", snapID).Count(&submitted)
	return all, submitted
}

// TestSurveyResumeAndSubmitOnce: open the link, answer half, close the tab,
// reopen and find the answers, finish, submit twice: one response.
func TestSurveyResumeAndSubmitOnce(t *testing.T) {
	db := testdb.SQLite(t)
	base := startServer(t, db)
	token, snap := openSurvey(t, db)
	link := base + "/s/" + token
	b := testbrowser.New(t)

	answerFirstQuestions(t, b, link)
	reopenFindsAnswers(t, b, link)
	finishAndSubmit(t, b)
	codes := submitTwiceAtOnce(b, link)
	all, submitted := responseCount(t, db, snap.ID)
	if all != 1 || submitted != 1 {
		t.Fatalf("%d responses (%d submitted), want exactly one", all, submitted)
	}
	var r responses.Response
	db.Where("snapshot_id = ?", snap.ID).First(&r)
	if !r.ContactOK || r.WorkArrangement != directory.Hybrid || r.JobRole != "backend" {
		t.Fatalf("response %+v", r)
	}
	t.Logf("second submits answered %v", codes)
}

// answerFirstQuestions answers the first rating questions; htmx saves them
// as they are given.
func answerFirstQuestions(t *testing.T, b *testbrowser.Browser, link string) {
	t.Helper()
	var status string
	b.Run(
		chromedp.Navigate(link),
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
		chromedp.Click(`#q-1 input[value="5"]`, chromedp.ByQuery),
		chromedp.Click(`#q-2 input[value="2"]`, chromedp.ByQuery),
		chromedp.Click(`#q-3 input[value="0"]`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('[data-testid="save-status"]').textContent.includes('saved')`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text(`[data-testid="save-status"]`, &status, chromedp.ByQuery),
	)
	if !strings.Contains(status, "saved") {
		t.Fatalf("autosave status %q", status)
	}
	b.Screenshot("survey-first-page")
}

// reopenFindsAnswers closes the tab (leaves the page), comes back by the
// link and finds the answers given.
func reopenFindsAnswers(t *testing.T, b *testbrowser.Browser, link string) {
	t.Helper()
	var checked []bool
	b.Run(
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(link),
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
		chromedp.Evaluate(`[document.querySelector('#q-1 input[value="5"]').checked, document.querySelector('#q-2 input[value="2"]').checked, document.querySelector('#q-3 input[value="0"]').checked]`, &checked),
	)
	if len(checked) != 3 || !checked[0] || !checked[1] || !checked[2] {
		t.Fatalf("answers after reopening: %v", checked)
	}
}

// finishAndSubmit fills every section, waiting for each new page before
// filling it, agrees to be contacted and submits.
func finishAndSubmit(t *testing.T, b *testbrowser.Browser) {
	t.Helper()
	for {
		var last bool
		b.Run(
			chromedp.Evaluate(fillPage, nil),
			chromedp.Evaluate(`!document.querySelector('[data-testid="survey-next"]')`, &last),
		)
		if last {
			break
		}
		b.ClickNavigate(`[data-testid="survey-next"]`)
	}
	b.Screenshot("survey-last-page")
	var problem string
	b.Run(chromedp.Click(`[data-testid="contact-ok"]`, chromedp.ByQuery))
	b.ClickNavigate(`button[value="submit"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="survey-done"], [data-testid="survey-problem"]`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="survey-problem"], [data-testid="question-error"]')].map(e => e.textContent.trim()).filter(Boolean).join(' | ')`, &problem),
	)
	if problem != "" {
		b.Screenshot("survey-submit-problem")
		t.Fatalf("submit refused: %s", problem)
	}
	b.Screenshot("survey-done")
}

// submitTwiceAtOnce submits again, twice at once, as a double click or two
// tabs would, and returns the two answers' status codes.
func submitTwiceAtOnce(b *testbrowser.Browser, link string) []int {
	var codes []int
	b.Run(
		chromedp.Navigate(link+"?section=5"),
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
		chromedp.Evaluate(`(async () => {
		  const form = document.querySelector('[data-testid="survey-form"]');
		  const send = () => { const d = new FormData(form); d.set('go', 'submit'); return fetch(form.action, {method: 'POST', body: new URLSearchParams(d), redirect: 'manual'}); };
		  const rs = await Promise.all([send(), send()]);
		  return rs.map(r => r.status);
		})()`, &codes, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	return codes
}

// TestSurveyWithoutJavaScript answers at phone width with scripts off: the
// forms post and redirect, and bad input comes back next to its field.
func TestSurveyWithoutJavaScript(t *testing.T) {
	db := testdb.SQLite(t)
	base := startServer(t, db)
	token, snap := openSurvey(t, db)
	link := base + "/s/" + token
	b := testbrowser.New(t)
	b.Expect("422")
	b.Run(
		emulation.SetScriptExecutionDisabled(true),
		chromedp.EmulateViewport(375, 812),
		chromedp.Navigate(link+"?section=3"), // the time allocation
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
		chromedp.SendKeys(`[data-kind="allocation"] input[type=number]`, "60", chromedp.ByQuery),
	)
	b.ClickNavigate(`[data-testid="survey-next"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="survey-problem"]`, chromedp.ByQuery))
	var msg, kept string
	b.Run(
		chromedp.Text(`[data-kind="allocation"] [data-testid="question-error"]`, &msg, chromedp.ByQuery),
		chromedp.Value(`[data-kind="allocation"] input[type=number]`, &kept, chromedp.ByQuery),
	)
	if !strings.Contains(msg, "add up to 60") || kept != "60" {
		t.Fatalf("message %q, kept value %q", msg, kept)
	}
	b.Screenshot("survey-phone-error")
	b.Run(
		chromedp.Navigate(link+"?section=1"),
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
		chromedp.Click(`#q-1 input[value="4"]`, chromedp.ByQuery),
	)
	b.ClickNavigate(`[data-testid="survey-next"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="survey-progress"]`, chromedp.ByQuery))
	b.Screenshot("survey-phone")
	var n int64
	db.Table("answers").Joins("JOIN responses ON responses.id = answers.response_id").Where("responses.snapshot_id = ?", snap.ID).Count(&n)
	if n != 1 {
		t.Fatalf("%d answers stored without JavaScript, want 1", n)
	}
}
