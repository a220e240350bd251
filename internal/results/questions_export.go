package results

import (
	"context"

	"github.com/devpulse/devpulse/internal/survey"
)

// GroupQuestions is one group's other questions in an export: a team with
// its sub-teams, or the organisation (TeamID Org, TeamPath OrgPath).
type GroupQuestions struct {
	TeamID   int64
	TeamPath string
	// Hidden is the group's decision; a shown group's question that may
	// not show its figures has Shown false in Questions.
	Hidden    Hidden
	Questions []QuestionResult
}

// QuestionAggregates returns a materialised snapshot's other questions per
// group for an export, suppressed as on the dashboards; teams is as for
// Aggregates. It is empty when the snapshot asked no other question.
func (s *Store) QuestionAggregates(ctx context.Context, snapshotID int64, teams []int64) ([]GroupQuestions, error) {
	snap, _, err := s.exportSnapshot(ctx, snapshotID)
	if err != nil {
		return nil, err
	}
	outline, err := s.surveys.Outline(ctx, snap.ID)
	if err != nil || len(otherQuestions(outline)) == 0 {
		return nil, err
	}
	all, err := s.dir.Teams(ctx)
	if err != nil {
		return nil, err
	}
	sizes, err := s.loadSizes(ctx, all, []int64{snap.ID}, snap.ID, Filter{})
	if err != nil {
		return nil, err
	}
	sz := sizes[snap.ID]
	var out []GroupQuestions
	for _, g := range exportGroups(all, teams) {
		view := sz.view(g.ID, Filter{})
		qs, err := s.questionResults(ctx, sz, snap.ID, outline, g.ID, Filter{}, view)
		if err != nil {
			return nil, err
		}
		out = append(out, GroupQuestions{TeamID: g.ID, TeamPath: g.Path, Hidden: view.Hidden, Questions: qs})
	}
	return out, nil
}

// QuestionHeader is the header of QuestionCSV.
var QuestionHeader = []string{"snapshot", "team", "question_key", "question", "kind", "suppressed",
	"answered", "option", "count", "percent", "favorable", "mean", "median"}

// QuestionCSV turns other questions' export rows into CSV cells under
// QuestionHeader: a row per option of a shown question, one row saying
// why for a question not shown.
func QuestionCSV(snapshotTitle string, groups []GroupQuestions) [][]string {
	var out [][]string
	for _, g := range groups {
		for _, q := range g.Questions {
			base := []string{csvText(snapshotTitle), csvText(g.TeamPath), csvText(q.Key), csvText(q.Prompt), string(q.Kind)}
			if !q.Shown {
				why := g.Hidden
				if why == Shown {
					why = QuestionTooFew
				}
				out = append(out, append(base, string(why), "", "", "", "", "", "", ""))
				continue
			}
			favorable, mean, median := "", "", ""
			if q.Favorable.OK {
				favorable = csvInt(q.Favorable.Value)
			}
			if q.Kind == survey.KindNumber {
				mean, median = csvFloat(RoundMean(q.Mean)), csvFloat(RoundMean(q.Median))
			}
			for _, o := range q.Options {
				out = append(out, append(append([]string{}, base...), "", csvInt(q.Answered), csvText(o.Label), csvInt(o.Count),
					csvScore(o.Percent.OK, o.Percent.Value), favorable, mean, median))
			}
		}
	}
	return out
}
