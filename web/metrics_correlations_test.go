package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

// correlatedOrg has nine teams of five; in team i, i%6 people rate CI
// reliability 4 (the rest 2), and its CI failure rate over the quarter
// falls with i. It returns the snapshot id and, by team path, the score
// and metric mean a plain reading gives.
func correlatedOrg(t *testing.T, db *gorm.DB) (int64, map[string][2]float64) {
	t.Helper()
	w := resultstest.New(t, db, 5)
	favorable := map[int64]int{}
	for i := 0; i < 9; i++ {
		for j, p := range w.Add(t, fmt.Sprintf("Eng/T%d", i), 5, "backend", directory.Remote) {
			if j < i%6 {
				favorable[p.ID] = 1
			}
		}
	}
	w.Snapshot(t, "2026 Q4", func(p directory.Person) *resultstest.Answers {
		return &resultstest.Answers{Ratings: map[string]int{"ci_reliability": 2 + 2*favorable[p.ID]}}
	})
	want := map[string][2]float64{}
	var vals []metrics.Value
	for i := 0; i < 9; i++ {
		team := w.Teams[fmt.Sprintf("Eng/T%d", i)]
		sum := 0.0
		for k := 0; k < 4; k++ {
			v := 0.3 - 0.04*float64(i%6) + 0.01*float64((i*k)%3)
			sum += v
			week := metrics.Week(time.Now().UTC().AddDate(0, 0, -7*k))
			vals = append(vals, metrics.Value{TeamID: team.ID, Name: metrics.CIFailureRate, ISOWeek: week, Value: v, Unit: "ratio"})
		}
		want[team.Path] = [2]float64{float64(100 * (i % 6) / 5), sum / 4}
	}
	if _, err := metrics.New(db, audit.New(db)).Save(context.Background(), vals, metrics.SourceAPI, "test"); err != nil {
		t.Fatal(err)
	}
	var id int64
	db.Raw("SELECT id FROM snapshots").Scan(&id)
	return id, want
}

func TestCorrelationsAPIAndOrgPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		snap, want := correlatedOrg(t, db)
		l := startLive(t, db, nil)
		tok := apiToken(t, db, auth.ScopeResultsRead)
		var xs, ys []float64
		for _, p := range want {
			xs, ys = append(xs, p[0]), append(ys, p[1])
		}
		plain := insight.Spearman(xs, ys)
		status, out := l.apiCall(t, "GET", fmt.Sprintf("/api/v1/snapshots/%d/correlations", snap), tok, "", nil)
		ci := findCorrelation(t, status, out, "ci_reliability")
		if ci["shown"] != true || ci["n"] != 9.0 || math.Abs(ci["rho"].(float64)-plain.Rho) > 1e-9 || plain.Rho > -0.5 {
			t.Fatalf("ci_reliability: %v, plain rho %v", ci, plain.Rho)
		}
		if iv := ci["interval_95"].([]any); math.Abs(iv[0].(float64)-plain.Low) > 1e-9 || math.Abs(iv[1].(float64)-plain.High) > 1e-9 {
			t.Fatalf("interval %v, want [%v, %v]", iv, plain.Low, plain.High)
		}
		adm := newAdminClient(t, db)
		body := adm.get("/org").Body.String()
		if !strings.Contains(body, `data-testid="correlation-chart"`) || !strings.Contains(body, "Correlation is not cause") {
			t.Fatalf("the org page lacks the correlation:\n%s", body)
		}
		// Two teams fewer with the metric: seven is not enough.
		db.Exec("DELETE FROM team_metrics WHERE team_id IN (SELECT id FROM teams WHERE path IN ('Eng/T0', 'Eng/T1'))")
		status, out = l.apiCall(t, "GET", fmt.Sprintf("/api/v1/snapshots/%d/correlations", snap), tok, "", nil)
		if ci = findCorrelation(t, status, out, "ci_reliability"); ci["shown"] != false || ci["n"] != 7.0 || ci["rho"] != nil {
			t.Fatalf("seven teams: %v", ci)
		}
		if body := adm.get("/org").Body.String(); !strings.Contains(body, `data-testid="correlation-not-enough"`) {
			t.Fatal("the org page does not say there is not enough data")
		}
	})
}

func findCorrelation(t *testing.T, status int, out map[string]any, driver string) map[string]any {
	t.Helper()
	cs, _ := out["correlations"].([]any)
	if status != http.StatusOK || len(cs) != 4 {
		t.Fatalf("correlations: %d %v", status, out)
	}
	for _, c := range cs {
		if m := c.(map[string]any); m["driver"] == driver {
			return m
		}
	}
	t.Fatalf("no %s in %v", driver, cs)
	return nil
}

func TestTeamMetricsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		team, _ := metricsTeam(t, db)
		l := startLive(t, db, nil)
		tok := apiToken(t, db, auth.ScopeResultsRead)
		from, to := metrics.Week(time.Now().UTC().AddDate(0, 0, -14)), metrics.Week(time.Now().UTC())
		status, out := l.apiCall(t, "GET", fmt.Sprintf("/api/v1/teams/%d/metrics?from=%s&to=%s", team.ID, from, to), tok, "", nil)
		ms, _ := out["metrics"].([]any)
		if status != http.StatusOK || len(ms) != 1 {
			t.Fatalf("%d %v", status, out)
		}
		m := ms[0].(map[string]any)
		if pts := m["points"].([]any); m["name"] != "ci_failure_rate" || len(pts) != 3 || pts[2].(map[string]any)["week"] != to {
			t.Fatalf("series %v", m)
		}
		if status, _ := l.apiCall(t, "GET", fmt.Sprintf("/api/v1/teams/%d/metrics?from=2026-40", team.ID), tok, "", nil); status != http.StatusBadRequest {
			t.Fatalf("bad week: %d", status)
		}
		if status, _ := l.apiCall(t, "GET", "/api/v1/teams/99999/metrics", tok, "", nil); status != http.StatusNotFound {
			t.Fatalf("unknown team: %d", status)
		}
	})
}
