package results_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// materialisedTables are the tables Materialise writes besides its run,
// with the columns that only number rows left out when they are compared.
var materialisedTables = []string{"result_groups", "result_cells", "result_ratings", "result_items",
	"result_options", "result_numbers", "result_pairs", "result_tree_ratings", "result_tree_items",
	"result_tree_options", "result_tree_numbers", "result_comments"}

// TestMaterialiseAsLegacy checks that Materialise, which counts a
// snapshot's answers in one pass, writes exactly the rows the SQL it
// replaced wrote (materialise_legacy_internal_test.go), in every table:
// for a snapshot with every kind of answer in a tree of teams, one with
// no submitted response and one with a single respondent.
func TestMaterialiseAsLegacy(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := resultstest.New(t, db, 3)
		people := w.Add(t, "Eng", 2, "manager", directory.Office)
		people = append(people, w.Add(t, "Eng/A", 7, "backend", directory.Remote)...)
		people = append(people, w.Add(t, "Eng/A", 4, "", directory.Office)...)
		people = append(people, w.Add(t, "Eng/A/Core", 6, "backend", directory.Hybrid)...)
		people = append(people, w.Add(t, "Eng/B", 5, "frontend", "")...)
		people = append(people, w.Add(t, "Ops", 4, "sre", directory.Remote)...)
		people = append(people, w.Add(t, "Ops/Night", 1, "sre", directory.Office)...)

		first := varied(t, w, people)
		compareWithLegacy(t, w, first.Snapshot.ID, true)

		// One respondent, one of whose ratings names a question of the
		// first snapshot (which the application never writes, but the
		// SQL counted as any other).
		var other int64
		for _, q := range first.Questions {
			if q.Kind == survey.KindRating && q.Key != survey.KeyOverall {
				other = q.ID
				break
			}
		}
		lonely := people[5].ID
		o := answered(t, w, "one respondent", nil, func(_ survey.Outline, p directory.Person) (*resultstest.Answers, bool) {
			return &resultstest.Answers{Hours: 1.5, Comment: "only me"}, p.ID == lonely
		}, func(snapshotID int64) {
			err := w.DB.Exec(`UPDATE answers SET question_id = ? WHERE snapshot_id = ? AND question_id =
				(SELECT MIN(question_id) FROM answers WHERE snapshot_id = ? AND rating IS NOT NULL)`, other, snapshotID, snapshotID).Error
			if err != nil {
				t.Fatal(err)
			}
		})
		compareWithLegacy(t, w, o.Snapshot.ID, false)

		o = answered(t, w, "nobody submitted", nil, func(survey.Outline, directory.Person) (*resultstest.Answers, bool) {
			return &resultstest.Answers{Comment: "draft"}, false
		}, nil)
		compareWithLegacy(t, w, o.Snapshot.ID, false)
	})
}

// varied runs a snapshot whose people answer every kind of question
// differently, some leaving questions unanswered or not applicable, some
// not submitting or never starting; some respondents then have no team or
// another tenure, and some comments are empty.
func varied(t *testing.T, w *resultstest.World, people []directory.Person) survey.Outline {
	extra := []survey.Question{
		{Kind: survey.KindSingle, Key: "stack", Prompt: "Which language do you write most?", Config: survey.Config{Choices: []string{"Go", "Java", "Rust"}}},
		{Kind: survey.KindMulti, Key: "tools", Prompt: "Which editors do you use?", Config: survey.Config{Choices: []string{"Vim", "Emacs", "VS Code"}}},
		{Kind: survey.KindNumber, Key: "meetings", Prompt: "Hours in meetings last week?", Config: survey.Config{Unit: "hours"}},
		{Kind: survey.KindRating, Prompt: "The wiki helps me find answers."},
		{Kind: survey.KindText, Key: "wish", Prompt: "One wish?", Config: survey.Config{MaxLength: 200}},
	}
	index := map[int64]int{}
	for i, p := range people {
		index[p.ID] = i
	}
	answer := func(o survey.Outline, p directory.Person) (*resultstest.Answers, bool) {
		i := index[p.ID]
		if i%11 == 10 {
			return nil, false // invited, never started
		}
		a := &resultstest.Answers{Ratings: map[string]int{}, Form: map[string][]string{},
			Hours: []float64{0, 2.5, 4, 2.5, 10, 0.25, 4}[i%7], Allocation: []int{10 * (i % 11), 100 - 10*(i%11)},
			Contact: i%3 == 0}
		for j, q := range o.Questions {
			if q.Kind == survey.KindRating {
				r := (i*5+j*3)%7 - 1 // -1 (no answer) to 5, 0 not applicable
				switch {
				case r < 0 && q.Required:
					r = 3
				case r == survey.NotApplicable && q.Key == survey.KeyOverall:
					r = 4 // offered no "not applicable"
				}
				a.Ratings[q.Key] = r
			}
		}
		if drivers := survey.DriverKeys(o.Questions); i%4 != 3 {
			from := i % len(drivers)
			a.Picks = drivers[from:min(from+1+i%3, len(drivers))]
		}
		freq := i % 6
		a.AIFrequency = &freq
		if i%5 != 0 {
			a.Comment = fmt.Sprintf("comment %d", i%4)
		}
		a.Form["stack"] = [][]string{{"Go"}, {"Java"}, {"Rust"}, nil}[i%4]
		a.Form["tools"] = [][]string{{"Vim"}, {"Vim", "VS Code"}, {"Emacs", "Vim", "VS Code"}, nil, {"VS Code"}}[i%5]
		a.Form["meetings"] = [][]string{{"3"}, {"3"}, {"0"}, nil, {"7.5"}, {"12"}}[i%6]
		if i%3 != 1 {
			a.Form["wish"] = []string{fmt.Sprintf("wish %d", i%2)}
		}
		return a, i%9 != 4 // saved but not submitted
	}
	// Respondents without a team, other tenures and empty comments, which
	// the forms cannot make.
	tweak := func(snapshotID int64) {
		for _, stmt := range []string{
			"UPDATE responses SET team_id = NULL WHERE snapshot_id = ? AND id % 7 = 2",
			"UPDATE responses SET tenure_band = '' WHERE snapshot_id = ? AND id % 5 = 1",
			"UPDATE responses SET tenure_band = '1-2y' WHERE snapshot_id = ? AND id % 5 = 3",
			"UPDATE answers SET text = '' WHERE snapshot_id = ? AND text = 'comment 1'",
		} {
			if err := w.DB.Exec(stmt, snapshotID).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	return answered(t, w, "varied", extra, answer, tweak)
}

// answered opens a snapshot with the extra questions, has each invited
// person answer as answer says (nil: not at all) and submit when it says
// so, lets tweak (if any) change what is stored, and closes the snapshot.
func answered(t *testing.T, w *resultstest.World, title string, extra []survey.Question,
	answer func(survey.Outline, directory.Person) (*resultstest.Answers, bool), tweak func(snapshotID int64)) survey.Outline {
	t.Helper()
	ctx := context.Background()
	o, invs := w.Open(t, title, extra)
	for _, inv := range invs {
		p, err := w.Dir.Person(ctx, inv.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		a, submit := answer(o, p)
		if a == nil {
			continue
		}
		if errs, err := w.Responses.Save(ctx, inv, o, o.Questions, resultstest.Form(o, *a)); err != nil || len(errs) > 0 {
			t.Fatalf("save: %v %v", errs, err)
		}
		if !submit {
			continue
		}
		if errs, err := w.Responses.Submit(ctx, inv, o, p, a.Contact); err != nil || len(errs) > 0 {
			t.Fatalf("submit: %v %v", errs, err)
		}
	}
	if tweak != nil {
		tweak(o.Snapshot.ID)
	}
	if err := w.Surveys.Close(ctx, o.Snapshot.ID, "test"); err != nil {
		t.Fatal(err)
	}
	return o
}

// compareWithLegacy materialises a closed snapshot, then writes its
// results again with the legacy SQL, and fails on the first rows of any
// table that differ. full says every table must have rows.
func compareWithLegacy(t *testing.T, w *resultstest.World, snapshotID int64, full bool) {
	t.Helper()
	ctx := context.Background()
	if _, err := w.Results.Materialise(ctx, snapshotID, "test"); err != nil {
		t.Fatal(err)
	}
	got := dumpResults(t, w.DB, snapshotID)
	if err := results.CompareAtomCounts(ctx, w.Results, snapshotID); err != nil {
		t.Error(err)
	}
	if err := results.LegacyMaterialise(ctx, w.Results, snapshotID); err != nil {
		t.Fatal(err)
	}
	want := dumpResults(t, w.DB, snapshotID)
	for _, table := range materialisedTables {
		g, x := got[table], want[table]
		if full && len(x) == 0 {
			t.Errorf("%s: the legacy SQL wrote no rows: the snapshot does not exercise it", table)
		}
		if slices.Equal(g, x) {
			continue
		}
		i := 0
		for i < len(g) && i < len(x) && g[i] == x[i] {
			i++
		}
		at := func(rows []string) string {
			if i < len(rows) {
				return rows[i]
			}
			return "(none)"
		}
		t.Errorf("snapshot %d, %s: %d rows, legacy %d; first difference at sorted row %d:\n got    %s\n legacy %s",
			snapshotID, table, len(g), len(x), i, at(g), at(x))
	}
}

// dumpResults reads a snapshot's rows of every materialised table, each
// row as its columns (but a serial id) and values, sorted.
func dumpResults(t *testing.T, db *gorm.DB, snapshotID int64) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range materialisedTables {
		rows, err := db.Raw("SELECT * FROM "+table+" WHERE snapshot_id = ?", snapshotID).Rows()
		if err != nil {
			t.Fatal(err)
		}
		columns, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		values := make([]any, len(columns))
		dest := make([]any, len(columns))
		for i := range values {
			dest[i] = &values[i]
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			var fields []string
			for i, c := range columns {
				if c != "id" {
					fields = append(fields, c+"="+format(values[i]))
				}
			}
			out[table] = append(out[table], strings.Join(fields, " "))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out[table])
	}
	return out
}

// format prints a value exactly: floats to the last bit.
func format(v any) string {
	switch v := v.(type) {
	case []byte:
		return strconv.Quote(string(v))
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64) + "/" + strconv.FormatUint(math.Float64bits(v), 16)
	default:
		return fmt.Sprint(v)
	}
}
