package responses

import "github.com/devpulse/devpulse/internal/survey"

// toRows turns an answer into stored rows, one per item.
func toRows(responseID int64, q survey.Question, a survey.Answer) []AnswerRow {
	row := func(item string) AnswerRow { return AnswerRow{ResponseID: responseID, QuestionID: q.ID, Item: item} }
	var rows []AnswerRow
	switch {
	case a.Rating != nil:
		r := row("")
		r.Rating = a.Rating
		rows = append(rows, r)
	case a.Choice != "":
		rows = append(rows, row(a.Choice))
	case len(a.Choices) > 0:
		for _, c := range a.Choices {
			rows = append(rows, row(c))
		}
	case a.Number != nil:
		r := row("")
		r.Number = a.Number
		rows = append(rows, r)
	case a.Text != "":
		r := row("")
		r.Text = &a.Text
		rows = append(rows, r)
	case len(a.Allocation) > 0:
		for _, cat := range q.Config.Categories {
			if v, ok := a.Allocation[cat]; ok {
				r := row(cat)
				r.Number = &v
				rows = append(rows, r)
			}
		}
	}
	return rows
}

// fromRows rebuilds answers by question from stored rows.
func fromRows(rows []AnswerRow, questions []survey.Question) map[int64]survey.Answer {
	kinds := map[int64]string{}
	for _, q := range questions {
		kinds[q.ID] = q.Kind
	}
	out := map[int64]survey.Answer{}
	for _, r := range rows {
		a := out[r.QuestionID]
		switch kinds[r.QuestionID] {
		case survey.KindRating:
			a.Rating = r.Rating
		case survey.KindSingle, survey.KindFrequency:
			a.Choice = r.Item
		case survey.KindMulti, survey.KindPriority:
			a.Choices = append(a.Choices, r.Item)
		case survey.KindNumber:
			a.Number = r.Number
		case survey.KindText:
			if r.Text != nil {
				a.Text = *r.Text
			}
		case survey.KindAllocation:
			if a.Allocation == nil {
				a.Allocation = map[string]float64{}
			}
			if r.Number != nil {
				a.Allocation[r.Item] = *r.Number
			}
		}
		out[r.QuestionID] = a
	}
	return out
}
