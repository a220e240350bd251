package results_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// org builds, with k = 5:
//
//	Eng (1 direct: manager)
//	├── A: 6 backend (3 remote, 3 office)
//	├── B: 5 frontend (hybrid)
//	└── C: 2 backend (remote)
//
// Q1: local_env rated A 5,4,4,3,2,n/a; B all 2; C 5,5; Eng's manager 4.
// Q2: A rates local_env 5 six times; A picks local_env four times and
// documentation twice; three comments.
type org struct {
	w      *resultstest.World
	q1, q2 survey.Outline
}

func newOrg(t *testing.T, db *gorm.DB) org {
	w := resultstest.New(t, db, 5)
	a := w.Add(t, "Eng/A", 3, "backend", directory.Remote)
	a = append(a, w.Add(t, "Eng/A", 3, "backend", directory.Office)...)
	w.Add(t, "Eng/B", 5, "frontend", directory.Hybrid)
	w.Add(t, "Eng/C", 2, "backend", directory.Remote)
	w.Add(t, "Eng", 1, "manager", directory.Office)
	index := func(p directory.Person) int {
		for i, x := range a {
			if x.ID == p.ID {
				return i
			}
		}
		return -1
	}
	teamOf := func(p directory.Person) string {
		for path, t := range w.Teams {
			if *p.TeamID == t.ID {
				return path
			}
		}
		return ""
	}
	q1 := w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers {
		r := map[string]int{"Eng/B": 2, "Eng/C": 5, "Eng": 4}[teamOf(p)]
		if i := index(p); i >= 0 {
			r = []int{5, 4, 4, 3, 2, 0}[i]
		}
		return &resultstest.Answers{Ratings: map[string]int{"local_env": r}}
	})
	q2 := w.Snapshot(t, "2026 Q2", func(p directory.Person) *resultstest.Answers {
		ans := &resultstest.Answers{Ratings: map[string]int{"local_env": 3}}
		switch i := index(p); {
		case i >= 0:
			ans.Ratings["local_env"] = 5
			ans.Picks = []string{"local_env"}
			if i >= 4 {
				ans.Picks = []string{"documentation"}
			}
			switch i {
			case 0:
				ans.Comment, ans.Contact = "The local setup still takes an afternoon.", true
			case 1:
				ans.Comment = "Docs are thin for the billing service."
			}
		case teamOf(p) == "Eng/B":
			ans.Comment = "Frontend builds are slow."
		}
		return ans
	})
	return org{w: w, q1: q1, q2: q2}
}

func driver(t *testing.T, d results.Dashboard, key string) results.DriverRow {
	t.Helper()
	for _, r := range d.Drivers {
		if r.Key == key {
			return r
		}
	}
	t.Fatalf("no driver %s on the dashboard", key)
	return results.DriverRow{}
}

func TestTeamDashboard(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		s := o.w.Results
		team := func(path string) int64 { return o.w.Teams[path].ID }

		d, err := s.Dashboard(ctx, results.Query{SnapshotID: o.q1.Snapshot.ID, TeamID: team("Eng/A")})
		if err != nil {
			t.Fatal(err)
		}
		le := driver(t, d, "local_env")
		if !d.View.IsShown() || d.View.Responses != 6 || d.View.Invited != 6 {
			t.Fatalf("A in Q1: %+v", d.View)
		}
		// 5,4,4,3,2 and one n/a: 3 favorable of 5 answered.
		if le.Score.Value != 60 || !le.Score.OK || le.Distribution.NotApplicable() != 1 || le.Mean != 3.6 {
			t.Fatalf("A local_env in Q1: %+v", le)
		}
		// Org: 3 + 0 + 2 + 1 favorable of 5 + 5 + 2 + 1 answered = 6/13 = 46.
		if le.Org.Value != 46 {
			t.Fatalf("org local_env = %+v, want 46", le.Org)
		}
		if le.Delta.OK || d.Previous != nil {
			t.Fatalf("Q1 has no previous snapshot: %+v", le.Delta)
		}

		d, err = s.Dashboard(ctx, results.Query{TeamID: team("Eng/A")}) // the latest: Q2
		if err != nil {
			t.Fatal(err)
		}
		le = driver(t, d, "local_env")
		if d.Snapshot.ID != o.q2.Snapshot.ID || d.Previous == nil || d.Previous.ID != o.q1.Snapshot.ID {
			t.Fatalf("latest dashboard is of %d after %v", d.Snapshot.ID, d.Previous)
		}
		// 100 now against 60: +40, but 6 against 5 answers is not significant (z = 1.71).
		if le.Score.Value != 100 || le.Delta.Points != 40 || le.Delta.Significant || !le.Delta.OK {
			t.Fatalf("A local_env in Q2: %+v", le)
		}
		// Four of six picked local_env: 67%; two picked documentation: 33%.
		if le.Priority.Value != 67 || driver(t, d, "documentation").Priority.Value != 33 || driver(t, d, "onboarding").Priority != (insight.Score{Value: 0, OK: true}) {
			t.Fatalf("priority shares: %+v / %+v", le.Priority, driver(t, d, "documentation").Priority)
		}
		if len(d.Trend) != 2 || d.Trend[0].Scores["local_env"].Value != 60 || d.Trend[1].Scores["local_env"].Value != 100 {
			t.Fatalf("trend: %+v", d.Trend)
		}
		// Comments of A: two, the consenting author named, the other not.
		if d.CommentTotal != 2 {
			t.Fatalf("A has %d comments, want 2", d.CommentTotal)
		}
		for _, c := range d.Comments {
			named := c.AuthorName != ""
			if named != (c.Body == "The local setup still takes an afternoon.") {
				t.Fatalf("comment %q has author %q", c.Body, c.AuthorName)
			}
		}
	})
}

func TestDashboardSuppression(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		s := o.w.Results
		team := func(path string) int64 { return o.w.Teams[path].ID }
		get := func(path string, f results.Filter) results.Dashboard {
			t.Helper()
			d, err := s.Dashboard(ctx, results.Query{SnapshotID: o.q2.Snapshot.ID, TeamID: team(path), Filter: f})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}

		// C has 2 responses: too few. B has 5 but C and Eng's manager
		// together hold 3, so B is hidden too.
		c := get("Eng/C", results.Filter{})
		if c.View.Hidden != results.TooFew || c.View.Responses != 2 || driver(t, c, "local_env").Score.OK || c.Comments != nil {
			t.Fatalf("C: %+v", c.View)
		}
		b := get("Eng/B", results.Filter{})
		if b.View.Hidden != results.Complementary || driver(t, b, "local_env").Score.OK || b.CommentTotal != 0 {
			t.Fatalf("B: %+v", b.View)
		}
		// B's comments show on Eng's dashboard, which holds 14.
		eng := get("Eng", results.Filter{})
		if !eng.View.IsShown() || eng.View.Responses != 14 || eng.CommentTotal != 7 { // A's two, B's five
			t.Fatalf("Eng: %+v, %d comments", eng.View, eng.CommentTotal)
		}
		checkSuppressionHeatmap(t, eng)
		checkFilteredSuppression(t, get, eng)
	})
}

// checkSuppressionHeatmap: Eng's heatmap lists Eng's own member, then A, B,
// C, each hidden as on its own dashboard, with no score on a hidden row.
func checkSuppressionHeatmap(t *testing.T, eng results.Dashboard) {
	t.Helper()
	var rows []string
	for _, h := range eng.Heat {
		state := "shown"
		if !h.View.IsShown() {
			state = string(h.View.Hidden)
		}
		name := h.Team.Path
		if h.DirectMembers {
			name += " (direct)"
		}
		rows = append(rows, name+":"+state)
	}
	want := []string{"Eng (direct):too_few", "Eng/A:shown", "Eng/B:complementary", "Eng/C:too_few"}
	if len(rows) != len(want) {
		t.Fatalf("heatmap rows %v, want %v", rows, want)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Fatalf("heatmap rows %v, want %v", rows, want)
		}
	}
	for _, h := range eng.Heat {
		for _, sc := range h.Scores {
			if sc.OK != h.View.IsShown() {
				t.Fatalf("heatmap row %s shows a score while %v", h.Team.Path, h.View.Hidden)
			}
		}
	}
}

// checkFilteredSuppression: filtered views hide groups under k and groups
// whose complement would reveal a smaller one, and never show comments.
func checkFilteredSuppression(t *testing.T, get func(path string, f results.Filter) results.Dashboard, eng results.Dashboard) {
	t.Helper()
	// Filters: A's 3 remote and 3 office are each under k.
	remote := get("Eng/A", results.Filter{Segment: "work_arrangement", Value: directory.Remote})
	if remote.View.IsShown() || remote.View.Responses != 3 || driver(t, remote, "local_env").Score.OK {
		t.Fatalf("A remote: %+v", remote.View)
	}
	// Eng by role: backend 8, frontend 5, manager 1. Backend less A
	// (whose six are all backend, and shown) would give C's 2;
	// frontend is B, hidden to protect C and the manager. Both hide.
	backend := get("Eng", results.Filter{Segment: "job_role", Value: "backend"})
	frontend := get("Eng", results.Filter{Segment: "job_role", Value: "frontend"})
	if backend.View.Hidden != results.Complementary || backend.View.Responses != 8 || frontend.View.Hidden != results.Complementary {
		t.Fatalf("Eng backend %+v, frontend %+v", backend.View, frontend.View)
	}
	if le := driver(t, backend, "local_env"); le.Score.OK || le.Delta.OK {
		t.Fatalf("Eng backend local_env: %+v", le)
	}
	// Filtered numbers never come with comments.
	if backend.Comments != nil || backend.CommentTotal != 0 {
		t.Fatalf("Eng backend shows %d comments", backend.CommentTotal)
	}
	// A backend is A itself: shown with A, since it adds nothing.
	if a := get("Eng/A", results.Filter{Segment: "job_role", Value: "backend"}); !a.View.IsShown() || a.View.Responses != 6 {
		t.Fatalf("A backend: %+v", a.View)
	}
	var frontendOption results.SegmentOption
	for _, opt := range eng.Options["job_role"] {
		if opt.Value == "frontend" {
			frontendOption = opt
		}
	}
	if frontendOption.Responses != 5 || frontendOption.Shown {
		t.Fatalf("frontend option: %+v", frontendOption)
	}
}

func TestMaterialise(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		s := o.w.Results
		count := func(table string) int64 {
			var n int64
			db.Table(table).Where("snapshot_id = ?", o.q2.Snapshot.ID).Count(&n)
			return n
		}
		before := map[string]int64{}
		tables := []string{"result_groups", "result_ratings", "result_items", "result_comments"}
		for _, table := range tables {
			before[table] = count(table)
		}
		run, err := s.Materialise(ctx, o.q2.Snapshot.ID, "admin@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if run.Responses != 14 || run.Invited != 14 {
			t.Fatalf("run: %+v", run)
		}
		for _, table := range tables {
			if n := count(table); n != before[table] || n == 0 {
				t.Fatalf("%s: %d rows after recomputing, %d before", table, n, before[table])
			}
		}
		var comments []results.Comment
		db.Where("snapshot_id = ?", o.q2.Snapshot.ID).Find(&comments)
		for _, c := range comments {
			if (c.AuthorEmail != "") != (c.Body == "The local setup still takes an afternoon.") {
				t.Fatalf("comment %q stored with author %q", c.Body, c.AuthorEmail)
			}
		}

		// An open snapshot has no results to materialise.
		snap, err := o.w.Surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "draft", Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Materialise(ctx, snap.ID, "test"); !errors.Is(err, results.ErrNotClosed) {
			t.Fatalf("materialising a draft: %v", err)
		}
	})
}

func TestClosingMaterialisesThroughTheJobRunner(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		id := o.q2.Snapshot.ID
		// Forget the results the helper computed; the close event's job
		// computes them again.
		db.Exec("DELETE FROM result_snapshots WHERE snapshot_id = ?", id)
		workers := jobs.NewWorkers()
		results.RegisterWorkers(workers, o.w.Results)
		runner, err := jobs.New(db, workers, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if err := runner.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = runner.Stop(context.Background()) })
		if err := runner.Insert(ctx, survey.ClosedArgs{SnapshotID: id}, nil); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			run, ok, err := o.w.Results.Materialised(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				if run.Responses != 14 {
					t.Fatalf("materialised %d responses, want 14", run.Responses)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the close job did not materialise the results")
			}
			time.Sleep(100 * time.Millisecond)
		}
		var actors []string
		db.Table("audit_events").Where("action = ?", "results.materialise").Order("id").Pluck("actor", &actors)
		if len(actors) == 0 || actors[len(actors)-1] != results.Scheduler {
			t.Fatalf("materialisations recorded by %v", actors)
		}
	})
}

func TestOrgDashboardAndSummary(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		d, err := o.w.Results.Org(ctx, results.OrgQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Snapshot.ID != o.q2.Snapshot.ID || d.Compare == nil || d.Compare.ID != o.q1.Snapshot.ID {
			t.Fatalf("org dashboard of %d against %v", d.Snapshot.ID, d.Compare)
		}
		// Org local_env: Q1 6/13 = 46; Q2: A six 5s, everyone else 3: 6/14 = 43.
		var le results.DriverRow
		for _, r := range d.Drivers {
			if r.Key == "local_env" {
				le = r
			}
		}
		if le.Score.Value != 43 || le.Delta.Points != -3 || le.Delta.Significant {
			t.Fatalf("org local_env: %+v", le)
		}
		states := map[string]string{}
		for _, r := range d.Rows {
			states[r.Team.Path] = string(r.View.Hidden)
			if !r.View.IsShown() {
				for _, c := range r.Cells {
					if c.Score.OK {
						t.Fatalf("hidden team %s has a score in the org heatmap", r.Team.Path)
					}
				}
			}
		}
		if states["Eng"] != "" || states["Eng/A"] != "" || states["Eng/B"] != "complementary" || states["Eng/C"] != "too_few" {
			t.Fatalf("org rows: %v", states)
		}
		if d.Priorities[0].Key != "local_env" || d.Priorities[0].Priority.Value != 86 { // A's 4 and the 8 who pick the first driver by default, of 14
			t.Fatalf("top priority: %+v", d.Priorities[0])
		}
		// Everyone worked 60/40 on the first two categories.
		if d.Allocation[0].Percent.Value != 60 || d.Allocation[1].Percent.Value != 40 {
			t.Fatalf("allocation: %+v", d.Allocation)
		}
		sum := readout.Summary(i18n.For(i18n.English), d)
		if sum[0].Key != "participation" || sum[0].Text != "14 of 14 invited people answered 2026 Q2. That is unchanged from 100% in 2026 Q1." {
			t.Fatalf("participation finding: %+v", sum[0])
		}
		var keys []string
		for _, f := range sum {
			keys = append(keys, f.Key)
		}
		t.Logf("findings: %v", keys)
	})
}
