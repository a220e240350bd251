package metrics_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/testdb"
)

// newcomers adds n people to team who started 100 days before asOf; person
// i merges i+3 PRs, the jth of them 2*(i+1)*(j+1) days after starting.
func newcomers(t *testing.T, db *gorm.DB, team directory.Team, n int, asOf time.Time) {
	t.Helper()
	ctx := context.Background()
	start := asOf.AddDate(0, 0, -100).Truncate(24 * time.Hour)
	var ins []events.Input
	for i := 0; i < n; i++ {
		email := fmt.Sprintf("new%d-%d@example.com", team.ID, i)
		p := directory.Person{Email: email, Name: email, TeamID: &team.ID, StartDate: &start, Active: true, CreatedAt: start, UpdatedAt: start}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		for j := 0; j < i+3; j++ {
			at := start.AddDate(0, 0, 2*(i+1)*(j+1)).Add(time.Hour)
			ins = append(ins, events.Input{Type: "pr.merged", Person: email, Key: fmt.Sprintf("%s-%d", email, j), OccurredAt: at.Format(time.RFC3339)})
		}
	}
	if _, err := events.NewStore(db).Ingest(ctx, events.SourceAPI, ins); err != nil {
		t.Fatal(err)
	}
}

func TestOnboardingKeepsToTheMinimumGroupSize(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, team := newStore(t, db)
		small, err := directory.EnsureTeam(ctx, db, "Engineering/Small")
		if err != nil {
			t.Fatal(err)
		}
		asOf := time.Now().UTC()
		newcomers(t, db, team, 6, asOf)
		newcomers(t, db, small, 4, asOf)
		o, err := s.Onboarding(ctx, team.ID, asOf, 5)
		if err != nil || !o.Shown || o.Newcomers != 6 || len(o.Milestones) != 3 {
			t.Fatalf("onboarding %+v %v", o, err)
		}
		// 1st PR: 2, 4, ..., 12 days (median 7); 5th: reached by persons
		// 2..5 (4 people, under k); 10th: nobody.
		first, fifth, tenth := o.Milestones[0], o.Milestones[1], o.Milestones[2]
		if !first.OK || first.Reached != 6 || first.Days < 7 || first.Days > 7.1 {
			t.Errorf("1st PR %+v", first)
		}
		if fifth.OK || fifth.Reached != 4 || tenth.OK || tenth.Reached != 0 {
			t.Errorf("5th %+v, 10th %+v: under k must show no number", fifth, tenth)
		}
		if o, err := s.Onboarding(ctx, small.ID, asOf, 5); err != nil || o.Shown || o.Newcomers != 0 || o.Milestones != nil {
			t.Errorf("a team of 4 newcomers: %+v %v", o, err)
		}
		if o, err := s.Onboarding(ctx, team.ID, asOf.AddDate(1, 1, 0), 5); err != nil || o.Shown {
			t.Errorf("13 months later nobody is new: %+v %v", o, err)
		}
	})
}
