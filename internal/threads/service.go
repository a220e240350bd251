package threads

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// Queue inserts a job in a transaction (jobs.Runner).
type Queue interface {
	InsertTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
}

// Service carries out replies, answers and deletions, each in one
// transaction; a reply with its audit entry and the job that tells the
// author.
type Service struct {
	db        *gorm.DB
	results   *results.Store
	responses *responses.Store
	surveys   *survey.Store
	audit     *audit.Log
	queue     Queue // nil tells nobody
	now       func() time.Time
}

// New returns the service; queue may be nil, and then authors are not told.
func New(db *gorm.DB, res *results.Store, resp *responses.Store, surveys *survey.Store, log *audit.Log, queue Queue) (*Service, error) {
	if db == nil || res == nil || resp == nil || surveys == nil || log == nil {
		return nil, errors.New("threads: service needs a database and its stores")
	}
	return &Service{db: db, results: res, responses: resp, surveys: surveys, audit: log, queue: queue,
		now: func() time.Time { return time.Now().UTC() }}, nil
}

// ForStaff is a comment with its thread, for a lead, executive or admin
// whose dashboards show it; any other comment is
// results.ErrCommentNotFound.
func (s *Service) ForStaff(ctx context.Context, r Replier, commentID int64) (View, error) {
	c, err := s.results.SeenComment(ctx, commentID, r.CanSee)
	if err != nil {
		return View{}, err
	}
	return s.view(ctx, c)
}

// Reply adds a named reply to a comment the replier sees, starting its
// thread when it is the first, and tells the author.
func (s *Service) Reply(ctx context.Context, r Replier, commentID int64, body string) error {
	body, err := checkBody(body)
	if err != nil {
		return err
	}
	c, err := s.results.SeenComment(ctx, commentID, r.CanSee)
	if err != nil {
		return err
	}
	if c.ResponseID == 0 {
		return FieldErrors{"body": input.M("board.reply.invalid.old")}
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		t, err := ensureThread(tx, c, s.now())
		if err != nil {
			return err
		}
		reply := Reply{ThreadID: t.ID, ReplierID: &r.PersonID, Body: body, CreatedAt: s.now()}
		if err := tx.Create(&reply).Error; err != nil {
			return fmt.Errorf("threads: reply: %w", err)
		}
		// The entry names the thread and the snapshot: the thread names an
		// answer, which no page ties to its author.
		err = s.audit.Record(ctx, tx, r.Actor, ActionReply, fmt.Sprintf("comment_thread:%d", t.ID), fmt.Sprintf("snapshot %d", c.SnapshotID))
		if err != nil || s.queue == nil {
			return err
		}
		return s.queue.InsertTx(ctx, tx, NoticeArgs{ReplyID: reply.ID}, &river.InsertOpts{MaxAttempts: NoticeAttempts})
	})
}

// ensureThread returns the comment's thread, creating it on the first reply.
func ensureThread(tx *gorm.DB, c results.CommentSource, now time.Time) (Thread, error) {
	// Two first replies at once: one creates the thread, both use it.
	t := Thread{SnapshotID: c.SnapshotID, ResponseID: c.ResponseID, QuestionID: c.QuestionID, CreatedAt: now}
	err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&t).Error
	var stored Thread
	if err == nil {
		err = tx.Where("response_id = ? AND question_id = ?", c.ResponseID, c.QuestionID).Take(&stored).Error
	}
	if err != nil {
		return Thread{}, fmt.Errorf("threads: thread of comment %d: %w", c.ID, err)
	}
	return stored, nil
}

// view reads a comment's thread for its readers.
func (s *Service) view(ctx context.Context, c results.CommentSource) (View, error) {
	v := View{CommentID: c.ID, DriverKey: c.DriverKey, Body: c.Body}
	snap, err := s.surveys.Snapshot(ctx, c.SnapshotID)
	if err != nil {
		return View{}, err
	}
	v.Snapshot = snap.Title
	if c.ResponseID == 0 {
		return v, nil
	}
	var rows []struct {
		Reply
		Name string
	}
	err = s.db.WithContext(ctx).Raw(`SELECT r.*, COALESCE(p.name, '') AS name FROM comment_replies r
		JOIN comment_threads t ON t.id = r.thread_id LEFT JOIN people p ON p.id = r.replier_id
		WHERE t.response_id = ? AND t.question_id = ? ORDER BY r.id`, c.ResponseID, c.QuestionID).Scan(&rows).Error
	if err != nil {
		return View{}, fmt.Errorf("threads: replies to comment %d: %w", c.ID, err)
	}
	for _, r := range rows {
		v.Entries = append(v.Entries, Entry{FromAuthor: r.ReplierID == nil, Replier: r.Name, Body: r.Body, On: r.CreatedAt})
	}
	return v, nil
}

// Summary is what a dashboard says of a comment's thread.
type Summary struct {
	Replies int // every message, the author's included
	Answers int // the author's
}

// Summaries returns the threads' summaries of the given comments (as the
// dashboards list them), for those that have one.
func (s *Service) Summaries(ctx context.Context, commentIDs []int64) (map[int64]Summary, error) {
	out := map[int64]Summary{}
	if len(commentIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		CommentID int64
		Summary   `gorm:"embedded"`
	}
	err := s.db.WithContext(ctx).Raw(`SELECT c.id AS comment_id, COUNT(r.id) AS replies,
		SUM(CASE WHEN r.replier_id IS NULL THEN 1 ELSE 0 END) AS answers
		FROM result_comments c
		JOIN comment_threads t ON t.response_id = c.response_id AND t.question_id = c.question_id
		JOIN comment_replies r ON r.thread_id = t.id
		WHERE c.id IN ? GROUP BY c.id`, commentIDs).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("threads: summaries: %w", err)
	}
	for _, r := range rows {
		out[r.CommentID] = r.Summary
	}
	return out, nil
}
