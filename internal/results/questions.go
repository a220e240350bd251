package results

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// The "other questions" of a group: single and multiple choice, number,
// frequency and ratings tied to no driver (extra ratings). Materialise
// counts their answers into result_options, result_numbers and
// result_ratings (see materialise.go); nothing here reads an answer.

// QuestionResult is one other question's figures for a group.
type QuestionResult struct {
	QuestionID int64
	Key        string
	Kind       survey.Kind
	Prompt     string
	Unit       string // a number's unit
	// Shown: the group is shown and at least k people answered the
	// question, as the stored decisions allow. Otherwise nothing of the
	// question's answers is set, not even how many gave one.
	Shown bool
	// Answered counts the people who answered (a rating's "not
	// applicable" left out).
	Answered int
	// Options are the choices, steps or ratings with how many gave each,
	// or a number's distribution. Their percentages are of the answers,
	// summing to 100, except a multiple choice's: the share of those who
	// answered that chose the option.
	Options []Share
	// Favorable is an extra rating's favorable score.
	Favorable insight.Score
	// Mean and Median of a number question's answers.
	Mean, Median float64
}

// otherQuestions lists the outline's questions no other panel shows.
func otherQuestions(o survey.Outline) []survey.Question {
	var out []survey.Question
	for _, q := range o.Questions {
		switch q.Kind {
		case survey.KindSingle, survey.KindMulti, survey.KindNumber, survey.KindFrequency:
			out = append(out, q)
		case survey.KindRating:
			if q.DriverID == nil && q.Key != survey.KeyOverall {
				out = append(out, q)
			}
		}
	}
	return out
}

// questionCounts is what a group's other questions read, by question.
type questionCounts struct {
	options map[int64]map[string]int // choice '' counts who answered
	numbers map[int64]map[float64]int
	ratings map[int64]insight.Distribution
}

// questionResults reads a group's other questions in one snapshot under a
// filter. view is the group's as the dashboard decided it: a hidden group
// reads nothing, and a question fewer than k people answered, or whose
// numbers would give such a group away (see cells.go), shows nothing.
func (s *Store) questionResults(ctx context.Context, sz *sizes, snapshotID int64, o survey.Outline, team int64, f Filter, view GroupView) ([]QuestionResult, error) {
	questions := otherQuestions(o)
	if len(questions) == 0 {
		return nil, nil
	}
	counted, err := s.questionsCounted(ctx, snapshotID)
	if err != nil {
		return nil, err
	}
	if !counted {
		questions = slices.DeleteFunc(questions, func(q survey.Question) bool { return q.Kind != survey.KindRating })
	}
	c := questionCounts{options: map[int64]map[string]int{}, numbers: map[int64]map[float64]int{}}
	if view.IsShown() {
		if c, err = s.readQuestionCounts(ctx, snapshotID, questions, team, f); err != nil {
			return nil, fmt.Errorf("results: other questions: %w", err)
		}
	}
	out := make([]QuestionResult, 0, len(questions))
	for _, q := range questions {
		r := figures(q, c)
		if !view.IsShown() || !sz.questionShown(team, false, f, q.ID) || !s.k.Shows(r.Answered) {
			r = QuestionResult{QuestionID: q.ID, Key: q.Key, Kind: q.Kind, Prompt: q.Prompt, Unit: q.Config.Unit}
		}
		out = append(out, r)
	}
	return out, nil
}

// questionsCounted reports whether the snapshot's choice, frequency and
// number answers were counted when it was materialised. A snapshot
// materialised before those counts existed (published ones are never
// materialised again) has none: its page leaves those questions out
// rather than call them answered by too few.
func (s *Store) questionsCounted(ctx context.Context, snapshotID int64) (bool, error) {
	var counted bool
	err := s.db.WithContext(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM result_options WHERE snapshot_id = ?)
		OR EXISTS (SELECT 1 FROM result_numbers WHERE snapshot_id = ?)`, snapshotID, snapshotID).Scan(&counted).Error
	if err != nil {
		return false, fmt.Errorf("results: other questions of %d counted: %w", snapshotID, err)
	}
	return counted, nil
}

// readQuestionCounts reads the counts of one group's questions, from the
// subtree tables or, for a leaf team's segment value, the direct ones.
func (s *Store) readQuestionCounts(ctx context.Context, snapshotID int64, questions []survey.Question, team int64, f Filter) (questionCounts, error) {
	c := questionCounts{options: map[int64]map[string]int{}, numbers: map[int64]map[float64]int{}}
	ids := make([]int64, len(questions))
	for i, q := range questions {
		ids[i] = q.ID
	}
	where := "snapshot_id = ? AND segment = ? AND value = ? AND team_id = ? AND question_id IN ?"
	args := []any{snapshotID, f.Segment, f.Value, team, ids}
	var options []struct {
		QuestionID int64
		Choice     string
		N          int
	}
	var numbers []struct {
		QuestionID int64
		Number     float64
		N          int
	}
	// A group found in the subtree table is all there; one not found
	// there has no sub-teams, and its direct rows are its whole.
	for _, table := range groupTables("result_tree_options", "result_options", f) {
		if err := s.db.WithContext(ctx).Table(table).Where(where, args...).Find(&options).Error; err != nil || len(options) > 0 {
			if err != nil {
				return c, err
			}
			break
		}
	}
	for _, table := range groupTables("result_tree_numbers", "result_numbers", f) {
		if err := s.db.WithContext(ctx).Table(table).Where(where, args...).Find(&numbers).Error; err != nil || len(numbers) > 0 {
			if err != nil {
				return c, err
			}
			break
		}
	}
	for _, r := range options {
		if c.options[r.QuestionID] == nil {
			c.options[r.QuestionID] = map[string]int{}
		}
		c.options[r.QuestionID][r.Choice] = r.N
	}
	for _, r := range numbers {
		if c.numbers[r.QuestionID] == nil {
			c.numbers[r.QuestionID] = map[float64]int{}
		}
		c.numbers[r.QuestionID][r.Number] = r.N
	}
	d, err := s.treeRatings(ctx, []int64{snapshotID}, []int64{team}, f)
	c.ratings = d[snapshotID][team]
	return c, err
}

// figures works out one question's figures from its counts.
func figures(q survey.Question, c questionCounts) QuestionResult {
	r := QuestionResult{QuestionID: q.ID, Key: q.Key, Kind: q.Kind, Prompt: q.Prompt, Unit: q.Config.Unit, Shown: true}
	switch q.Kind {
	case survey.KindSingle, survey.KindFrequency:
		labels := q.Config.Choices
		if q.Kind == survey.KindFrequency {
			labels = survey.Frequencies
		}
		counts := make([]int, len(labels))
		for i, l := range labels {
			counts[i] = c.options[q.ID][l]
		}
		r.Options, r.Answered = shares(labels, counts)
	case survey.KindMulti:
		r.Answered = c.options[q.ID][""]
		for _, l := range q.Config.Choices {
			n := c.options[q.ID][l]
			r.Options = append(r.Options, Share{Label: l, Count: n, Percent: insight.Percent(n, r.Answered)})
		}
	case survey.KindRating:
		d := c.ratings[q.ID]
		r.Options, r.Answered = shares(survey.Agreement, d.Counts[1:])
		r.Favorable = d.Score()
	case survey.KindNumber:
		r.Options, r.Answered, r.Mean, r.Median = numberFigures(c.numbers[q.ID], q.Config.Unit)
	}
	return r
}

// shares pairs labels with counts and their shares of the answers, which
// sum to 100; it returns the number of answers too.
func shares(labels []string, counts []int) ([]Share, int) {
	pct, ok := insight.Shares(counts)
	out := make([]Share, len(labels))
	n := 0
	for i, l := range labels {
		out[i] = Share{Label: l, Count: counts[i], Percent: insight.Score{OK: ok}}
		if ok {
			out[i].Percent.Value = pct[i]
		}
		n += counts[i]
	}
	return out, n
}

// maxNumberBars is how many bars a number's distribution draws: up to
// that many distinct answers each get one, more share equal ranges.
const maxNumberBars = 6

// numberFigures works out a number question's distribution, count, mean
// and median (of the two middle answers when their count is even).
func numberFigures(counts map[float64]int, unit string) (bars []Share, n int, mean, median float64) {
	values := make([]float64, 0, len(counts))
	sum := 0.0
	for v, c := range counts {
		values = append(values, v)
		n += c
		sum += v * float64(c)
	}
	if n == 0 {
		return nil, 0, 0, 0
	}
	slices.Sort(values)
	mean = sum / float64(n)
	at := func(i int) float64 { // the i-th answer, from 0, in order
		seen := 0
		for _, v := range values {
			if seen += counts[v]; i < seen {
				return v
			}
		}
		return values[len(values)-1]
	}
	median = (at((n-1)/2) + at(n/2)) / 2
	return numberBars(values, counts, unit), n, mean, median
}

// numberBars draws each distinct answer or, when there are more than
// maxNumberBars, ranges of a round width (1, 2 or 5 times a power of ten)
// from the lowest answer to the highest, each holding its lower end.
func numberBars(values []float64, counts map[float64]int, unit string) []Share {
	var labels []string
	var bins []int
	if len(values) <= maxNumberBars {
		for _, v := range values {
			labels = append(labels, FormatNumber(v, unit))
			bins = append(bins, counts[v])
		}
		out, _ := shares(labels, bins)
		for i, v := range values {
			out[i].Number, out[i].From, out[i].To = true, v, v
		}
		return out
	}
	width := roundWidth((values[len(values)-1] - values[0]) / maxNumberBars)
	low := math.Floor(values[0]/width) * width
	bins = make([]int, int((values[len(values)-1]-low)/width)+1)
	for i := range bins {
		from := low + float64(i)*width
		labels = append(labels, FormatNumber(from, "")+"–"+FormatNumber(from+width, unit))
	}
	for _, v := range values {
		bins[min(int((v-low)/width), len(bins)-1)] += counts[v]
	}
	out, _ := shares(labels, bins)
	for i := range out {
		from := low + float64(i)*width
		out[i].Number, out[i].From, out[i].To = true, from, from+width
	}
	return out
}

// roundWidth is the smallest of 1, 2 or 5 times a power of ten that is at
// least w.
func roundWidth(w float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(w)))
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= w {
			return m * mag
		}
	}
	return 10 * mag
}

// FormatNumber writes a number answer or figure with at most two decimals
// and its unit.
func FormatNumber(v float64, unit string) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	if s == "-0" {
		s = "0"
	}
	if unit != "" {
		s += " " + unit
	}
	return s
}
