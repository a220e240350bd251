package web

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/templates/pages"
)

// surveyCards says of each open survey what tells it from the others: who
// is asked, how much is left for this person, and which closes first.
func (s *Server) surveyCards(ctx context.Context, me directory.Person, open []responses.OpenSurvey) ([]pages.SurveyCard, error) {
	cards := make([]pages.SurveyCard, 0, len(open))
	first := -1
	for i, o := range open {
		inv := responses.Invitation{ID: o.InvitationID, SnapshotID: o.SnapshotID, PersonID: me.ID}
		outline, err := s.surveys.Outline(ctx, o.SnapshotID)
		if err != nil {
			return nil, err
		}
		answers, _, err := s.responses.Answers(ctx, inv, outline)
		if err != nil {
			return nil, fmt.Errorf("home: answers of %d: %w", o.SnapshotID, err)
		}
		a := newAnswering(inv, me, outline, fmt.Sprintf("/surveys/%d", o.SnapshotID))
		c := pages.SurveyCard{OpenSurvey: o}
		c.Answered, c.Asked, c.MinutesLeft = a.progress(answers)
		// open is ordered soonest-closing first.
		if first < 0 && !o.Submitted {
			first = i
		}
		cards = append(cards, c)
	}
	if first >= 0 && len(cards) > 1 {
		cards[first].ClosesFirst = true
	}
	return cards, nil
}
