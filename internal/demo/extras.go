package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
)

// The latest two snapshots ask one question of each kind the template
// does not: a single and a multiple choice, a number, a rating tied to no
// driver and a second frequency, so that every kind's results show.

// extraQuestions are the extra questions; a snapshot's are found by their
// prompts.
func extraQuestions() []survey.Question {
	hours, most := 0.0, 60.0
	return []survey.Question{
		{Kind: survey.KindSingle, Key: "release_blocker", Prompt: "What slows your changes down most on the way to production?",
			Config: survey.Config{Choices: []string{"Code review", "Flaky CI", "Release approval", "Environments", "Nothing much"}}},
		{Kind: survey.KindMulti, Key: "internal_tools", Prompt: "Which internal tools did you use this month?",
			Config: survey.Config{Choices: []string{"Service catalogue", "Feature flags", "Runbooks", "Docs site", "Load test kit"}}},
		{Kind: survey.KindNumber, Key: "meeting_hours", Prompt: "How many hours did you spend in meetings last week?",
			Config: survey.Config{Min: &hours, Max: &most, Unit: "hours"}},
		// An extra rating: tied to no driver, it keeps no key.
		{Kind: survey.KindRating, Prompt: "I can find the internal documentation I need."},
		{Kind: survey.KindFrequency, Key: "paged_off_hours", Prompt: "How often are you paged outside working hours?"},
	}
}

// addExtras adds the extra questions to a draft snapshot's last section.
func addExtras(ctx context.Context, tx *gorm.DB, snapID int64) error {
	store := survey.NewStore(tx, nil)
	o, err := store.Outline(ctx, snapID)
	if err != nil {
		return err
	}
	for _, q := range extraQuestions() {
		q.SnapshotID, q.SectionID = snapID, o.Sections[len(o.Sections)-1].ID
		if err := store.SaveQuestion(ctx, &q, Actor); err != nil {
			return fmt.Errorf("demo: question %s: %w", q.Key, err)
		}
	}
	return nil
}

// answerExtras answers the extra questions a snapshot asks. It draws from
// a generator of the person's own, so that the rest of the demo is drawn
// as it was before these questions.
func answerExtras(f form, p member, qi int) []responses.AnswerRow {
	if len(f.extras) == 0 {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(p.Email))
	g := &gen{r: rand.New(rand.NewPCG(h.Sum64(), uint64(qi)))}
	var rows []responses.AnswerRow
	for _, q := range f.extras {
		if g.chance(0.08) { // none is required: some skip
			continue
		}
		switch q.Kind {
		case survey.KindSingle:
			rows = append(rows, responses.AnswerRow{QuestionID: q.ID, Item: g.pick(weights(q.Config.Choices, 30, 35, 15, 12, 8))})
		case survey.KindMulti:
			for i, c := range q.Config.Choices {
				if g.chance([]float64{0.55, 0.4, 0.3, 0.75, 0.1}[i%5]) {
					rows = append(rows, responses.AnswerRow{QuestionID: q.ID, Item: c})
				}
			}
		case survey.KindNumber:
			rows = append(rows, number(q, "", math.Min(40, math.Round(math.Max(0, g.norm(7+3*p.engagement, 3.5))))))
		case survey.KindRating:
			fav := 0.6 + p.mood
			if p.WorkArrangement == directory.Remote { // as with the documentation driver
				fav -= 0.15
			}
			rows = append(rows, rating(q, g.rating(fav)))
		case survey.KindFrequency:
			rows = append(rows, responses.AnswerRow{QuestionID: q.ID, Item: g.pick(weights(survey.Frequencies, 40, 25, 18, 10, 5, 2))})
		}
	}
	return rows
}

// weights pairs values with weights, in order.
func weights(values []string, ws ...int) []weighted {
	out := make([]weighted, len(values))
	for i, v := range values {
		out[i] = weighted{value: v, weight: ws[i%len(ws)]}
	}
	return out
}
