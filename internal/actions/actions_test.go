package actions_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

var drivers = map[string]string{"ci": "Build and test speed", "docs": "Documentation"}

func TestCreateValidatesAndIsIdempotent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := resultstest.New(t, db, 5)
		owner := w.Add(t, "Eng/A", 2, "backend", directory.Remote)[0]
		team := w.Teams["Eng/A"].ID
		svc := actions.New(db, audit.New(db))

		_, err := svc.Create(ctx, actions.Input{Status: "wont_do", TargetDate: "31/03", Drivers: []string{"nope"}}, drivers, "lead")
		var fe actions.FieldErrors
		if !errors.As(err, &fe) || len(fe) != 5 || fe["reason"].ID == "" || fe["target_date"].ID == "" || fe["drivers"].String() != "Choose drivers from the list." {
			t.Fatalf("bad action: %v", err)
		}
		in := actions.Input{TeamID: &team, Title: "Split the CI suite", OwnerEmail: "nobody@example.com", TargetDate: "2027-03-31", Drivers: []string{"ci", "ci"}, RequestKey: "k1"}
		if _, err := svc.Create(ctx, in, drivers, "lead"); !errors.As(err, &fe) || fe["owner"].ID == "" {
			t.Fatalf("unknown owner: %v", err)
		}
		in.OwnerEmail = owner.Email
		a, err := svc.Create(ctx, in, drivers, "lead")
		if err != nil || a.Status != actions.Planned || len(a.Drivers) != 1 {
			t.Fatalf("create: %+v %v", a, err)
		}
		again, err := svc.Create(ctx, in, drivers, "lead")
		if err != nil || again.ID != a.ID {
			t.Fatalf("a retried form made another action: %d != %d (%v)", again.ID, a.ID, err)
		}
		got, err := svc.Get(ctx, a.ID)
		if err != nil || got.OwnerName != owner.Name || got.TeamPath != "Eng/A" || got.Scope() != "Eng/A" {
			t.Fatalf("get: %+v %v", got, err)
		}
		events, _ := audit.New(db).Recent(ctx, 5, 0)
		if len(events) != 1 || events[0].Action != "action.create" || events[0].Actor != "lead" {
			t.Errorf("audit: %+v", events)
		}
	})
}

func TestUpdatesDateProgressAndWontDoKeepsItsReason(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := resultstest.New(t, db, 5)
		owner := w.Add(t, "Eng/A", 1, "backend", directory.Remote)[0]
		day := time.Date(2027, 2, 1, 10, 0, 0, 0, time.UTC)
		svc := actions.New(db, audit.New(db)).WithClock(func() time.Time { return day })
		a, err := svc.Create(ctx, actions.Input{Title: "Faster laptops", OwnerEmail: owner.Email, TargetDate: "2027-06-30", Drivers: []string{"docs"}}, drivers, "exec")
		if err != nil || !a.IsOrg() {
			t.Fatalf("create: %+v %v", a, err)
		}
		var fe actions.FieldErrors
		if _, err := svc.AddUpdate(ctx, a.ID, actions.UpdateInput{Status: "wont_do"}, "exec"); !errors.As(err, &fe) || fe["body"].ID == "" {
			t.Fatalf("won't do without a reason: %v", err)
		}
		if _, err := svc.AddUpdate(ctx, a.ID, actions.UpdateInput{Body: "Vendor quotes in", Status: "in_progress"}, "exec"); err != nil {
			t.Fatal(err)
		}
		up := actions.UpdateInput{Body: "Budget went to CI instead", Status: "wont_do", RequestKey: "u1"}
		for range 2 { // a retried update is stored once
			if a, err = svc.AddUpdate(ctx, a.ID, up, "exec"); err != nil {
				t.Fatal(err)
			}
		}
		if a.Status != actions.WontDo || a.Reason != "Budget went to CI instead" || len(a.Updates) != 2 || !a.Updates[0].CreatedAt.Equal(day) {
			t.Fatalf("after updates: %+v", a)
		}
		if a, err = svc.AddUpdate(ctx, a.ID, actions.UpdateInput{Body: "Back on", Status: "planned"}, "exec"); err != nil || a.Reason != "" {
			t.Fatalf("leaving won't do clears the reason: %+v %v", a, err)
		}
		if _, err := svc.AddUpdate(ctx, 999, actions.UpdateInput{Body: "x"}, "exec"); !errors.Is(err, actions.ErrNotFound) {
			t.Errorf("missing action: %v", err)
		}
		list, err := svc.List(ctx, actions.Filter{Drivers: []string{"docs"}, Status: actions.Planned})
		if err != nil || len(list) != 1 {
			t.Errorf("filtered list: %d %v", len(list), err)
		}
		if list, _ := svc.List(ctx, actions.Filter{Drivers: []string{"ci"}}); len(list) != 0 {
			t.Errorf("driver filter kept %d", len(list))
		}
	})
}

func TestEditKeepsStatusAndChangesTheRest(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := resultstest.New(t, db, 5)
		people := w.Add(t, "Eng/A", 2, "backend", directory.Remote)
		svc := actions.New(db, audit.New(db))
		a, err := svc.Create(ctx, actions.Input{Title: "Docs day", OwnerEmail: people[0].Email, TargetDate: "2027-01-31",
			Status: "in_progress", Drivers: []string{"docs"}}, drivers, "exec")
		if err != nil {
			t.Fatal(err)
		}
		var fe actions.FieldErrors
		if _, err := svc.Edit(ctx, a.ID, actions.Input{Title: " ", OwnerEmail: people[1].Email, TargetDate: "2027-02-28"}, drivers, "exec"); !errors.As(err, &fe) || fe["title"].ID == "" || fe["drivers"].ID == "" {
			t.Fatalf("bad edit: %v", err)
		}
		a, err = svc.Edit(ctx, a.ID, actions.Input{Title: "Docs week", OwnerEmail: strings.ToUpper(people[1].Email), TargetDate: "2027-02-28",
			Status: "done", Drivers: []string{"ci", "docs"}}, drivers, "exec")
		if err != nil || a.Title != "Docs week" || a.OwnerName != people[1].Name || a.Status != actions.InProgress || len(a.Drivers) != 2 {
			t.Fatalf("edit: %+v %v", a, err)
		}
		if _, err := svc.Edit(ctx, 999, actions.Input{}, drivers, "exec"); !errors.Is(err, actions.ErrNotFound) {
			t.Errorf("missing action: %v", err)
		}
	})
}
