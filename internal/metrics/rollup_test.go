package metrics_test

import (
	"context"
	"math"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/testdb"
)

// A parent's linked figures are recomputed from its sub-teams' events
// together: rates over all runs and deployments, medians over all
// durations, not averages of the sub-teams' weekly figures.
func TestLinkedSeriesRollsUpFromSubTeams(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		var subTeams []int64
		for email, team := range map[string]string{"ada@example.com": "Eng/CI", "bob@example.com": "Eng/Web"} {
			tm, err := directory.EnsureTeam(ctx, db, team)
			if err != nil {
				t.Fatal(err)
			}
			subTeams = append(subTeams, tm.ID)
			p := directory.Person{Email: email, Name: email, TeamID: &tm.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
			if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
		}
		parent, err := directory.EnsureTeam(ctx, db, "Eng")
		if err != nil {
			t.Fatal(err)
		}
		ms, _ := newStore(t, db)
		evs := events.NewStore(db)
		evs.OnStored(ms.FromEvents)
		ins, plain := someEvents()
		if _, err := evs.Ingest(ctx, events.SourceAPI, ins); err != nil {
			t.Fatal(err)
		}
		for i := range plain {
			plain[i].team = "Eng"
		}
		want := recompute(plain)

		linked, err := ms.LinkedSeries(ctx, parent.ID, subTeams, 26)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, l := range linked {
			if !l.RolledUp {
				t.Errorf("%s is not marked rolled up", l.Link.MetricName)
			}
			for _, p := range l.Points {
				w, ok := want["Eng "+p.Week+" "+l.Link.MetricName]
				if !ok || math.Abs(w-p.Value) > 1e-9 {
					t.Errorf("%s %s = %v, want %v (%v)", l.Link.MetricName, p.Week, p.Value, w, ok)
				}
				checked++
			}
		}
		// ci_failure_rate, ci_duration_p50_minutes, change_failure_rate: two weeks each.
		if checked != 6 {
			t.Errorf("%d rolled-up points checked, want 6: %+v", checked, linked)
		}
		// Without sub-teams the parent has nothing of its own.
		if own, err := ms.LinkedSeries(ctx, parent.ID, nil, 26); err != nil || len(own) != 0 {
			t.Errorf("parent alone: %+v %v", own, err)
		}
	})
}
