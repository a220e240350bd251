package results_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// otherAnswers is what each person of a team answers to the other
// questions, by position in the team; "" or -1 skips.
type otherAnswers struct {
	stack    []string
	tools    [][]string
	meetings []float64
	wiki     []int
	freq     []int
}

// KindsOrg builds, with k = 5, one snapshot asking a single choice
// (stack), a multiple choice (tools), a number (meetings), an extra
// rating (wiki) and the template's frequency (ai_frequency):
//
//	Eng
//	├── A: 7 people; only 4 answer meetings (under k for the question)
//	├── B: 6 people (hidden: with C's 3 it would be Eng minus A)
//	└── C: 3 people (under k)
func kindsOrg(t *testing.T, db *gorm.DB) (*resultstest.World, survey.Outline) {
	w := resultstest.New(t, db, 5)
	byTeam := map[string]otherAnswers{
		"Eng/A": {
			stack:    []string{"Go", "Go", "Go", "Java", "Java", "Rust", "Go"},
			tools:    [][]string{{"Vim"}, {"Vim", "Emacs"}, {"VS Code"}, {"Vim", "VS Code"}, nil, {"Emacs"}, {"Vim"}},
			meetings: []float64{2, 4, 4, 10, -1, -1, -1},
			wiki:     []int{5, 4, 4, 3, 2, 0, 1},
			freq:     []int{0, 1, 2, 3, 4, 5, 5},
		},
		"Eng/B": {
			stack: []string{"Java", "Java", "Java", "Java", "Java", "Java"}, tools: [][]string{{"Vim"}, {"Vim"}, {"Vim"}, {"Vim"}, {"Vim"}, {"Vim"}},
			meetings: []float64{3, 3, 3, 3, 3, 3}, wiki: []int{4, 4, 4, 4, 4, 4}, freq: []int{3, 3, 3, 3, 3, 3},
		},
		"Eng/C": {stack: []string{"Rust", "Rust", "Rust"}, tools: [][]string{{"Emacs"}, {"Emacs"}, {"Emacs"}},
			meetings: []float64{20, 20, 20}, wiki: []int{1, 1, 1}, freq: []int{0, 0, 0}},
	}
	form := map[int64]map[string][]string{}
	ratings := map[int64]int{}
	for path, ans := range byTeam {
		for i, p := range w.Add(t, path, len(ans.stack), "backend", directory.Remote) {
			f := map[string][]string{"stack": {ans.stack[i]}, "tools": ans.tools[i], "meetings": nil,
				survey.KeyAIFrequency: {strconv.Itoa(ans.freq[i])}}
			if ans.meetings[i] >= 0 {
				f["meetings"] = []string{strconv.FormatFloat(ans.meetings[i], 'f', -1, 64)}
			}
			form[p.ID], ratings[p.ID] = f, ans.wiki[i]
		}
	}
	extra := []survey.Question{
		{Kind: survey.KindSingle, Key: "stack", Prompt: "Which language do you write most?", Config: survey.Config{Choices: []string{"Go", "Java", "Rust"}}},
		{Kind: survey.KindMulti, Key: "tools", Prompt: "Which editors do you use?", Config: survey.Config{Choices: []string{"Vim", "Emacs", "VS Code"}}},
		{Kind: survey.KindNumber, Key: "meetings", Prompt: "Hours in meetings last week?", Config: survey.Config{Unit: "hours"}},
		// An extra rating: tied to no driver, it keeps no key.
		{Kind: survey.KindRating, Prompt: "The wiki helps me find answers."},
	}
	o := w.SnapshotWith(t, "2026 Q1", extra, func(p directory.Person) *resultstest.Answers {
		return &resultstest.Answers{Form: form[p.ID], Ratings: map[string]int{"": ratings[p.ID]}}
	})
	return w, o
}

// recompute works out the other questions' figures of the people of some
// teams straight from their stored answers, by the definitions.
func recompute(t *testing.T, db *gorm.DB, o survey.Outline, teams []int64) map[string]results.QuestionResult {
	t.Helper()
	var rows []struct {
		ResponseID int64
		QuestionID int64
		Item       string
		Rating     *int
		Number     *float64
	}
	err := db.Raw(`SELECT a.response_id, a.question_id, a.item, a.rating, a.number FROM answers a
		JOIN responses r ON r.id = a.response_id WHERE r.snapshot_id = ? AND r.submitted = ? AND r.team_id IN ?`,
		o.Snapshot.ID, true, teams).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]results.QuestionResult{}
	for _, q := range o.Questions {
		labels := q.Config.Choices
		switch {
		case q.Kind == survey.KindFrequency:
			labels = survey.Frequencies
		case q.Kind == survey.KindRating:
			labels = survey.Agreement
		case q.Kind == survey.KindNumber || q.Kind == survey.KindSingle || q.Kind == survey.KindMulti:
		default:
			continue
		}
		if q.Kind == survey.KindRating && q.Key != "" {
			continue
		}
		count := map[string]int{}
		people := map[int64]bool{}
		var numbers []float64
		for _, r := range rows {
			if r.QuestionID != q.ID {
				continue
			}
			switch {
			case r.Number != nil:
				numbers = append(numbers, *r.Number)
			case r.Rating != nil && *r.Rating > 0:
				count[survey.Agreement[*r.Rating-1]]++
			case r.Rating != nil:
				continue // not applicable
			default:
				count[r.Item]++
			}
			people[r.ResponseID] = true
		}
		want := results.QuestionResult{QuestionID: q.ID, Key: q.Key, Kind: q.Kind, Prompt: q.Prompt, Unit: q.Config.Unit, Shown: true, Answered: len(people)}
		if q.Kind == survey.KindNumber {
			slices.Sort(numbers)
			sum, distinct := 0.0, map[float64]int{}
			for _, n := range numbers {
				sum += n
				distinct[n]++
			}
			want.Mean = sum / float64(len(numbers))
			want.Median = (numbers[(len(numbers)-1)/2] + numbers[len(numbers)/2]) / 2
			var labels []string
			var counts []int
			for _, n := range slices.Compact(slices.Clone(numbers)) {
				labels = append(labels, results.FormatNumber(n, q.Config.Unit))
				counts = append(counts, distinct[n])
			}
			want.Options = shareList(labels, counts)
			for i, n := range slices.Compact(slices.Clone(numbers)) {
				want.Options[i].Number, want.Options[i].From, want.Options[i].To = true, n, n
			}
			out[q.Key] = want
			continue
		}
		counts := make([]int, len(labels))
		for i, l := range labels {
			counts[i] = count[l]
		}
		want.Options = shareList(labels, counts)
		if q.Kind == survey.KindMulti {
			for i := range want.Options {
				want.Options[i].Percent = insight.Percent(counts[i], len(people))
			}
		}
		if q.Kind == survey.KindRating {
			want.Favorable = insight.FavorableScore(counts[3]+counts[4], len(people))
		}
		out[q.Key] = want
	}
	return out
}

func shareList(labels []string, counts []int) []results.Share {
	pct, ok := insight.Shares(counts)
	var out []results.Share
	for i, l := range labels {
		s := results.Share{Label: l, Count: counts[i], Percent: insight.Score{OK: ok}}
		if ok {
			s.Percent.Value = pct[i]
		}
		out = append(out, s)
	}
	return out
}

func byQuestionKey(o survey.Outline, rows []results.QuestionResult) map[string]results.QuestionResult {
	out := map[string]results.QuestionResult{}
	for _, r := range rows {
		for _, q := range o.Questions {
			if q.ID == r.QuestionID {
				out[q.Key] = r
			}
		}
	}
	return out
}

func TestOtherQuestionsMatchTheAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w, o := kindsOrg(t, db)
		dash := func(path string) results.Dashboard {
			t.Helper()
			d, err := w.Results.Dashboard(ctx, results.Query{SnapshotID: o.Snapshot.ID, TeamID: w.Teams[path].ID})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		// "" is the extra rating (wiki).
		keys := []string{"stack", "tools", "meetings", "", survey.KeyAIFrequency, survey.KeyAIHoursSaved}
		all := []int64{w.Teams["Eng/A"].ID, w.Teams["Eng/B"].ID, w.Teams["Eng/C"].ID}
		eng := byQuestionKey(o, dash("Eng").Questions)
		want := recompute(t, db, o, all)
		for _, key := range keys {
			if !slices.EqualFunc([]results.QuestionResult{eng[key]}, []results.QuestionResult{want[key]}, equalResult) {
				t.Errorf("Eng %s:\n got %+v\nwant %+v", key, eng[key], want[key])
			}
		}
		// Spelled out once: 16 people, 4 Go, 8 Java, 4 Rust.
		if s := eng["stack"].Options; s[0].Percent.Value != 25 || s[1].Percent.Value != 50 || s[2].Count != 4 {
			t.Errorf("Eng stack %+v", s)
		}
		// 13 answered meetings: 2, 3×6, 4, 4, 10, 20×3: mean 7.54, median 3.
		if m := eng["meetings"]; m.Answered != 13 || m.Median != 3 || int(m.Mean*100) != 753 {
			t.Errorf("Eng meetings %+v", m)
		}
		org, err := w.Results.Org(ctx, results.OrgQuery{SnapshotID: o.Snapshot.ID})
		if err != nil {
			t.Fatal(err)
		}
		for key, got := range byQuestionKey(o, org.Questions) {
			if !equalResult(got, eng[key]) {
				t.Errorf("org %s: %+v, Eng %+v", key, got, eng[key])
			}
		}
		// A shows every question but meetings, which only 4 answered.
		a := byQuestionKey(o, dash("Eng/A").Questions)
		wantA := recompute(t, db, o, all[:1])
		for _, key := range keys {
			if key == "meetings" {
				if a[key].Shown || a[key].Answered != 0 || a[key].Options != nil {
					t.Errorf("A shows meetings: %+v", a[key])
				}
				continue
			}
			if !equalResult(a[key], wantA[key]) {
				t.Errorf("A %s:\n got %+v\nwant %+v", key, a[key], wantA[key])
			}
		}
		// The extra rating: 6 on the scale (one not applicable), 3 of them
		// favorable: 50%.
		if r := a[""]; r.Answered != 6 || r.Favorable != (insight.Score{Value: 50, OK: true}) || r.Options[4].Count != 1 {
			t.Errorf("A wiki %+v", r)
		}
		// Multiple choice: of the 6 who answered, 4 use Vim (67%).
		if v := a["tools"]; v.Answered != 6 || v.Options[0].Count != 4 || v.Options[0].Percent.Value != 67 {
			t.Errorf("A tools %+v", v)
		}
		// B is hidden so that C cannot be worked out, C is under k.
		for path, why := range map[string]results.Hidden{"Eng/B": results.Complementary, "Eng/C": results.TooFew} {
			d := dash(path)
			if d.View.Hidden != why {
				t.Errorf("%s hidden %q, want %q", path, d.View.Hidden, why)
			}
			for _, r := range d.Questions {
				if r.Shown || r.Answered != 0 || r.Options != nil {
					t.Errorf("%s shows %+v", path, r)
				}
			}
		}
	})
}

func equalResult(a, b results.QuestionResult) bool {
	return a.QuestionID == b.QuestionID && a.Key == b.Key && a.Shown == b.Shown && a.Answered == b.Answered && a.Favorable == b.Favorable &&
		a.Mean == b.Mean && a.Median == b.Median && slices.Equal(a.Options, b.Options)
}

// A snapshot materialised before choice and number answers were counted
// leaves those questions out, instead of calling them answered by too
// few; its extra ratings, counted all along, still show.
func TestOtherQuestionsOfAnOlderSnapshot(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w, o := kindsOrg(t, db)
		for _, table := range []string{"result_options", "result_tree_options", "result_numbers", "result_tree_numbers"} {
			if err := db.Exec("DELETE FROM "+table+" WHERE snapshot_id = ?", o.Snapshot.ID).Error; err != nil {
				t.Fatal(err)
			}
		}
		d, err := w.Results.Dashboard(context.Background(), results.Query{SnapshotID: o.Snapshot.ID, TeamID: w.Teams["Eng"].ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Questions) != 1 || d.Questions[0].Kind != survey.KindRating || !d.Questions[0].Shown {
			t.Errorf("questions of an older snapshot: %+v, want the extra rating alone, shown", d.Questions)
		}
	})
}
