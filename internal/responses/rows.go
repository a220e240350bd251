package responses

import "github.com/devpulse/devpulse/internal/survey"

// toRows turns an answer into stored rows, one per item, as its kind
// stores it.
func toRows(responseID int64, q survey.Question, a survey.Answer) []AnswerRow {
	items := q.Kind.Behaviour().Items(q, a)
	rows := make([]AnswerRow, 0, len(items))
	for _, it := range items {
		rows = append(rows, AnswerRow{ResponseID: responseID, QuestionID: q.ID, Item: it.Item, SnapshotID: q.SnapshotID,
			Rating: it.Rating, Number: it.Number, Text: it.Text})
	}
	return rows
}

// fromRows rebuilds answers by question from stored rows, as their kinds
// read them back.
func fromRows(rows []AnswerRow, questions []survey.Question) map[int64]survey.Answer {
	kinds := make(map[int64]survey.Behaviour, len(questions))
	for _, q := range questions {
		kinds[q.ID] = q.Kind.Behaviour()
	}
	out := map[int64]survey.Answer{}
	for _, r := range rows {
		a := out[r.QuestionID]
		if kind, ok := kinds[r.QuestionID]; ok {
			kind.Load(&a, survey.Item{Item: r.Item, Rating: r.Rating, Number: r.Number, Text: r.Text})
		}
		out[r.QuestionID] = a
	}
	return out
}
