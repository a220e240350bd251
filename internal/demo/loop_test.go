package demo_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/web"
	"github.com/devpulse/devpulse/web/webtest"
)

const k = 5

// apiGoal is what the goals API says of one goal.
type apiGoal struct {
	TeamID    int64   `json:"team_id"`
	Team      string  `json:"team"`
	DriverKey string  `json:"driver_key"`
	Kind      string  `json:"kind"`
	Target    int     `json:"target"`
	Baseline  *int    `json:"baseline"`
	Result    *int    `json:"result"`
	Verdict   *string `json:"verdict"`
}

// TestDemoGoalVerdictsFromAnswers recomputes every demo goal's verdict
// from the stored answers, in plain Go (favorable = ratings 4 and 5 over
// ratings 1 to 5, rounded half up; fewer than k rated answers: no score),
// and requires the goals API to say the same; the demo has goals met and
// goals not met.
func TestDemoGoalVerdictsFromAnswers(t *testing.T) {
	demoFinished.Each(t, func(t *testing.T, db *gorm.DB, res demo.Result) {
		get := apiClient(t, db)
		seen := map[string]int{}
		for i, id := range res.Closed {
			var body struct{ Goals []apiGoal }
			get(fmt.Sprintf("/api/v1/snapshots/%d/goals", id), &body)
			for _, g := range body.Goals {
				base, baseOK := teamFavorable(t, db, id, g.TeamID, g.DriverKey)
				if g.Baseline == nil || !baseOK || *g.Baseline != base {
					t.Errorf("%s %s baseline: API %v, answers %d (%v)", g.Team, g.DriverKey, g.Baseline, base, baseOK)
				}
				if i+1 == len(res.Closed) {
					if g.Verdict != nil {
						t.Errorf("%s %s judged before the next snapshot closed", g.Team, g.DriverKey)
					}
					continue
				}
				now, nowOK := teamFavorable(t, db, res.Closed[i+1], g.TeamID, g.DriverKey)
				want := verdict(g, base, now, baseOK && nowOK)
				if g.Verdict == nil || *g.Verdict != want || g.Result == nil || *g.Result != now {
					t.Errorf("%s %s: API verdict %v result %v; from the answers %s at %d", g.Team, g.DriverKey, g.Verdict, g.Result, want, now)
				}
				t.Logf("%s %s %s %d: %d -> %d: %s", g.Team, g.DriverKey, g.Kind, g.Target, base, now, want)
				seen[want]++
			}
		}
		if seen["met"] == 0 || seen["not met"] == 0 {
			t.Errorf("the demo's judged goals: %v, want some met and some not", seen)
		}
	})
}

// teamFavorable is a team's favorable score on a driver in a snapshot, from
// the answer rows alone.
func teamFavorable(t *testing.T, db *gorm.DB, snap, team int64, driver string) (int, bool) {
	t.Helper()
	var ratings []int
	must(t, db.Raw(`SELECT a.rating FROM answers a
		JOIN responses r ON r.id = a.response_id
		JOIN questions q ON q.id = a.question_id
		JOIN drivers d ON d.id = q.driver_id
		WHERE r.snapshot_id = ? AND r.submitted AND r.team_id = ? AND d.key = ? AND q.kind = 'rating'
			AND a.rating BETWEEN 1 AND 5`, snap, team, driver).Scan(&ratings).Error)
	fav := 0
	for _, r := range ratings {
		if r >= 4 {
			fav++
		}
	}
	if len(ratings) < k {
		return 0, false
	}
	return (200*fav + len(ratings)) / (2 * len(ratings)), true
}

func verdict(g apiGoal, base, now int, ok bool) string {
	switch {
	case !ok:
		return "not measurable"
	case g.Kind == "score" && now >= g.Target, g.Kind == "points" && now-base >= g.Target:
		return "met"
	}
	return "not met"
}

// apiClient serves the app on db and returns a GET that decodes JSON with
// a results:read token.
func apiClient(t *testing.T, db *gorm.DB) func(path string, into any) {
	cfg := config.Load(func(string) string { return "" })
	srv := webtest.Server(t, web.Deps{Config: cfg, DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
	_, secret, err := auth.NewTokens(db).Create(context.Background(), "demo", []string{auth.ScopeResultsRead}, "test")
	must(t, err)
	return func(path string, into any) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
		must(t, json.Unmarshal(rec.Body.Bytes(), into))
	}
}

// TestDemoActions: organisation and team actions in every status, a
// won't do with its reason, updates dated from the snapshots' closes.
func TestDemoActions(t *testing.T) {
	db, res := demoBuilt.SQLite(t)
	list, err := actions.New(db, nil).List(context.Background(), actions.Filter{})
	must(t, err)
	var closes []time.Time
	must(t, db.Raw("SELECT closed_at FROM snapshots WHERE id IN ? ORDER BY closed_at", res.Closed).Scan(&closes).Error)
	statuses, org, team := map[actions.Status]int{}, 0, 0
	for _, a := range list {
		statuses[a.Status]++
		if a.IsOrg() {
			org++
		} else {
			team++
		}
		if a.Status == actions.WontDo && a.Reason == "" {
			t.Errorf("%q: won't do without a reason", a.Title)
		}
		fromClose := false
		for _, c := range closes {
			fromClose = fromClose || a.CreatedAt.Equal(c.AddDate(0, 0, 3))
		}
		if !fromClose {
			t.Errorf("%q created %s, not three days after a snapshot closed", a.Title, a.CreatedAt)
		}
	}
	if len(statuses) != len(actions.Statuses()) || org == 0 || team == 0 {
		t.Errorf("demo actions: statuses %v, %d organisation, %d team", statuses, org, team)
	}
}
