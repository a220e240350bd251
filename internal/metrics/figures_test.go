package metrics_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

// sent is one event the test sends, with what a plain recomputation needs.
type sent struct {
	team, week, typ, outcome string
	hours                    float64 // lead time, restore time or CI duration in hours
}

// someEvents makes a deterministic mix of events for two people in two
// teams over two weeks (2026-W47 and W48).
func someEvents() ([]events.Input, []sent) {
	var ins []events.Input
	var out []sent
	people := map[string]string{"ada@example.com": "Eng/CI", "bob@example.com": "Eng/Web"}
	base := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC) // Monday of 2026-W47
	i := 0
	for person, team := range people {
		for day := 0; day < 14; day++ {
			at := base.Add(time.Duration(day)*24*time.Hour + time.Duration(i%5)*time.Hour)
			week := metrics.Week(at)
			h := float64(1 + (i*7)%23)
			outcome := []string{"success", "failure", "success", "cancelled"}[i%4]
			ctxs := map[string]map[string]any{
				"pr.merged":         {"opened_at": at.Add(-time.Duration(h * float64(time.Hour))).Format(time.RFC3339)},
				"deploy.completed":  {"outcome": outcome},
				"ci.finished":       {"outcome": outcome, "duration_seconds": h * 3600},
				"incident.resolved": {"started_at": at.Add(-time.Duration(h * float64(time.Hour))).Format(time.RFC3339)},
			}
			typ := []string{"pr.merged", "deploy.completed", "ci.finished", "incident.resolved", "ci.finished"}[i%5]
			b, _ := json.Marshal(ctxs[typ])
			ins = append(ins, events.Input{Type: typ, Person: person, Key: fmt.Sprint("e", i), OccurredAt: at.Format(time.RFC3339), Context: b})
			out = append(out, sent{team: team, week: week, typ: typ, outcome: outcome, hours: h})
			i++
		}
	}
	return ins, out
}

// recompute is the plain definition of each figure, written out again.
func recompute(evs []sent) map[string]float64 {
	median := func(xs []float64) float64 {
		sort.Float64s(xs)
		if len(xs)%2 == 1 {
			return xs[len(xs)/2]
		}
		return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	type acc struct {
		lead, restore, ci          []float64
		prs, deploys, failed, runs int
		ciFailed                   int
	}
	groups := map[string]*acc{}
	for _, e := range evs {
		k := e.team + " " + e.week
		if groups[k] == nil {
			groups[k] = &acc{}
		}
		a := groups[k]
		switch e.typ {
		case "pr.merged":
			a.prs++
			a.lead = append(a.lead, e.hours)
		case "deploy.completed":
			a.deploys++
			if e.outcome == "failure" {
				a.failed++
			}
		case "incident.resolved":
			a.restore = append(a.restore, e.hours)
		case "ci.finished":
			a.ci = append(a.ci, e.hours*60)
			if e.outcome != "cancelled" {
				a.runs++
			}
			if e.outcome == "failure" {
				a.ciFailed++
			}
		}
	}
	want := map[string]float64{}
	for k, a := range groups {
		if a.prs > 0 {
			want[k+" pr_throughput"], want[k+" pr_lead_time_hours"] = float64(a.prs), median(a.lead)
		}
		if a.deploys > 0 {
			want[k+" deploy_frequency"], want[k+" change_failure_rate"] = float64(a.deploys), float64(a.failed)/float64(a.deploys)
		}
		if len(a.restore) > 0 {
			want[k+" time_to_restore_hours"] = median(a.restore)
		}
		if len(a.ci) > 0 {
			want[k+" ci_duration_p50_minutes"] = median(a.ci)
		}
		if a.runs > 0 {
			want[k+" ci_failure_rate"] = float64(a.ciFailed) / float64(a.runs)
		}
	}
	return want
}

// storedFigures reads every stored value as "team week name" -> value.
func storedFigures(t *testing.T, db *gorm.DB) map[string]float64 {
	t.Helper()
	var rows []struct {
		Path, Name, ISOWeek string
		Value               float64
	}
	if err := db.Raw("SELECT t.path, m.name, m.iso_week, m.value FROM team_metrics m JOIN teams t ON t.id = m.team_id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, r := range rows {
		got[r.Path+" "+r.ISOWeek+" "+r.Name] = r.Value
	}
	return got
}

func sameFigures(t *testing.T, got, want map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d figures, want %d:\ngot  %v\nwant %v", len(got), len(want), got, want)
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || math.Abs(g-w) > 1e-9 {
			t.Errorf("%s = %v (stored %v), want %v", k, g, ok, w)
		}
	}
}

func TestFiguresFromEventsMatchARecomputation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		for email, team := range map[string]string{"ada@example.com": "Eng/CI", "bob@example.com": "Eng/Web"} {
			tm, err := directory.EnsureTeam(ctx, db, team)
			if err != nil {
				t.Fatal(err)
			}
			p := directory.Person{Email: email, Name: email, TeamID: &tm.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
			if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
		}
		ms, _ := newStore(t, db)
		evs := events.NewStore(db)
		evs.OnStored(ms.FromEvents)
		ins, plain := someEvents()
		// In two requests, so the second recomputes weeks the first began.
		for _, part := range [][]events.Input{ins[:9], ins[9:]} {
			if _, err := evs.Ingest(ctx, events.SourceAPI, part); err != nil {
				t.Fatal(err)
			}
		}
		want := recompute(plain)
		sameFigures(t, storedFigures(t, db), want)

		if err := db.Exec("DELETE FROM team_metrics").Error; err != nil {
			t.Fatal(err)
		}
		n, err := ms.RecomputeFromEvents(ctx, "2026-W46", "2026-W49")
		if err != nil || n != len(want) {
			t.Fatalf("recompute stored %d, want %d: %v", n, len(want), err)
		}
		sameFigures(t, storedFigures(t, db), want)
	})
}
