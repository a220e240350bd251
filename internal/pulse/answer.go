package pulse

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/events"
)

// MaxComment is the longest comment kept.
const MaxComment = 2000

// Reply is a person's answer to an ask.
type Reply struct {
	Rating  int
	Comment string
	Choice  string
	// ShareContext: the person agrees that identifying context (a PR
	// link, a commit) is shown with their comment.
	ShareContext bool
	// Channel is where the answer came from: email, slack, tools or page.
	Channel string
}

// Answer records a reply to an ask, once: the ask must be open and not
// expired. It copies the event's context onto the answer. The caller has
// checked that the reply comes from the person asked.
func (s *Service) Answer(ctx context.Context, askID int64, r Reply) (Answer, error) {
	var ans Answer
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Where("id = ?", askID)
		if tx.Dialector.Name() == "postgres" {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		var a Ask
		if err := q.First(&a).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return fmt.Errorf("pulse: ask %d: %w", askID, err)
		}
		if !a.Answerable(s.now()) {
			return ErrClosed
		}
		var prog Programme
		if err := tx.First(&prog, a.ProgrammeID).Error; err != nil {
			return fmt.Errorf("pulse: programme of ask %d: %w", askID, err)
		}
		if err := checkReply(prog.ParsedQuestions(), &r); err != nil {
			return err
		}
		var ev events.Event
		if err := tx.First(&ev, a.EventID).Error; err != nil {
			return fmt.Errorf("pulse: event of ask %d: %w", askID, err)
		}
		ans = Answer{AskID: a.ID, ProgrammeID: a.ProgrammeID, TeamID: a.TeamID, ISOWeek: a.ISOWeek, Rating: r.Rating,
			Comment: r.Comment, Choice: r.Choice, ShareContext: r.ShareContext, Context: ev.Context, Channel: r.Channel, AnsweredAt: s.now()}
		if err := tx.Create(&ans).Error; err != nil {
			return fmt.Errorf("pulse: answer ask %d: %w", askID, err)
		}
		return tx.Model(&a).Update("state", StateAnswered).Error
	})
	return ans, err
}

// checkReply validates a reply against the programme's questions.
func checkReply(q Questions, r *Reply) error {
	if r.Rating < 1 || r.Rating > 5 {
		return fmt.Errorf("%w: choose a rating from 1 to 5", ErrInvalid)
	}
	r.Comment = strings.TrimSpace(r.Comment)
	if q.Comment == "" {
		r.Comment = ""
	}
	if len(r.Comment) > MaxComment {
		return fmt.Errorf("%w: the comment is longer than %d characters", ErrInvalid, MaxComment)
	}
	if r.Choice != "" && (q.Choice == nil || !slices.Contains(q.Choice.Options, r.Choice)) {
		return fmt.Errorf("%w: %q is not one of the choices", ErrInvalid, r.Choice)
	}
	return nil
}
