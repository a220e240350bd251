package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/threads"
)

// demoThread is one comment thread: a lead's reply and, when set, the
// author's anonymous answer.
type demoThread struct{ reply, answer string }

// demoThreads are the threads of the latest closed snapshot; the one
// before holds the first two.
var demoThreads = []demoThread{
	{"Thanks for writing this. Which step takes longest for you? We are timing each one this quarter.",
		"Mostly the database seeds: about an hour every time the schema changes."},
	{"We talked about this in our retro and it is one of our goals for next quarter. I will post here when the first change ships.",
		"Thank you, that would help a lot."},
	{"Would a shared runbook for on-call handovers help, or is it the alerts themselves?", ""},
}

// threadTarget is a comment a lead replies to.
type threadTarget struct {
	ResponseID, QuestionID, TeamID, LeadID int64
}

// threads adds replies by team leads to comments of the last two closed
// snapshots, some answered by their authors. The comments are chosen by
// response order among teams large enough to show them, so the threads
// are the same on any day; replies are dated from the snapshot's close.
// It draws nothing from the generator.
func (b builder) threads(ctx context.Context) error {
	closed := b.res.Closed
	for i, id := range closed[max(0, len(closed)-2):] {
		n := len(demoThreads) - 1 + i // two in the older snapshot, three in the latest
		if err := b.threadsOf(ctx, id, demoThreads[:n]); err != nil {
			return err
		}
	}
	return nil
}

func (b builder) threadsOf(ctx context.Context, snapshotID int64, want []demoThread) error {
	snap, err := survey.NewStore(b.tx, nil).Snapshot(ctx, snapshotID)
	if err != nil || snap.ClosedAt == nil {
		return fmt.Errorf("demo: threads of snapshot %d: %w", snapshotID, err)
	}
	var found []threadTarget
	err = b.tx.WithContext(ctx).Raw(`SELECT a.response_id, a.question_id, r.team_id, g.person_id AS lead_id
		FROM answers a JOIN responses r ON r.id = a.response_id
		JOIN invitations i ON i.id = r.invitation_id
		JOIN role_grants g ON g.team_id = r.team_id AND g.role = ? AND g.person_id <> i.person_id
		WHERE r.snapshot_id = ? AND r.submitted = ? AND a.text IS NOT NULL AND a.text <> ''
			AND (SELECT COUNT(*) FROM responses o WHERE o.snapshot_id = r.snapshot_id AND o.team_id = r.team_id AND o.submitted = ?) >= 8
		ORDER BY r.id, a.question_id, g.person_id`, directory.RoleLead, snapshotID, true, true).Scan(&found).Error
	if err != nil {
		return fmt.Errorf("demo: comments to reply to: %w", err)
	}
	teams := map[int64]bool{}
	for _, f := range found {
		if len(want) == 0 {
			break
		}
		if teams[f.TeamID] {
			continue
		}
		teams[f.TeamID] = true
		if err := b.thread(f, snap, len(teams), want[0]); err != nil {
			return err
		}
		want = want[1:]
	}
	return nil
}

// thread stores one thread, replied to nth days after the close and
// answered two days later (to the day, as the service keeps authors').
func (b builder) thread(f threadTarget, snap survey.Snapshot, nth int, d demoThread) error {
	replied := snap.ClosedAt.AddDate(0, 0, 1+nth).Add(2 * time.Hour)
	t := threads.Thread{SnapshotID: snap.ID, ResponseID: f.ResponseID, QuestionID: f.QuestionID, CreatedAt: replied}
	if err := b.tx.Create(&t).Error; err != nil {
		return fmt.Errorf("demo: thread: %w", err)
	}
	lead := f.LeadID
	rows := []threads.Reply{{ThreadID: t.ID, ReplierID: &lead, Body: d.reply, CreatedAt: replied}}
	if d.answer != "" {
		rows = append(rows, threads.Reply{ThreadID: t.ID, Body: d.answer, CreatedAt: day(replied.AddDate(0, 0, 2))})
	}
	if err := b.tx.Create(&rows).Error; err != nil {
		return fmt.Errorf("demo: replies: %w", err)
	}
	return nil
}
