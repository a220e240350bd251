package survey_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestQuestionUpdateStaysInItsSnapshot: an update names its snapshot, and
// the freeze check must hold for the question's real snapshot, not for the
// one the caller claims.
func TestQuestionUpdateStaysInItsSnapshot(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newStore(t, db)
		open := scheduledSnapshot(t, s, time.Now().Add(time.Hour))
		if err := s.OpenNow(ctx, open.ID, "a"); err != nil {
			t.Fatal(err)
		}
		frozen, _ := s.Outline(ctx, open.ID)
		draft, _ := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Draft", Start: survey.StartBlank}, "a")
		sec, err := s.AddSection(ctx, draft.ID, "Only", "a")
		if err != nil {
			t.Fatal(err)
		}
		q := frozen.Questions[0]
		q.SnapshotID, q.SectionID, q.Prompt = draft.ID, sec.ID, "Hijacked"
		if err := s.SaveQuestion(ctx, &q, "a"); !errors.Is(err, survey.ErrNotFound) {
			t.Fatalf("update of another snapshot's question: %v", err)
		}
		got, _ := s.Question(ctx, frozen.Questions[0].ID)
		if got.Prompt != frozen.Questions[0].Prompt || got.SnapshotID != open.ID {
			t.Fatalf("frozen question changed: %+v", got)
		}
	})
}

func TestQuestionUpdateKeepsPlaceAndCreation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newStore(t, db)
		snap, _ := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Q", Start: survey.StartTemplate}, "a")
		o, _ := s.Outline(ctx, snap.ID)
		before := o.Questions[2]
		// An edit form sends what it shows: no position, no creation time.
		edit := survey.Question{ID: before.ID, SnapshotID: snap.ID, SectionID: before.SectionID, Kind: survey.KindNumber,
			Prompt: "Hours?", Config: survey.Config{Unit: "hours"}}
		if err := s.SaveQuestion(ctx, &edit, "a"); err != nil {
			t.Fatal(err)
		}
		after, _ := s.Question(ctx, before.ID)
		if after.Position != before.Position || !after.CreatedAt.Equal(before.CreatedAt) {
			t.Fatalf("position %d -> %d, created %v -> %v", before.Position, after.Position, before.CreatedAt, after.CreatedAt)
		}
		if after.Key != "" || after.DriverID != nil {
			t.Fatalf("a former driver rating keeps key %q driver %v", after.Key, after.DriverID)
		}
	})
}

func TestDriverRatedOncePerSnapshot(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newStore(t, db)
		snap, _ := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Q", Start: survey.StartTemplate}, "a")
		o, _ := s.Outline(ctx, snap.ID)
		first := o.Questions[0]
		q := survey.Question{SnapshotID: snap.ID, SectionID: first.SectionID, Kind: survey.KindRating, DriverID: first.DriverID}
		err := s.SaveQuestion(ctx, &q, "a")
		var fe survey.Problems
		if !errors.As(err, &fe) || fe["driver"].ID == "" {
			t.Fatalf("second rating of a driver: %v", err)
		}
		// Editing the existing rating is not a second one.
		first.Required = false
		if err := s.SaveQuestion(ctx, &first, "a"); err != nil {
			t.Fatal(err)
		}
		if keys := survey.DriverKeys(append(o.Questions, first)); len(keys) != 15 {
			t.Fatalf("%d driver keys, want 15 without duplicates", len(keys))
		}
	})
}

// TestRescheduleAfterNoOpJob: a snapshot unscheduled before its open time
// lets its opening job run and do nothing; scheduling it again for the same
// time must still open it.
func TestRescheduleAfterNoOpJob(t *testing.T) {
	db := testdb.SQLite(t)
	ctx := context.Background()
	s := newStore(t, db)
	workers := jobs.NewWorkers()
	survey.RegisterWorkers(workers, s)
	runner, err := jobs.New(db, workers, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer runner.Stop(ctx)
	snap := scheduledSnapshot(t, s, time.Now().Add(2*time.Second))
	if err := s.Unschedule(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var done int64
		db.Raw("SELECT COUNT(*) FROM river_job WHERE kind = ? AND state = 'completed'", survey.OpenArgs{}.Kind()).Scan(&done)
		if done == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the opening job did not run")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got, _ := s.Snapshot(ctx, snap.ID); got.State != survey.Draft {
		t.Fatalf("unscheduled snapshot is %s", got.State)
	}
	if err := s.Schedule(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	waitState(t, s, snap.ID, survey.Open)
}

func TestCopyOfMissingSnapshot(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		_, err := newStore(t, db).CreateSnapshot(context.Background(), survey.NewSnapshot{Title: "Q", Start: survey.StartCopy, CopyFrom: 404}, "a")
		var fe survey.Problems
		if !errors.As(err, &fe) || fe["copy_from"].ID == "" {
			t.Fatalf("copy of a missing snapshot: %v", err)
		}
	})
}
