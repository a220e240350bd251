package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

// metricsTeam is a team of six whose snapshot closed eight weeks ago,
// everyone rating CI reliability 4 (a score of 100), with a CI failure
// rate of 10% for the 12 weeks before that close and 20% after.
func metricsTeam(t *testing.T, db *gorm.DB) (directory.Team, string) {
	t.Helper()
	w := resultstest.New(t, db, 5)
	w.Add(t, "Eng/CI", 6, "sre", directory.Hybrid)
	w.Snapshot(t, "2026 Q3", func(directory.Person) *resultstest.Answers {
		return &resultstest.Answers{Ratings: map[string]int{"ci_reliability": 4}}
	})
	closed := time.Now().UTC().AddDate(0, 0, -56)
	if err := db.Exec("UPDATE snapshots SET closed_at = ?", closed).Error; err != nil {
		t.Fatal(err)
	}
	team := w.Teams["Eng/CI"]
	var vals []metrics.Value
	for i := -20; i <= 0; i++ {
		week := metrics.Week(time.Now().UTC().AddDate(0, 0, 7*i))
		v := 0.1
		if week > metrics.Week(closed) {
			v = 0.2
		}
		vals = append(vals, metrics.Value{TeamID: team.ID, Name: metrics.CIFailureRate, ISOWeek: week, Value: v, Unit: "ratio"})
	}
	if _, err := metrics.New(db, audit.New(db)).Save(context.Background(), vals, metrics.SourceAPI, "test"); err != nil {
		t.Fatal(err)
	}
	return team, metrics.Week(closed)
}

func TestTeamDashboardShowsLinkedMetrics(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		team, closedWeek := metricsTeam(t, db)
		a := newAdminClient(t, db)
		rec := a.get(fmt.Sprintf("/teams/%d", team.ID))
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `data-testid="team-metrics"`) {
			t.Fatalf("status %d, no metrics section:\n%s", rec.Code, body)
		}
		if n := strings.Count(body, `data-testid="team-metrics-chart"`); n != 1 {
			t.Fatalf("%d charts, want one (CI reliability)", n)
		}
		chart := body[:strings.Index(body, `data-testid="team-metrics-chart"`)]
		chart = html.UnescapeString(chart[strings.LastIndex(chart, `data-chart="`):])
		for _, want := range []string{`"CI reliability (score)"`, `"ci_failure_rate"`, `"yAxisIndex":1`, `"position":"right"`} {
			if !strings.Contains(chart, want) {
				t.Errorf("the chart lacks %s", want)
			}
		}
		_, table, _ := strings.Cut(body, `data-testid="team-metrics-table-ci_reliability"`)
		table, _, _ = strings.Cut(table, "</table>")
		if !strings.Contains(table, closedWeek) || !strings.Contains(table, ">100<") || !strings.Contains(table, "20.0%") || !strings.Contains(table, "10.0%") {
			t.Errorf("table:\n%s", table)
		}
		if got := testText(body, "team-metrics-signal"); got != metrics.Worsening {
			t.Errorf("signal %q, want worsening (10%% -> 20%%, lower is better)", got)
		}
	})
}

func TestOrgPageShowsDORAKeys(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		team, _ := metricsTeam(t, db)
		var vals []metrics.Value
		for i := 0; i < 13; i++ {
			week := metrics.Week(time.Now().UTC().AddDate(0, 0, -7*i))
			vals = append(vals, metrics.Value{TeamID: team.ID, Name: metrics.DeployFrequency, ISOWeek: week, Value: 14, Unit: "deploys"},
				metrics.Value{TeamID: team.ID, Name: metrics.ChangeFailureRate, ISOWeek: week, Value: 0.2, Unit: "ratio"})
		}
		if _, err := metrics.New(db, audit.New(db)).Save(context.Background(), vals, metrics.SourceAPI, "test"); err != nil {
			t.Fatal(err)
		}
		body := newAdminClient(t, db).get("/org").Body.String()
		_, row, ok := strings.Cut(body, `data-testid="org-dora-team"`)
		if !ok {
			t.Fatalf("no DORA table:\n%s", body)
		}
		row, _, _ = strings.Cut(row, "</tr>")
		for _, want := range []string{"Eng/CI", "14.0/week", ">elite<", "20%", ">high<"} {
			if !strings.Contains(row, want) {
				t.Errorf("the row lacks %s:\n%s", want, row)
			}
		}
	})
}

// A team of five newcomers sees their median days to the first merged PR;
// the 5th, which fewer than k reached, shows no number.
func TestTeamDashboardShowsOnboarding(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		team, err := directory.EnsureTeam(ctx, db, "Eng/New")
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now().UTC().AddDate(0, 0, -60).Truncate(24 * time.Hour)
		var ins []events.Input
		for i := 0; i < 5; i++ {
			email := fmt.Sprintf("new%d@example.com", i)
			p := directory.Person{Email: email, Name: email, TeamID: &team.ID, StartDate: &start, Active: true, CreatedAt: start, UpdatedAt: start}
			if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
			at := start.AddDate(0, 0, 3+i).Add(time.Hour)
			ins = append(ins, events.Input{Type: "pr.merged", Person: email, Key: email, OccurredAt: at.Format(time.RFC3339)})
		}
		if _, err := events.NewStore(db).Ingest(ctx, events.SourceAPI, ins); err != nil {
			t.Fatal(err)
		}
		body := newAdminClient(t, db).get(fmt.Sprintf("/teams/%d", team.ID)).Body.String()
		_, table, ok := strings.Cut(body, `data-testid="team-onboarding"`)
		table, _, _ = strings.Cut(table, "</table>")
		if !ok || testText(body, "onboarding-days") != "5" || !strings.Contains(table, "too few people to show") {
			t.Fatalf("onboarding table:\n%s", table)
		}
	})
}
