package web

import (
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// apiQuestionResult is one group's figures of one other question (single and
// multiple choice, number, frequency, extra rating) in a results export;
// the figures are null when suppressed says why they are not shown.
type apiQuestionResult struct {
	TeamID      *int64      `json:"team_id"`
	Team        string      `json:"team"`
	QuestionKey string      `json:"question_key"`
	Question    string      `json:"question"`
	Kind        string      `json:"kind"`
	Suppressed  *string     `json:"suppressed"`
	Answered    *int        `json:"answered"`
	Options     []apiOption `json:"options"`
	Favorable   *int        `json:"favorable"`
	Mean        *float64    `json:"mean"`
	Median      *float64    `json:"median"`
}

// apiOption is one choice, step, rating or range of numbers: how many gave
// it and their percentage (of those who answered for a multiple choice).
type apiOption struct {
	Option  string `json:"option"`
	Count   int    `json:"count"`
	Percent *int   `json:"percent"`
}

func toAPIQuestions(groups []results.GroupQuestions) []apiQuestionResult {
	out := []apiQuestionResult{}
	for _, g := range groups {
		for _, q := range g.Questions {
			a := apiQuestionResult{Team: g.TeamPath, QuestionKey: q.Key, Question: q.Prompt, Kind: string(q.Kind), Options: []apiOption{}}
			if g.TeamID != results.Org {
				a.TeamID = &g.TeamID
			}
			if !q.Shown {
				why := g.Hidden
				if why == results.Shown {
					why = results.QuestionTooFew
				}
				a.Suppressed = optional(string(why), true)
				out = append(out, a)
				continue
			}
			a.Answered = optional(q.Answered, true)
			a.Favorable = optional(q.Favorable.Value, q.Favorable.OK)
			number := q.Kind == survey.KindNumber
			a.Mean, a.Median = optional(results.RoundMean(q.Mean), number), optional(results.RoundMean(q.Median), number)
			for _, o := range q.Options {
				a.Options = append(a.Options, apiOption{Option: o.Label, Count: o.Count, Percent: optional(o.Percent.Value, o.Percent.OK)})
			}
			out = append(out, a)
		}
	}
	return out
}
