package metrics_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

// tenPRs adds n people to team who started on start; person i merges ten
// PRs, the jth (i+1)*(j+1) days after starting, so reaches the 10th
// after 10*(i+1) days.
func tenPRs(t *testing.T, db *gorm.DB, team directory.Team, n int, start time.Time) {
	t.Helper()
	ctx := context.Background()
	var ins []events.Input
	for i := 0; i < n; i++ {
		email := fmt.Sprintf("ten%d-%d@example.com", team.ID, i)
		p := directory.Person{Email: email, Name: email, TeamID: &team.ID, StartDate: &start, Active: true, CreatedAt: start, UpdatedAt: start}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 10; j++ {
			at := start.AddDate(0, 0, (i+1)*(j+1)).Add(time.Hour)
			ins = append(ins, events.Input{Type: "pr.merged", Person: email, Key: fmt.Sprintf("%s-%d", email, j), OccurredAt: at.Format(time.RFC3339)})
		}
	}
	if _, err := events.NewStore(db).Ingest(ctx, events.SourceAPI, ins); err != nil {
		t.Fatal(err)
	}
}

func TestDaysTo10thPRWeeklyFromEvents(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, team := newStore(t, db)
		s.SetMinGroupSize(5)
		small, err := directory.EnsureTeam(ctx, db, "Engineering/Small")
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now().UTC().AddDate(0, 0, -120).Truncate(24 * time.Hour)
		tenPRs(t, db, team, 6, start)
		tenPRs(t, db, small, 4, start) // under k: never a figure
		if _, err := s.RecomputeFromEvents(ctx, metrics.Week(start), metrics.Week(time.Now().UTC())); err != nil {
			t.Fatal(err)
		}
		var got []metrics.Value
		if err := db.Where("name = ?", metrics.DaysTo10thPR).Order("iso_week").Find(&got).Error; err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Fatal("no days_to_10th_pr values")
		}
		// The 5th newcomer reaches the 10th PR on day 50: the first week with
		// k of them, median 30 days; from day 60 all six, median 35 days.
		if want := metrics.Week(start.AddDate(0, 0, 50).Add(time.Hour)); got[0].ISOWeek != want || math.Abs(got[0].Value-(30+1.0/24)) > 0.01 {
			t.Errorf("first value %s %.3f, want %s 30.04", got[0].ISOWeek, got[0].Value, want)
		}
		last := got[len(got)-1]
		if want := metrics.Week(start.AddDate(0, 0, 60).Add(time.Hour)); last.ISOWeek != want || math.Abs(last.Value-(35+1.0/24)) > 0.01 {
			t.Errorf("last value %s %.3f, want %s 35.04", last.ISOWeek, last.Value, want)
		}
		for _, v := range got {
			if v.TeamID != team.ID || v.Source != metrics.SourceEvents || v.Unit != "days" {
				t.Errorf("value %+v: only the team of six, from events", v)
			}
			// Each weekly value is the dashboard's milestone as of the week's end.
			ws, _ := metrics.WeekStart(v.ISOWeek)
			o, err := s.Onboarding(ctx, team.ID, ws.AddDate(0, 0, 7).Add(-time.Nanosecond), 5)
			if err != nil || !o.Milestones[2].OK || o.Milestones[2].Days != v.Value {
				t.Errorf("week %s: %.3f, dashboard %+v %v", v.ISOWeek, v.Value, o, err)
			}
		}
	})
}
