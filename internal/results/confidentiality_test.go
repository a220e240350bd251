package results_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/leakcheck"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestDemoShowsNoSmallGroup takes every group that any reader shows for
// each closed snapshot of the demo, as sets of respondents worked out here
// from the raw responses, and has the independent verifier look for a
// combination that isolates fewer than k people: in the group numbers, in
// each question's numbers (counting those who answered it), and in the
// comment lists.
func TestDemoShowsNoSmallGroup(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	res, err := demo.Build(ctx, db, time.Date(2026, 11, 18, 10, 30, 0, 0, time.UTC), demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Finish(ctx, db, res, nil, 5); err != nil {
		t.Fatal(err)
	}
	store, err := results.New(db, directory.NewStore(db), survey.NewStore(db, nil), 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range res.Closed {
		for _, leak := range exposureLeaks(t, db, store, id, 5) {
			t.Errorf("snapshot %d: %s", id, leak)
		}
	}
}

// respondent is one submitted response as the verifier sees it.
type respondent struct {
	team              int64
	role, arrangement string
	tenure            string
	answered          map[int64]bool
}

// exposureLeaks lists what the verifier finds in a snapshot's exposure.
func exposureLeaks(t *testing.T, db *gorm.DB, store *results.Store, snapshotID int64, k int) []string {
	t.Helper()
	ctx := context.Background()
	var rows []struct {
		ID                                   int64
		TeamID                               int64
		JobRole, WorkArrangement, TenureBand string
	}
	if err := db.Raw(`SELECT id, COALESCE(team_id, 0) AS team_id, job_role, work_arrangement, tenure_band
		FROM responses WHERE snapshot_id = ? AND submitted`, snapshotID).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	people := map[int64]*respondent{}
	for _, r := range rows {
		people[r.ID] = &respondent{r.TeamID, r.JobRole, r.WorkArrangement, r.TenureBand, map[int64]bool{}}
	}
	var answers []struct{ ResponseID, QuestionID int64 }
	if err := db.Raw(`SELECT DISTINCT a.response_id, a.question_id FROM answers a JOIN responses r ON r.id = a.response_id
		WHERE r.snapshot_id = ? AND r.submitted AND a.text IS NULL AND (a.rating IS NULL OR a.rating > 0)`,
		snapshotID).Scan(&answers).Error; err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		people[a.ResponseID].answered[a.QuestionID] = true
	}
	var teams []struct {
		ID       int64
		ParentID *int64
	}
	if err := db.Raw(`SELECT id, parent_id FROM teams`).Scan(&teams).Error; err != nil {
		t.Fatal(err)
	}
	parent := map[int64]int64{}
	for _, tm := range teams {
		if tm.ParentID != nil {
			parent[tm.ID] = *tm.ParentID
		}
	}
	within := func(team, group int64) bool { // is team in group's subtree?
		for id, ok := team, true; ok; id, ok = parent[id] {
			if id == group {
				return true
			}
		}
		return false
	}
	exposed, err := store.Exposure(ctx, snapshotID)
	if err != nil {
		t.Fatal(err)
	}
	setOf := func(e results.Exposed) []int64 {
		var out []int64
		for id, p := range people {
			switch {
			case e.Team == results.Org:
			case e.Direct || e.Team == 0:
				if p.team != e.Team {
					continue
				}
			case p.team == 0 || !within(p.team, e.Team):
				continue
			}
			if e.Filter.Active() && map[string]string{"job_role": p.role, "work_arrangement": p.arrangement, "tenure_band": p.tenure}[e.Filter.Segment] != e.Filter.Value {
				continue
			}
			out = append(out, id)
		}
		return out
	}
	var shown, comments [][]int64
	var names []string
	questions := map[int64]bool{}
	for _, e := range exposed {
		if !e.Shown {
			continue
		}
		set := setOf(e)
		shown, names = append(shown, set), append(names, fmt.Sprintf("%+v", e))
		if e.Comments {
			comments = append(comments, set)
		}
		for _, p := range people {
			for q := range p.answered {
				questions[q] = true
			}
		}
	}
	describe := func(what string, set []int64) string {
		return fmt.Sprintf("%s: %d respondents can be worked out from the shown groups", what, len(set))
	}
	var out []string
	if leak := leakcheck.Small(k, shown); leak != nil {
		out = append(out, describe("group numbers", leak))
	}
	if leak := leakcheck.Classes(k, comments); leak != nil {
		out = append(out, describe("comment lists", leak))
	}
	for q := range questions {
		var sets [][]int64
		for i, e := range filterShown(exposed) {
			if hidden(e.HiddenQuestions, q) {
				continue
			}
			var answered []int64
			for _, id := range shown[i] {
				if people[id].answered[q] {
					answered = append(answered, id)
				}
			}
			sets = append(sets, answered)
		}
		if leak := leakcheck.Small(k, sets); leak != nil {
			out = append(out, describe(fmt.Sprintf("question %d's numbers", q), leak))
		}
	}
	_ = names
	return out
}

func filterShown(all []results.Exposed) []results.Exposed {
	var out []results.Exposed
	for _, e := range all {
		if e.Shown {
			out = append(out, e)
		}
	}
	return out
}

func hidden(qs []int64, q int64) bool {
	for _, x := range qs {
		if x == q {
			return true
		}
	}
	return false
}

// TestQuestionNeedsKAnswers: a team of 13 where 3 answered a driver and
// 10 found it not applicable shows no score, mean or distribution for
// that driver, on the dashboard or in the export, while its other drivers
// show; and the organisation's number for that driver, which would give
// the 3 away by subtraction, hides too.
func TestQuestionNeedsKAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := resultstest.New(t, db, 5)
		team := w.Add(t, "Eng/Mobile", 13, "mobile", directory.Remote)
		w.Add(t, "Eng/Web", 8, "frontend", directory.Office)
		answered := map[int64]bool{team[0].ID: true, team[1].ID: true, team[2].ID: true}
		o := w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers {
			r := 0 // not applicable
			if answered[p.ID] || *p.TeamID != *team[0].TeamID {
				r = 4
			}
			return &resultstest.Answers{Ratings: map[string]int{"local_env": r, "build_test_speed": 5}}
		})
		d, err := w.Results.Dashboard(ctx, results.Query{SnapshotID: o.Snapshot.ID, TeamID: w.Teams["Eng/Mobile"].ID})
		if err != nil {
			t.Fatal(err)
		}
		if !d.View.IsShown() {
			t.Fatalf("Mobile (13) is hidden: %+v", d.View)
		}
		le, bt := driver(t, d, "local_env"), driver(t, d, "build_test_speed")
		if !le.TooFewAnswered || le.Score.OK || le.MeanOK || le.BarsOK || le.Distribution.Counts != [6]int{} {
			t.Errorf("local_env with 3 answers shows %+v", le)
		}
		if !bt.Score.OK || bt.Score.Value != 100 {
			t.Errorf("build_test_speed: %+v", bt)
		}
		org, err := w.Results.Dashboard(ctx, results.Query{SnapshotID: o.Snapshot.ID, TeamID: results.Org})
		if err != nil {
			t.Fatal(err)
		}
		web, err := w.Results.Dashboard(ctx, results.Query{SnapshotID: o.Snapshot.ID, TeamID: w.Teams["Eng/Web"].ID})
		if err != nil {
			t.Fatal(err)
		}
		if driver(t, org, "local_env").Score.OK && driver(t, web, "local_env").Score.OK {
			t.Error("the organisation's and Web's local_env are both shown: their difference is Mobile's 3 answers")
		}
		rows, err := w.Results.Aggregates(ctx, o.Snapshot.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.TeamPath == "Eng/Mobile" && r.DriverKey == "local_env" && (r.Score.OK || r.Answered != 0 || r.Hidden != results.QuestionTooFew) {
				t.Errorf("the export shows Mobile's local_env: %+v", r)
			}
		}
	})
}

// TestPublishFreezes: a published snapshot is never recomputed, and a
// recompute before publishing that would change a group by fewer than k
// responses is refused.
func TestPublishFreezes(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	w := resultstest.New(t, db, 5)
	w.Add(t, "Eng/A", 8, "backend", directory.Remote)
	o := w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers { return &resultstest.Answers{} })
	// The same answers again: nothing changes, so recomputing is allowed.
	if _, err := w.Results.Materialise(ctx, o.Snapshot.ID, "test"); err != nil {
		t.Fatalf("recompute with nothing changed: %v", err)
	}
	// One response withdrawn behind the dashboards' back: the two versions
	// would differ by one person.
	if err := db.Exec(`UPDATE responses SET submitted = ? WHERE id = (SELECT MIN(id) FROM responses WHERE snapshot_id = ?)`, false, o.Snapshot.ID).Error; err != nil {
		t.Fatal(err)
	}
	var small *results.SmallChangeError
	if _, err := w.Results.Materialise(ctx, o.Snapshot.ID, "test"); !errors.As(err, &small) || small.Change != 1 {
		t.Fatalf("recompute changing one response: %v", err)
	}
	if run, _, _ := w.Results.Materialised(ctx, o.Snapshot.ID); run.Responses != 8 {
		t.Fatalf("the refused recompute changed the results: %+v", run)
	}
	if err := w.Surveys.Publish(ctx, o.Snapshot.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`UPDATE responses SET submitted = ? WHERE snapshot_id = ?`, true, o.Snapshot.ID).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := w.Results.Materialise(ctx, o.Snapshot.ID, "test"); !errors.Is(err, results.ErrPublished) {
		t.Fatalf("recompute after publishing: %v", err)
	}
}

// TestDemoTeamsShownOnAnyDay builds the demo with the clock on the days
// the confidentiality work named, and requires every team with at least
// k responses in the latest closed snapshot to show its scores to its
// lead, or to say it is hidden to protect a smaller group.
func TestDemoTeamsShownOnAnyDay(t *testing.T) {
	for _, day := range []time.Time{
		time.Date(2027, 2, 28, 12, 0, 0, 0, time.UTC),
		time.Date(2027, 3, 31, 12, 0, 0, 0, time.UTC),
		time.Date(2028, 2, 29, 12, 0, 0, 0, time.UTC),
	} {
		t.Run(day.Format(time.DateOnly), func(t *testing.T) {
			db := testdb.SQLite(t)
			ctx := context.Background()
			res, err := demo.Build(ctx, db, day, demo.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := demo.Finish(ctx, db, res, nil, 5); err != nil {
				t.Fatal(err)
			}
			store, err := results.New(db, directory.NewStore(db), survey.NewStore(db, nil), 5)
			if err != nil {
				t.Fatal(err)
			}
			teams, err := directory.NewStore(db).Teams(ctx)
			if err != nil {
				t.Fatal(err)
			}
			shown := 0
			for _, team := range teams {
				d, err := store.Dashboard(ctx, results.Query{TeamID: team.ID})
				if err != nil {
					t.Fatal(err)
				}
				if !d.View.IsShown() {
					t.Logf("%s: %d responses, %s", team.Path, d.View.Responses, d.View.Hidden)
				}
				switch {
				case d.View.IsShown():
					shown++
				case d.View.Responses >= 5 && d.View.Hidden != results.Complementary:
					t.Errorf("%s: %d responses, hidden as %q", team.Path, d.View.Responses, d.View.Hidden)
				case team.Path == demo.SmallTeam && d.View.Hidden != results.TooFew:
					t.Errorf("%s: hidden as %q", team.Path, d.View.Hidden)
				}
			}
			if shown < len(teams)-3 {
				t.Errorf("only %d of %d teams show their scores", shown, len(teams))
			}
		})
	}
}
