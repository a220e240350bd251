package threads

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
)

// Mine lists a person's own comments in results, newest snapshot first,
// each with its thread.
func (s *Service) Mine(ctx context.Context, personID int64) ([]View, error) {
	cs, err := s.own(ctx, personID)
	if err != nil {
		return nil, err
	}
	out := make([]View, 0, len(cs))
	for _, c := range cs {
		v, err := s.view(ctx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Replied returns how many comments the person has in results and those
// someone replied to, with their threads: the home page's panel, which
// reads the threads of those only.
func (s *Service) Replied(ctx context.Context, personID int64) (int, []View, error) {
	cs, err := s.own(ctx, personID)
	if err != nil || len(cs) == 0 {
		return 0, nil, err
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	sums, err := s.Summaries(ctx, ids)
	if err != nil {
		return 0, nil, err
	}
	var out []View
	for _, c := range cs {
		if sums[c.ID].Replies > sums[c.ID].Answers {
			v, err := s.view(ctx, c)
			if err != nil {
				return 0, nil, err
			}
			out = append(out, v)
		}
	}
	return len(cs), out, nil
}

// Answer adds the author's anonymous answer to a thread of their comment.
// It is not audited: see the package comment.
func (s *Service) Answer(ctx context.Context, personID, commentID int64, body string) error {
	body, err := checkBody(body)
	if err != nil {
		return err
	}
	c, err := s.ownComment(ctx, personID, commentID)
	if err != nil {
		return err
	}
	var threads []Thread
	err = s.db.WithContext(ctx).Where("response_id = ? AND question_id = ?", c.ResponseID, c.QuestionID).Find(&threads).Error
	if err != nil {
		return fmt.Errorf("threads: thread of comment %d: %w", commentID, err)
	}
	if len(threads) == 0 {
		return ErrNoThread
	}
	// To the day, like a response's dates: the time of day could be
	// matched to when the author was seen working.
	reply := Reply{ThreadID: threads[0].ID, Body: body, CreatedAt: s.now().Truncate(24 * time.Hour)}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&reply).Error; err != nil {
			return fmt.Errorf("threads: answer: %w", err)
		}
		return s.tellRepliers(ctx, tx, reply)
	})
}

// tellRepliers queues a notice to each replier of the thread, sent the
// next morning: told at once, a replier would learn when the author was
// at work.
func (s *Service) tellRepliers(ctx context.Context, tx *gorm.DB, answer Reply) error {
	if s.queue == nil {
		return nil
	}
	var repliers []int64
	err := tx.Raw("SELECT DISTINCT replier_id FROM comment_replies WHERE thread_id = ? AND replier_id IS NOT NULL",
		answer.ThreadID).Scan(&repliers).Error
	if err != nil {
		return fmt.Errorf("threads: repliers of thread %d: %w", answer.ThreadID, err)
	}
	at := answer.CreatedAt.AddDate(0, 0, 1).Add(NoticeHour * time.Hour)
	for _, id := range repliers {
		opts := &river.InsertOpts{MaxAttempts: NoticeAttempts, ScheduledAt: at}
		if err := s.queue.InsertTx(ctx, tx, NoticeArgs{ReplyID: answer.ID, ReplierID: id}, opts); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes the author's comment: its answer, its place in the
// results and its thread. Scores never counted it. Not audited: see the
// package comment.
func (s *Service) Delete(ctx context.Context, personID, commentID int64) error {
	c, err := s.ownComment(ctx, personID, commentID)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := responses.DeleteText(tx, c.ResponseID, c.QuestionID); err != nil {
			return err
		}
		if err := results.DeleteComment(tx, c.ResponseID, c.QuestionID); err != nil {
			return err
		}
		err := tx.Exec(`DELETE FROM comment_replies WHERE thread_id IN
			(SELECT id FROM comment_threads WHERE response_id = ? AND question_id = ?)`, c.ResponseID, c.QuestionID).Error
		if err == nil {
			err = tx.Where("response_id = ? AND question_id = ?", c.ResponseID, c.QuestionID).Delete(&Thread{}).Error
		}
		if err != nil {
			return fmt.Errorf("threads: delete thread of comment %d: %w", commentID, err)
		}
		return nil
	})
}

// own lists the comments that came from the person's responses.
func (s *Service) own(ctx context.Context, personID int64) ([]results.CommentSource, error) {
	ids, err := s.responses.SubmittedBy(ctx, personID)
	if err != nil {
		return nil, err
	}
	return s.results.CommentsOf(ctx, ids)
}

// ownComment is one of the person's comments; anyone else's is not found.
func (s *Service) ownComment(ctx context.Context, personID, commentID int64) (results.CommentSource, error) {
	cs, err := s.own(ctx, personID)
	if err != nil {
		return results.CommentSource{}, err
	}
	for _, c := range cs {
		if c.ID == commentID {
			return c, nil
		}
	}
	return results.CommentSource{}, results.ErrCommentNotFound
}
