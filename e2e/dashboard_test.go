package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// dashboardOrg seeds three closed snapshots: Platform (8) with CI (6)
// below it, Apps (9), and Tiny (3, under the minimum group size). Platform
// works on its local environment, which rises; everyone's CI reliability
// falls in the last snapshot.
func dashboardOrg(t *testing.T, db *gorm.DB) (*resultstest.World, directory.Person) {
	w := resultstest.New(t, db, 5)
	w.Add(t, "Eng/Platform", 4, "backend", directory.Remote)
	w.Add(t, "Eng/Platform", 4, "backend", directory.Office)
	w.Add(t, "Eng/Platform/CI", 6, "sre", directory.Hybrid)
	w.Add(t, "Eng/Apps", 9, "frontend", directory.Remote)
	w.Add(t, "Eng/Tiny", 3, "mobile", directory.Office)
	lead := w.Add(t, "Eng/Platform", 1, "manager", directory.Office)[0]
	platformID := w.Teams["Eng/Platform"].ID
	if _, err := directory.AddGrant(context.Background(), db, lead.ID, directory.RoleLead, &platformID); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	drivers := []string{"local_env", "build_test_speed", "ci_reliability", "code_review", "documentation", "deploy_process"}
	comments := []string{"Flaky integration tests cost us a day a week.", "The new dev container made onboarding much faster.", "Code review turnaround is good now.", ""}
	for q := 1; q <= 3; q++ {
		w.Snapshot(t, fmt.Sprintf("2026 Q%d", q), func(person directory.Person) *resultstest.Answers {
			if rng.IntN(10) == 0 {
				return nil // did not answer
			}
			a := &resultstest.Answers{Ratings: map[string]int{}, Hours: float64(rng.IntN(5)), Comment: comments[rng.IntN(len(comments))], Contact: rng.IntN(3) == 0}
			for _, d := range drivers {
				p := 0.6
				if d == "local_env" && *person.TeamID == w.Teams["Eng/Platform"].ID {
					p = 0.3 + 0.3*float64(q)
				}
				if d == "ci_reliability" && q == 3 {
					p = 0.25
				}
				a.Ratings[d] = 3
				if rng.Float64() < p {
					a.Ratings[d] = 4 + rng.IntN(2)
				} else if rng.IntN(2) == 0 {
					a.Ratings[d] = 1 + rng.IntN(2)
				}
				if rng.IntN(20) == 0 {
					a.Ratings[d] = 0
				}
			}
			a.Picks = []string{drivers[rng.IntN(len(drivers))]}
			return a
		})
	}
	return w, lead
}

func TestTeamDashboardInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	w, lead := dashboardOrg(t, db)
	base := startServer(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, lead.ID)

	platform := w.Teams["Eng/Platform"]
	var drawn bool
	var scores []string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, platform.ID)),
		chromedp.WaitVisible(`[data-testid="driver-table"]`),
		chromedp.WaitVisible(`.chart.is-drawn canvas`),
		chromedp.Evaluate(`!!document.querySelector('.chart.is-drawn canvas')`, &drawn),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid=driver-row]')].map(r => r.dataset.driver + '=' + r.querySelector('[data-testid=driver-score]').textContent.trim())`, &scores),
	)
	if !drawn {
		t.Fatal("the trend chart was not drawn")
	}
	b.Screenshot("team-dashboard")

	// Truth: the scores on the page are the ones plain Go computes from
	// the raw answer rows of the team's subtree in the latest snapshot.
	want := truth(t, db, "2026 Q3", []int64{platform.ID, w.Teams["Eng/Platform/CI"].ID})
	if len(scores) == 0 {
		t.Fatal("no driver rows on the page")
	}
	for _, s := range scores {
		key, shown, _ := strings.Cut(s, "=")
		if shown != want[key] {
			t.Errorf("%s: the page shows %q, the raw answers give %q", key, shown, want[key])
		}
	}

	// The heatmap marks CI's cells (6 responses at most, but Platform's
	// direct members stand beside it) and the page never shows Tiny.
	tiny := w.Teams["Eng/Tiny"]
	admin := w.Add(t, "Eng", 1, "manager", directory.Office)[0]
	if _, err := directory.AddGrant(context.Background(), db, admin.ID, directory.RoleExecutive, nil); err != nil {
		t.Fatal(err)
	}
	signInAs(t, b, db, base, admin.ID)
	var hidden string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, tiny.ID)),
		chromedp.WaitVisible(`[data-testid="results-hidden"]`),
		chromedp.Text(`[data-testid="results-hidden"]`, &hidden),
	)
	if !strings.Contains(hidden, "Not enough responses") {
		t.Fatalf("Tiny's dashboard says %q", hidden)
	}
	var rows int
	b.Run(chromedp.Evaluate(`document.querySelectorAll('[data-testid=driver-row]').length`, &rows))
	if rows != 0 {
		t.Fatalf("Tiny's dashboard shows %d driver rows", rows)
	}
	b.Screenshot("team-too-small")

	var heat string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, w.Teams["Eng"].ID)),
		chromedp.WaitVisible(`[data-testid="heatmap"]`),
		chromedp.Text(`[data-testid="heatmap"]`, &heat),
	)
	if !strings.Contains(heat, "not enough responses") {
		t.Fatalf("Eng's heatmap does not mark Tiny: %q", heat)
	}
	b.Screenshot("org-heatmap")
}

// truth computes favorable scores per driver key for the given teams
// straight from the answer rows: plain Go, no insight package.
func truth(t *testing.T, db *gorm.DB, title string, teams []int64) map[string]string {
	t.Helper()
	var rows []struct {
		Key    string
		Rating int
	}
	err := db.Raw(`SELECT q.key, a.rating FROM answers a
		JOIN responses r ON r.id = a.response_id
		JOIN questions q ON q.id = a.question_id
		JOIN snapshots s ON s.id = r.snapshot_id
		WHERE s.title = ? AND r.submitted = ? AND r.team_id IN ? AND a.rating IS NOT NULL AND q.driver_id IS NOT NULL`,
		title, true, teams).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	fav, answered := map[string]int{}, map[string]int{}
	for _, r := range rows {
		if r.Rating == 0 {
			continue
		}
		answered[r.Key]++
		if r.Rating >= 4 {
			fav[r.Key]++
		}
	}
	out := map[string]string{}
	for key, n := range answered {
		// round half up: floor(100·fav/n + 0.5)
		out[key] = fmt.Sprint((200*fav[key] + n) / (2 * n))
	}
	return out
}
