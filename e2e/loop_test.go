package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// loopOrg: Platform (six engineers and their lead) and Apps answered 2026
// Q1, everyone unhappy with their local environment and wanting it fixed
// first; an executive reads the organisation.
type loopOrg struct {
	w                  *resultstest.World
	lead, exec, member directory.Person
	q1                 int64
}

func newLoopOrg(t *testing.T, db *gorm.DB) loopOrg {
	w := resultstest.New(t, db, 5)
	o := loopOrg{w: w}
	o.member = w.Add(t, "Eng/Platform", 6, "backend", directory.Remote)[0]
	w.Add(t, "Eng/Apps", 6, "frontend", directory.Hybrid)
	o.lead = w.Add(t, "Eng/Platform", 1, "manager", directory.Office)[0]
	o.exec = w.Add(t, "Eng", 1, "manager", directory.Office)[0]
	platform := w.Teams["Eng/Platform"].ID
	for p, grant := range map[int64]*int64{o.lead.ID: &platform, o.exec.ID: nil} {
		role := directory.RoleLead
		if grant == nil {
			role = directory.RoleExecutive
		}
		if _, err := directory.AddGrant(context.Background(), db, p, role, grant); err != nil {
			t.Fatal(err)
		}
	}
	o.q1 = w.Snapshot(t, "2026 Q1", rateLocalEnv(2)).Snapshot.ID
	return o
}

func rateLocalEnv(r int) func(directory.Person) *resultstest.Answers {
	return func(directory.Person) *resultstest.Answers {
		return &resultstest.Answers{Ratings: map[string]int{"local_env": r}, Picks: []string{"local_env"}}
	}
}

// A lead sets a goal and an action; the team's engineer reads both in the
// next survey's introduction and, once it closes, the results and the
// verdict from their home page; the executive's readout names the team.
func TestClosingTheLoopInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	o := newLoopOrg(t, db)
	base := startServer(t, db)
	b := testbrowser.New(t)
	platform := o.w.Teams["Eng/Platform"].ID

	signInAs(t, b, db, base, o.lead.ID)
	leadSetsGoalAndAction(t, b, base, platform, o.lead.Email)

	survey, invs := o.w.Open(t, "2026 Q2", nil)
	signInAs(t, b, db, base, o.member.ID)
	var goalsText, saidText string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/surveys/%d", base, survey.Snapshot.ID)),
		chromedp.WaitVisible(`[data-testid="survey-team-goals"]`),
		chromedp.Text(`[data-testid="survey-team-goals"]`, &goalsText),
		chromedp.Text(`[data-testid="survey-you-said"]`, &saidText),
	)
	b.Screenshot("loop-survey-introduction")
	if !strings.Contains(goalsText, "Local environment setup (reach 60)") || !strings.Contains(saidText, "Golden dev images (Eng/Platform): In progress") {
		t.Fatalf("survey introduction: goals %q, you said %q", goalsText, saidText)
	}

	o.w.AnswerAndClose(t, survey, invs, rateLocalEnv(5))
	q1 := o.q1
	engineerReadsVerdict(t, b, base)

	signInAs(t, b, db, base, o.exec.ID)
	var readout string
	b.Run(
		chromedp.Navigate(base+"/org/readout"),
		chromedp.WaitVisible(`[data-finding="goals"]`),
		chromedp.Text(`[data-finding="goals"]`, &readout),
	)
	b.Screenshot("loop-readout")
	if !strings.Contains(readout, "Eng/Platform: Local environment setup, reach 60") {
		t.Errorf("the readout's goals finding: %q", readout)
	}
	var said, did string
	b.Run(
		chromedp.Text(`[data-finding="you_said_we_did"]`, &said),
		chromedp.Navigate(fmt.Sprintf("%s/snapshots/%d/you-said-we-did", base, q1)),
		chromedp.WaitVisible(`[data-testid="you-said-row"]`),
		chromedp.Text(`[data-testid="you-said-row"]`, &did),
	)
	b.Screenshot("loop-you-said-we-did")
	if !strings.Contains(said, "Golden dev images (Eng/Platform): In progress") || !strings.Contains(did, "Golden dev images") {
		t.Errorf("you said, we did: readout %q, page %q", said, did)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("browser errors: %v", errs)
	}
}

// leadSetsGoalAndAction fills the goal form on the team page, then adds an
// action from the team's actions panel and moves it to in progress.
func leadSetsGoalAndAction(t *testing.T, b *testbrowser.Browser, base string, team int64, owner string) {
	t.Helper()
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, team)),
		chromedp.WaitVisible(`[data-testid="goal-form"]`),
		chromedp.SetValue(`#goal-driver`, "local_env", chromedp.ByQuery),
		chromedp.SetValue(`#goal-kind`, "score", chromedp.ByQuery),
		chromedp.SendKeys(`#goal-target`, "60", chromedp.ByQuery),
		chromedp.SendKeys(`#goal-reason`, "Set-up takes a day", chromedp.ByQuery),
	)
	b.ClickNavigate(`[data-testid="goal-submit"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="goal"]`))
	b.ClickNavigate(`[data-testid="team-actions"] [data-testid="action-new"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="action-form"]`),
		chromedp.SendKeys(`#action-title`, "Golden dev images", chromedp.ByQuery),
		chromedp.SendKeys(`#action-owner`, owner, chromedp.ByQuery),
		chromedp.SetValue(`#action-target`, "2027-03-31", chromedp.ByQuery),
		chromedp.Click(`input[name="driver"][value="local_env"]`, chromedp.ByQuery),
	)
	b.Screenshot("loop-action-form")
	b.ClickNavigate(`[data-testid="action-submit"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="update-form"]`),
		chromedp.SendKeys(`#update-body`, "First image builds nightly", chromedp.ByQuery),
		chromedp.SetValue(`#update-status`, "in_progress", chromedp.ByQuery),
	)
	b.ClickNavigate(`[data-testid="update-submit"]`)
	var status string
	b.Run(chromedp.Text(`h1 [data-testid="action-status"]`, &status))
	b.Screenshot("loop-action")
	if status != "In progress" {
		t.Fatalf("the action's status after the update: %q", status)
	}
}

// engineerReadsVerdict: the home page links the shared results, lists
// the team's action and says the goal was met; so does the team page.
func engineerReadsVerdict(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	var actions, verdict, home string
	b.Run(
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`[data-testid="home-results"]`),
		chromedp.Text(`[data-testid="home-actions"]`, &actions),
		chromedp.Text(`[data-testid="home-goals"] [data-testid="goal-verdict"]`, &home),
	)
	b.Screenshot("loop-home")
	if !strings.Contains(actions, "Golden dev images") || home != "met" {
		t.Errorf("home page actions %q, goal verdict %q", actions, home)
	}
	b.ClickNavigate(`[data-testid="home-results-team"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="goal-verdict"]`),
		chromedp.Text(`[data-testid="goal-verdict"]`, &verdict),
	)
	b.Screenshot("loop-team-verdict")
	if verdict != "met" {
		t.Errorf("the engineer's team page verdict: %q", verdict)
	}
}

// TestDemoYouSaidWeDid: every closed demo snapshot has its "you said, we
// did" page; the fourth quarter's shows actions beside what people said,
// the won't do with its reason, and the org page lists actions.
func TestDemoYouSaidWeDid(t *testing.T) {
	db, res := demoFixture.SQLite(t)
	ctx := context.Background()
	admin, err := directory.NewStore(db).PersonByEmail(ctx, demo.AdminEmail)
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, admin.ID)
	for i, id := range res.Closed {
		var rows int
		var page string
		b.Run(
			chromedp.Navigate(fmt.Sprintf("%s/snapshots/%d/you-said-we-did", base, id)),
			chromedp.WaitVisible(`[data-testid="you-said"]`),
			chromedp.Evaluate(`document.querySelectorAll('[data-testid=you-said-row]').length`, &rows),
			chromedp.Text(`[data-testid="you-said"]`, &page),
		)
		var flagged []string
		b.Run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=you-said-driver]")].map(e => e.textContent)`, &flagged))
		t.Logf("snapshot %d flags %v", i, flagged)
		if rows == 0 {
			t.Errorf("snapshot %d: nothing flagged", i)
		}
		if i == 3 {
			b.Screenshot("demo-you-said-we-did")
			if !strings.Contains(page, "A refactoring week every quarter") || !strings.Contains(page, "Why not: Security review keeps the VPN") ||
				!strings.Contains(page, "Nobody has acted on this yet.") {
				t.Errorf("the fourth quarter's you said, we did:\n%s", page)
			}
		}
	}
	var actions int
	b.Run(
		chromedp.Navigate(base+"/org"),
		chromedp.WaitVisible(`[data-testid="org-actions"]`),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid=org-actions] [data-testid=action]').length`, &actions),
	)
	b.Screenshot("demo-org-actions")
	if actions < 8 {
		t.Errorf("the org page lists %d actions", actions)
	}
}
