package demo_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/threads"
)

// The demo has comment threads in its last two closed snapshots, some
// answered by their authors, each on a comment its replying lead sees
// once the results are materialised.
func TestDemoThreads(t *testing.T) {
	demoFinished.Each(t, func(t *testing.T, db *gorm.DB, res demo.Result) {
		ctx := context.Background()
		var rows []struct {
			CommentID, LeadID int64
			Answers           int
		}
		must(t, db.Raw(`SELECT c.id AS comment_id, MIN(r.replier_id) AS lead_id,
			SUM(CASE WHEN r.replier_id IS NULL THEN 1 ELSE 0 END) AS answers
			FROM comment_threads t JOIN comment_replies r ON r.thread_id = t.id
			JOIN result_comments c ON c.response_id = t.response_id AND c.question_id = t.question_id
			GROUP BY c.id ORDER BY c.id`).Scan(&rows).Error)
		answered := 0
		for _, r := range rows {
			answered += min(r.Answers, 1)
		}
		if len(rows) != 5 || answered != 4 {
			t.Fatalf("%d threads (%d answered), want 5 (4 answered): %+v", len(rows), answered, rows)
		}
		dir, surveys := directory.NewStore(db), survey.NewStore(db, nil)
		store, err := results.New(db, dir, surveys, 5)
		must(t, err)
		svc, err := threads.New(db, store, responses.NewStore(db), surveys, audit.New(db), nil)
		must(t, err)
		for _, r := range rows {
			p, err := auth.LoadPerson(ctx, db, r.LeadID)
			must(t, err)
			v, err := svc.ForStaff(ctx, threads.Replier{PersonID: p.PersonID, Actor: p.Email, CanSee: p.CanSeeTeam}, r.CommentID)
			if err != nil || !v.Replied() {
				t.Fatalf("lead %d cannot read thread of comment %d: %v", r.LeadID, r.CommentID, err)
			}
		}
	})
}
