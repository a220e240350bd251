package results

import (
	"context"
	"strconv"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// NPSRow is one net promoter question's score for a group. Materialise
// counts its answers per step as items ("0" to "10") like any other kind's
// items; the score is insight.NetPromoter's.
type NPSRow struct {
	QuestionID int64
	Key        string
	Prompt     string
	// NPS is set only when Shown.
	NPS insight.NPS
	// Shown: the group is shown and at least k people answered the
	// question. Otherwise nothing of the question's answers is shown,
	// not even how many gave one.
	Shown bool
}

// npsQuestions lists the outline's questions whose kind shows a net
// promoter score.
func npsQuestions(o survey.Outline) []survey.Question {
	var out []survey.Question
	for _, q := range o.Questions {
		if q.Kind.Behaviour().Results() == survey.ResultsNetPromoter {
			out = append(out, q)
		}
	}
	return out
}

// netPromoters reads a group's net promoter scores in one snapshot under
// a filter: one row per net promoter question, none when the snapshot
// asked none. view is the group's, as the dashboard decided it: a hidden
// group reads nothing, and a question fewer than k people answered, or
// whose numbers would give such a group away (see cells.go), shows no
// score.
func (s *Store) netPromoters(ctx context.Context, sz *sizes, snapshotID int64, o survey.Outline, team int64, f Filter, view GroupView) ([]NPSRow, error) {
	questions := npsQuestions(o)
	if len(questions) == 0 {
		return nil, nil
	}
	counts := map[int64]*insight.NPSCounts{}
	var ids []int64
	for _, q := range questions {
		counts[q.ID] = &insight.NPSCounts{}
		ids = append(ids, q.ID)
	}
	if view.IsShown() {
		items, err := s.treeItems(ctx, snapshotID, ids, []int64{team}, f)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			step, err := strconv.Atoi(it.Item)
			if c := counts[it.QuestionID]; c != nil && err == nil && step >= 0 && step < insight.NPSSteps {
				c[step] += it.Answers
			}
		}
	}
	out := make([]NPSRow, 0, len(questions))
	for _, q := range questions {
		row := NPSRow{QuestionID: q.ID, Key: q.Key, Prompt: q.Prompt}
		if n := insight.NetPromoter(*counts[q.ID]); view.IsShown() && sz.questionShown(team, false, f, q.ID) && n.OK && s.k.Shows(n.Answered) {
			row.NPS, row.Shown = n, true
		}
		out = append(out, row)
	}
	return out, nil
}
