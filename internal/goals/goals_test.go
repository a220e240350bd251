package goals_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

func rate(key string, v int) func(directory.Person) *resultstest.Answers {
	return func(directory.Person) *resultstest.Answers {
		return &resultstest.Answers{Ratings: map[string]int{key: v}}
	}
}

func TestSetValidatesAndAudits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := resultstest.New(t, db, 5)
		w.Add(t, "Eng/A", 5, "backend", directory.Remote)
		snap := w.Snapshot(t, "Q1", rate("local_env", 3)).Snapshot
		svc := goals.New(db, audit.New(db))
		team := w.Teams["Eng/A"]
		drivers := map[string]string{"local_env": "Local environment", "a": "A", "b": "B", "c": "C"}
		in := func(key, kind, target, reason string) goals.NewGoal {
			return goals.NewGoal{TeamID: team.ID, TeamPath: team.Path, BaselineID: snap.ID, DriverKey: key, Kind: kind, Target: target, Reason: reason}
		}
		_, err := svc.Set(ctx, in("nope", "goal", "x", " "), drivers, "lead@example.com")
		var fe goals.FieldErrors
		if !errors.As(err, &fe) || len(fe) != 4 {
			t.Fatalf("bad goal: %v", err)
		}
		if _, err := svc.Set(ctx, in("local_env", insight.GoalScore, "101", "fast"), drivers, "x"); !errors.As(err, &fe) || fe["target"].String() != "Enter a number from 1 to 100." {
			t.Fatalf("target over 100: %v", err)
		}
		g, err := svc.Set(ctx, in("local_env", insight.GoalScore, "70", "Builds block us"), drivers, "lead@example.com")
		if err != nil || g.ID == 0 || g.Target != 70 {
			t.Fatalf("set: %+v %v", g, err)
		}
		events, _ := audit.New(db).Recent(ctx, 1, 0)
		if e := events[0]; e.Action != "goal.set" || e.Actor != "lead@example.com" || e.Detail != "Local environment: reach 70 (Builds block us)" {
			t.Errorf("audit %+v", e)
		}
		if _, err := svc.Set(ctx, in("local_env", insight.GoalPoints, "5", "again"), drivers, "x"); !errors.As(err, &fe) || fe["driver"].String() != "Your team already has a goal on Local environment." {
			t.Errorf("second goal on one driver: %v", err)
		}
		for _, k := range []string{"a", "b"} {
			if _, err := svc.Set(ctx, in(k, insight.GoalPoints, "5", "why"), drivers, "x"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.Set(ctx, in("c", insight.GoalPoints, "5", "why"), drivers, "x"); !errors.As(err, &fe) || fe["driver"].String() != "A team sets at most 3 goals: remove one first." {
			t.Errorf("fourth goal: %v", err)
		}
		if got, _ := svc.ForTeam(ctx, team.ID, snap.ID); len(got) != 3 {
			t.Errorf("%d goals stored", len(got))
		}
		if err := svc.Delete(ctx, team.ID+1, team.Path, snap.ID, g.ID, "x"); !errors.Is(err, goals.ErrNotFound) {
			t.Errorf("delete through another team: %v", err)
		}
		if err := svc.Delete(ctx, team.ID, team.Path, snap.ID+1, g.ID, "x"); !errors.Is(err, goals.ErrNotFound) {
			t.Errorf("delete with another baseline: %v", err)
		}
		if err := svc.Delete(ctx, team.ID, team.Path, snap.ID, g.ID, "lead@example.com"); err != nil {
			t.Fatal(err)
		}
		if got, _ := svc.ForTeam(ctx, team.ID, snap.ID); len(got) != 2 {
			t.Errorf("%d goals after delete", len(got))
		}
	})
}

// TestJudge: after Q1 (local_env all 2s, score 0) Eng/A sets two goals and
// Eng/B, under k, one; in Q2 local_env is all 4s (score 100).
func TestJudge(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := resultstest.New(t, db, 5)
		// B's two people could be worked out from the rest, so the stored
		// decisions hide the smaller sibling C as well; A (7) shows.
		w.Add(t, "Eng/A", 7, "backend", directory.Remote)
		w.Add(t, "Eng/B", 2, "backend", directory.Remote)
		w.Add(t, "Eng/C", 6, "backend", directory.Remote)
		q1 := w.Snapshot(t, "Q1", rate("local_env", 2)).Snapshot
		svc := goals.New(db, audit.New(db))
		a, b := w.Teams["Eng/A"], w.Teams["Eng/B"]
		drivers := map[string]string{"local_env": "Local environment", "build_test_speed": "Build and test speed"}
		set := func(team directory.Team, key, kind, target string) {
			if _, err := svc.Set(ctx, goals.NewGoal{TeamID: team.ID, TeamPath: team.Path, BaselineID: q1.ID, DriverKey: key, Kind: kind, Target: target, Reason: "why"}, drivers, "x"); err != nil {
				t.Fatal(err)
			}
		}
		set(a, "local_env", insight.GoalScore, "70")
		set(a, "build_test_speed", insight.GoalPoints, "10")
		set(b, "local_env", insight.GoalPoints, "10")

		dash := func(team directory.Team) results.Dashboard {
			d, err := w.Results.Dashboard(ctx, results.Query{TeamID: team.ID})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		gA, _ := svc.ForTeam(ctx, a.ID, q1.ID)
		if j := goals.Judge(gA, dash(a)); len(j) != 2 || j[0].Judged || !j[0].Baseline.OK || j[0].Baseline.Value != 0 {
			t.Fatalf("before Q2: %+v", j)
		}
		w.Snapshot(t, "Q2", rate("local_env", 4))
		got := ""
		for _, j := range goals.Judge(gA, dash(a)) {
			got += fmt.Sprintf("%s %s %v%+d sig=%v; ", j.DriverKey, j.Verdict, j.Now.Value, j.Change.Points, j.Change.Significant)
		}
		if got != "local_env met 100+100 sig=true; build_test_speed not met 0+0 sig=false; " {
			t.Errorf("Eng/A: %s", got)
		}
		// The organisation's page judges the same from its heatmap rows.
		o, err := w.Results.Org(ctx, results.OrgQuery{})
		if err != nil {
			t.Fatal(err)
		}
		all, _ := svc.ForSnapshots(ctx, q1.ID)
		got = ""
		for _, j := range goals.JudgeOrg(all, o) {
			got += fmt.Sprintf("%s %s %s; ", j.TeamPath, j.DriverKey, j.Verdict)
		}
		if got != "Eng/A local_env met; Eng/A build_test_speed not met; Eng/B local_env not measurable; " {
			t.Errorf("org: %s", got)
		}
		if f, ok := goals.MetFinding(i18n.For(i18n.English), goals.JudgeOrg(all, o), "Q1"); !ok || f.Big != "Eng/A" || len(f.Items) != 1 {
			t.Errorf("finding %+v", f)
		}
		gB, _ := svc.ForTeam(ctx, b.ID, q1.ID)
		if j := goals.Judge(gB, dash(b)); len(j) != 1 || j[0].Verdict != insight.GoalNotMeasurable {
			t.Errorf("Eng/B under k: %+v", j)
		}
	})
}
