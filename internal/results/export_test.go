package results_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func aggregate(t *testing.T, rows []results.AggregateRow, team, key string) results.AggregateRow {
	t.Helper()
	for _, r := range rows {
		if r.TeamPath == team && r.DriverKey == key {
			return r
		}
	}
	t.Fatalf("no export row for %s %s", team, key)
	return results.AggregateRow{}
}

func teamsOf(rows []results.AggregateRow) []string {
	var out []string
	for _, r := range rows {
		if !slices.Contains(out, r.TeamPath) {
			out = append(out, r.TeamPath)
		}
	}
	return out
}

func TestAggregatesFollowTheDashboardSuppression(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		s := o.w.Results
		rows, err := s.Aggregates(ctx, o.q2.Snapshot.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(teamsOf(rows)); got != "[(organisation) Eng Eng/A Eng/B Eng/C]" {
			t.Fatalf("groups %s", got)
		}
		a := aggregate(t, rows, "Eng/A", "local_env")
		if a.Hidden != results.Shown || a.Responses != 6 || a.Invited != 6 || a.Participation.Value != 100 ||
			a.Score.Value != 100 || a.Answered != 6 || !a.Delta.OK || a.Delta.Points != 40 || a.Delta.Significant || a.Priority.Value != 67 {
			t.Fatalf("A local_env: %+v", a)
		}
		if org := aggregate(t, rows, results.OrgPath, "local_env"); org.Responses != 14 || !org.Score.OK {
			t.Fatalf("organisation: %+v", org)
		}
		if ov := aggregate(t, rows, "Eng/A", survey.KeyOverall); ov.DriverName != "Overall satisfaction" || !ov.Score.OK {
			t.Fatalf("overall: %+v", ov)
		}
		// B is hidden as a complement of C and Eng's manager; C has too few.
		for team, why := range map[string]results.Hidden{"Eng/B": results.Complementary, "Eng/C": results.TooFew} {
			for _, r := range rows {
				if r.TeamPath != team {
					continue
				}
				if r.Hidden != why || r.Score.OK || r.MeanOK || r.Answered != 0 || r.NotApplicable != 0 || r.Delta.OK || r.Priority.OK {
					t.Fatalf("%s %s shows numbers: %+v", team, r.DriverKey, r)
				}
			}
		}
		cells := results.AggregateCSV(rows)
		col := func(name string) int { return slices.Index(results.AggregateHeader, name) }
		for i, r := range rows {
			if r.Hidden == results.Shown {
				continue
			}
			got := cells[i][col("suppressed"):]
			if got[0] != string(r.Hidden) || strings.Join(got[1:], "") != "" || cells[i][col("responses")] == "" {
				t.Fatalf("CSV of hidden %s: %q", r.TeamPath, cells[i])
			}
		}
		if i := slices.IndexFunc(rows, func(r results.AggregateRow) bool { return r.TeamPath == "Eng/A" && r.DriverKey == "local_env" }); fmt.Sprint(cells[i][col("score"):]) != "[100 5 6 0 40 false 67]" {
			t.Fatalf("CSV of A local_env: %q", cells[i])
		}
	})
}

func TestLeadsExportTheirSubtreeOnly(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		all, err := o.w.Dir.Teams(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var sub []int64
		for id := range directory.Subtrees(all, []int64{o.w.Teams["Eng/A"].ID}) {
			sub = append(sub, id)
		}
		rows, err := o.w.Results.Aggregates(ctx, o.q1.Snapshot.ID, sub)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(teamsOf(rows)); got != "[Eng/A]" {
			t.Fatalf("lead of A exports %s", got)
		}
		// Q1 is the first snapshot: no delta.
		if a := aggregate(t, rows, "Eng/A", "local_env"); a.Score.Value != 60 || a.NotApplicable != 1 || a.Delta.OK {
			t.Fatalf("A in Q1: %+v", a)
		}

		// Snapshots without results.
		draft, err := o.w.Surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "draft", Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.w.Results.Aggregates(ctx, draft.ID, nil); !errors.Is(err, results.ErrNotClosed) {
			t.Fatalf("draft: %v", err)
		}
		if _, _, err := o.w.Results.ResponseRows(ctx, draft.ID); !errors.Is(err, results.ErrNotClosed) {
			t.Fatalf("draft responses: %v", err)
		}
		if _, err := o.w.Results.Aggregates(ctx, 999999, nil); !errors.Is(err, survey.ErrNotFound) {
			t.Fatalf("unknown snapshot: %v", err)
		}
		db.Exec("DELETE FROM result_snapshots WHERE snapshot_id = ?", o.q1.Snapshot.ID)
		if _, err := o.w.Results.Aggregates(ctx, o.q1.Snapshot.ID, nil); !errors.Is(err, results.ErrNotComputed) {
			t.Fatalf("not materialised: %v", err)
		}
	})
}

func TestResponseRows(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		header, rows, err := o.w.Results.ResponseRows(ctx, o.q2.Snapshot.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 14 || !slices.Equal(header[:7], []string{"response", "team", "job_role", "work_arrangement", "tenure_band", "level", "location"}) {
			t.Fatalf("%d rows, header %q", len(rows), header)
		}
		col := func(name string) int {
			t.Helper()
			i := slices.Index(header, name)
			if i < 0 {
				t.Fatalf("no column %s in %q", name, header)
			}
			return i
		}
		count := func(name string) map[string]int {
			out := map[string]int{}
			for _, r := range rows {
				out[r[col(name)]]++
			}
			return out
		}
		// A (6) is shown; B, C and Eng's own manager read as Eng, whose
		// rest holds 8. No row names B or C.
		if got := fmt.Sprint(count("team")); got != "map[Eng:8 Eng/A:6]" {
			t.Fatalf("teams %s", got)
		}
		// Each value alone is common enough (backend 8, frontend 5,
		// remote 5, hybrid 5, Berlin 14), but combinations are not: A's
		// rows split 3 remote and 3 office, and under Eng the 5 hybrid
		// frontend engineers would be told from C's 2 and the manager by
		// subtraction. So every segment cell is masked.
		for _, seg := range []string{"job_role", "work_arrangement", "tenure_band", "level", "location"} {
			if got := fmt.Sprint(count(seg)); got != "map[(fewer than k):14]" {
				t.Fatalf("%s %s", seg, got)
			}
		}
		var ids, invs []int64
		db.Table("responses").Where("snapshot_id = ?", o.q2.Snapshot.ID).Order("id").Pluck("id", &ids)
		db.Table("invitations").Where("snapshot_id = ?", o.q2.Snapshot.ID).Order("id").Pluck("id", &invs)
		var numbers []string
		for i, r := range rows {
			numbers = append(numbers, r[0])
			if r[0] != fmt.Sprint(i+1) {
				t.Fatalf("row %d numbered %s", i, r[0])
			}
			line := strings.Join(r, ",")
			if strings.Contains(line, "@example.com") || strings.Contains(line, "Person ") {
				t.Fatalf("row names a person: %s", line)
			}
		}
		if len(ids) != 14 || fmt.Sprint(numbers) == fmt.Sprint(ids) || fmt.Sprint(numbers) == fmt.Sprint(invs) {
			t.Fatalf("response numbers are database IDs: %v", numbers)
		}
		comments := count("comments")
		if comments["The local setup still takes an afternoon."] != 1 || comments["Frontend builds are slow."] != 5 {
			t.Fatalf("comments %v", comments)
		}
		if got := fmt.Sprint(count("local_env")); got != "map[3:8 5:6]" {
			t.Fatalf("local_env %s", got)
		}
		// Stable: the same rows in the same order every time.
		_, again, err := o.w.Results.ResponseRows(ctx, o.q2.Snapshot.ID)
		if err != nil || fmt.Sprint(again) != fmt.Sprint(rows) {
			t.Fatalf("a second export differs: %v", err)
		}
	})
}

func TestExportsNeutraliseFormulas(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := resultstest.New(t, db, 5)
		w.Add(t, "+evil", 5, "backend", directory.Remote)
		const formula = `=HYPERLINK("http://evil.example","click")`
		w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers {
			return &resultstest.Answers{Ratings: map[string]int{"local_env": 5}}
		})
		n := 0
		q2 := w.Snapshot(t, "-Q2", func(p directory.Person) *resultstest.Answers {
			n++
			if n == 1 {
				return &resultstest.Answers{Ratings: map[string]int{"local_env": 2}, Comment: formula}
			}
			return &resultstest.Answers{Ratings: map[string]int{"local_env": 5}}
		})
		rows, err := w.Results.Aggregates(ctx, q2.Snapshot.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := results.WriteCSV(&b, results.AggregateHeader, results.AggregateCSV(rows)); err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		header := records[0]
		var evil []string
		for _, r := range records[1:] {
			if r[slices.Index(header, "driver_key")] == "local_env" && strings.HasSuffix(r[1], "evil") {
				evil = r
			}
		}
		// 100 to 80: a delta of -20, exported as the number it is.
		if evil == nil || evil[0] != "'-Q2" || evil[1] != "'+evil" || evil[slices.Index(header, "delta")] != "-20" {
			t.Fatalf("+evil row %q", evil)
		}

		header, resp, err := w.Results.ResponseRows(ctx, q2.Snapshot.ID)
		if err != nil {
			t.Fatal(err)
		}
		b.Reset()
		if err := results.WriteCSV(&b, header, resp); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, `"'=HYPERLINK(""http://evil.example"",""click"")"`) || !strings.Contains(out, ",'+evil,") {
			t.Fatalf("response CSV not neutralised:\n%s", out)
		}
	})
}

func TestResponseRowsKeepCommonCombinations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := resultstest.New(t, db, 5)
		w.Add(t, "X", 6, "backend", directory.Remote)
		w.Add(t, "X", 5, "sre", directory.Remote)
		w.Add(t, "Y", 5, "sre", directory.Remote)
		w.Add(t, "Y", 1, "qa", directory.Remote)
		o := w.Snapshot(t, "Q", func(directory.Person) *resultstest.Answers { return &resultstest.Answers{} })
		header, rows, err := w.Results.ResponseRows(context.Background(), o.Snapshot.ID)
		if err != nil {
			t.Fatal(err)
		}
		role := slices.Index(header, "job_role")
		counts := map[string]int{}
		for _, r := range rows {
			counts[r[1]+" "+r[role]]++
		}
		// X's six backend engineers and five SREs each share every
		// segment. In Y the one QA engineer is masked, and then the five
		// SREs too: otherwise the masked row would be the QA engineer's.
		if got := fmt.Sprint(counts); got != "map[X backend:6 X sre:5 Y (fewer than k):6]" {
			t.Fatalf("rows by team and role: %s", got)
		}
	})
}
