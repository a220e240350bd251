package results_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// The dashboard cache keeps numbers between requests: these tests read a
// dashboard once (filling the cache), change what it depends on, and read
// again through the same store.

func questionID(t *testing.T, o survey.Outline, key string) int64 {
	t.Helper()
	for _, q := range o.Questions {
		if q.Key == key {
			return q.ID
		}
	}
	t.Fatalf("no question %s", key)
	return 0
}

func dash(t *testing.T, s *results.Store, q results.Query) results.Dashboard {
	t.Helper()
	d, err := s.Dashboard(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDashboardCacheSeesMaterialisingAgain(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		o := newOrg(t, db)
		s, a := o.w.Results, o.w.Teams["Eng/A"].ID
		if got := driver(t, dash(t, s, results.Query{TeamID: a}), "local_env").Score.Value; got != 100 {
			t.Fatalf("A local_env in Q2 = %d, want 100", got)
		}
		// Answers corrected and the snapshot materialised again (group
		// sizes unchanged, so it is allowed): A now rates local_env 1.
		err := db.Exec("UPDATE answers SET rating = 1 WHERE snapshot_id = ? AND question_id = ? AND rating = 5",
			o.q2.Snapshot.ID, questionID(t, o.q2, "local_env")).Error
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Materialise(context.Background(), o.q2.Snapshot.ID, "test"); err != nil {
			t.Fatal(err)
		}
		d := dash(t, s, results.Query{TeamID: a})
		if le := driver(t, d, "local_env"); le.Score.Value != 0 || !le.Score.OK || d.Trend[1].Scores["local_env"].Value != 0 {
			t.Fatalf("after materialising again A local_env = %+v, trend %+v", le.Score, d.Trend[1].Scores)
		}
		// Another server's store, sharing the database, sees the same.
		other, err := results.New(db, o.w.Dir, o.w.Surveys, 5)
		if err != nil {
			t.Fatal(err)
		}
		if got := driver(t, dash(t, other, results.Query{TeamID: a}), "local_env").Score.Value; got != 0 {
			t.Fatalf("another store reads %d", got)
		}
	})
}

func TestDashboardCacheReadsCommentsFresh(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		o := newOrg(t, db)
		s, a := o.w.Results, o.w.Teams["Eng/A"].ID
		if d := dash(t, s, results.Query{TeamID: a}); d.CommentTotal != 2 {
			t.Fatalf("A has %d comments, want 2", d.CommentTotal)
		}
		var c results.Comment
		if err := db.Where("body = ?", "Docs are thin for the billing service.").First(&c).Error; err != nil {
			t.Fatal(err)
		}
		var responseID int64
		if err := db.Raw("SELECT response_id FROM result_comments WHERE id = ?", c.ID).Scan(&responseID).Error; err != nil {
			t.Fatal(err)
		}
		// The author deletes it: no materialising again.
		if err := results.DeleteComment(db, responseID, c.QuestionID); err != nil {
			t.Fatal(err)
		}
		d := dash(t, s, results.Query{TeamID: a})
		if d.CommentTotal != 1 || len(d.Comments) != 1 || d.Comments[0].Body == c.Body {
			t.Fatalf("after the deletion A shows %d comments: %+v", d.CommentTotal, d.Comments)
		}
	})
}

func TestDashboardCacheKeepsViewsApart(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		o := newOrg(t, db)
		s, a := o.w.Results, o.w.Teams["Eng/A"].ID
		ctx := context.Background()
		whole := dash(t, s, results.Query{TeamID: a})
		if !whole.View.IsShown() || whole.View.Responses != 6 || whole.CommentTotal != 2 {
			t.Fatalf("A: %+v, %d comments", whole.View, whole.CommentTotal)
		}
		// A's three remote people are under k: hidden, no comments.
		remote := dash(t, s, results.Query{TeamID: a, Filter: results.Filter{Segment: "work_arrangement", Value: "remote"}})
		if remote.View.IsShown() || remote.View.Responses != 3 || len(remote.Comments) != 0 || driver(t, remote, "local_env").Score.OK {
			t.Fatalf("A remote: %+v, %d comments", remote.View, len(remote.Comments))
		}
		if again := dash(t, s, results.Query{TeamID: a}); again.View != whole.View || driver(t, again, "local_env").Score != driver(t, whole, "local_env").Score {
			t.Fatalf("A read again: %+v", again.View)
		}
		// Q2 is held back from respondents (no materialising): their view
		// of A is Q1's alone, though the managers' view of Q2 is cached.
		if shared := dash(t, s, results.Query{TeamID: a, Shared: true}); shared.Snapshot.ID != o.q2.Snapshot.ID {
			t.Fatalf("respondents see snapshot %d before the hold", shared.Snapshot.ID)
		}
		if err := o.w.Surveys.SetHoldResults(ctx, o.q2.Snapshot.ID, true, "test"); err != nil {
			t.Fatal(err)
		}
		shared := dash(t, s, results.Query{TeamID: a, Shared: true})
		if shared.Snapshot.ID != o.q1.Snapshot.ID || len(shared.Snapshots) != 1 || len(shared.Trend) != 1 || driver(t, shared, "local_env").Score.Value != 60 {
			t.Fatalf("respondents see snapshot %d, %d in all, trend %+v", shared.Snapshot.ID, len(shared.Snapshots), shared.Trend)
		}
		if managers := dash(t, s, results.Query{TeamID: a}); managers.Snapshot.ID != o.q2.Snapshot.ID || driver(t, managers, "local_env").Score.Value != 100 {
			t.Fatalf("managers see snapshot %d", managers.Snapshot.ID)
		}
		// The organisation and another team are groups of their own.
		if org := dash(t, s, results.Query{TeamID: results.Org}); org.View.Responses != 14 {
			t.Fatalf("org: %+v", org.View)
		}
		if c := dash(t, s, results.Query{TeamID: o.w.Teams["Eng/C"].ID}); c.View.IsShown() || len(c.Comments) != 0 {
			t.Fatalf("C (2 people) shows: %+v", c.View)
		}
		// What one reader's request changes (names in its language) stays
		// in its copy.
		whole.Drivers[0].Name, whole.Trend[1].Scores["local_env"] = "changed", insight.Score{}
		whole.Heat, whole.Overall = nil, nil
		again, err := s.Dashboard(ctx, results.Query{TeamID: a})
		if err != nil {
			t.Fatal(err)
		}
		if again.Drivers[0].Name == "changed" || again.Trend[1].Scores["local_env"].Value != 100 {
			t.Fatalf("a reader's change reached the cache: %+v", again.Drivers[0])
		}
	})
}

func TestDashboardCacheSeesTeamsAndBenchmarks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		o := newOrg(t, db)
		s, eng, a := o.w.Results, o.w.Teams["Eng"].ID, o.w.Teams["Eng/A"].ID
		heatName := func(d results.Dashboard, id int64) string {
			for _, r := range d.Heat {
				if r.Team.ID == id && !r.DirectMembers {
					return r.Team.Name
				}
			}
			return ""
		}
		if got := heatName(dash(t, s, results.Query{TeamID: eng}), a); got != "A" {
			t.Fatalf("Eng's heatmap names A %q", got)
		}
		if err := db.Exec("UPDATE teams SET name = 'Apps', path = 'Eng/Apps' WHERE id = ?", a).Error; err != nil {
			t.Fatal(err)
		}
		d := dash(t, s, results.Query{TeamID: eng})
		if got := heatName(d, a); got != "Apps" {
			t.Fatalf("after the rename Eng's heatmap names A %q", got)
		}
		if le := driver(t, d, "local_env"); le.Benchmark.OK {
			t.Fatalf("a benchmark before any is imported: %+v", le.Benchmark)
		}
		s.SetBenchmarks(func(_ context.Context, keys []string, segment string) (map[string]results.Benchmark, error) {
			return map[string]results.Benchmark{"local_env": {Percentiles: insight.Percentiles{P25: 40, P50: 60, P75: 70, P90: 80}, Source: "test", OK: true}}, nil
		})
		if le := driver(t, dash(t, s, results.Query{TeamID: eng}), "local_env"); !le.Benchmark.OK || le.Benchmark.Source != "test" {
			t.Fatalf("after the import: %+v", le.Benchmark)
		}
		// A driver renamed in the library is named so at once.
		if err := db.Exec("UPDATE drivers SET name = 'Dev setup' WHERE key = 'local_env'").Error; err != nil {
			t.Fatal(err)
		}
		if got := driver(t, dash(t, s, results.Query{TeamID: eng}), "local_env").Name; got != "Dev setup" {
			t.Fatalf("driver named %q", got)
		}
	})
}

// TestDashboardCacheConcurrent reads many dashboards at once through one
// store, each reader changing its copy; run it with -race.
func TestDashboardCacheConcurrent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		o := newOrg(t, db)
		s := o.w.Results
		queries := []results.Query{
			{TeamID: o.w.Teams["Eng/A"].ID},
			{TeamID: o.w.Teams["Eng"].ID},
			{TeamID: results.Org},
			{TeamID: o.w.Teams["Eng/A"].ID, Filter: results.Filter{Segment: "work_arrangement", Value: "office"}},
			{TeamID: o.w.Teams["Eng/B"].ID, SnapshotID: o.q1.Snapshot.ID},
		}
		want := make([]string, len(queries))
		summary := func(d results.Dashboard) string {
			return fmt.Sprintf("%+v %+v %d %d %d", d.View, d.Drivers, len(d.Heat), len(d.Trend), d.CommentTotal)
		}
		for i, q := range queries {
			want[i] = summary(dash(t, s, q))
		}
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for g := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				i := g % len(queries)
				d, err := s.Dashboard(context.Background(), queries[i])
				if err != nil {
					errs <- err
					return
				}
				if got := summary(d); got != want[i] {
					errs <- fmt.Errorf("query %d: got %s, want %s", i, got, want[i])
					return
				}
				for j := range d.Drivers {
					d.Drivers[j].Name += "!"
				}
				for _, h := range d.Heat {
					clear(h.Scores)
				}
				for _, p := range d.Trend {
					clear(p.Scores)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}
