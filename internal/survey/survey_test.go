package survey_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newStore(t *testing.T, db *gorm.DB) *survey.Store {
	t.Helper()
	q, err := jobs.New(db, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	return survey.NewStore(db, q)
}

func TestDefaultDriverLibrary(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ds, err := newStore(t, db).Drivers(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) < 14 || len(ds) > 16 {
			t.Fatalf("%d default drivers, want 14-16", len(ds))
		}
		keys := map[string]bool{}
		for _, d := range ds {
			if d.Key == "" || d.Name == "" || d.Category == "" || d.Statement == "" || keys[d.Key] {
				t.Errorf("driver %+v incomplete or duplicate", d)
			}
			keys[d.Key] = true
		}
		names, err := newStore(t, db).DriverNames(context.Background(), []string{ds[0].Key, ds[1].Key, "no-such-driver"})
		if err != nil || len(names) != 2 || names[ds[0].Key] != ds[0].Name || names[ds[1].Key] != ds[1].Name {
			t.Fatalf("driver names %v %v", names, err)
		}
	})
}

func TestTemplateSnapshot(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newStore(t, db)
		snap, err := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "Europe/Berlin"}, "admin@example.com")
		if err != nil {
			t.Fatal(err)
		}
		o, err := s.Outline(ctx, snap.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[survey.Kind]int{}
		keys := map[string]bool{}
		for _, q := range o.Questions {
			kinds[q.Kind]++
			keys[q.Key] = true
		}
		if kinds[survey.KindRating] != 16 { // 15 drivers + overall satisfaction
			t.Errorf("ratings: %d", kinds[survey.KindRating])
		}
		for _, k := range []string{survey.KeyPriorities, survey.KeyAllocation, survey.KeyAIFrequency, survey.KeyAIHoursSaved, survey.KeyOverall, survey.KeyComments} {
			if !keys[k] {
				t.Errorf("template lacks %s", k)
			}
		}
		if len(o.Sections) != 5 {
			t.Errorf("%d sections", len(o.Sections))
		}
		// A copy keeps everything but retired drivers.
		ds, _ := s.Drivers(ctx, false)
		if err := s.SetDriverRetired(ctx, ds[0].ID, true, "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		cp, err := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2027 Q1", Start: survey.StartCopy, CopyFrom: snap.ID}, "admin@example.com")
		if err != nil {
			t.Fatal(err)
		}
		co, _ := s.Outline(ctx, cp.ID)
		if len(co.Questions) != len(o.Questions)-1 {
			t.Errorf("copy has %d questions, want %d", len(co.Questions), len(o.Questions)-1)
		}
	})
}

func TestDriverWordingStaysWithSnapshot(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newStore(t, db)
		snap, _ := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Q", Start: survey.StartTemplate}, "a")
		ds, _ := s.Drivers(ctx, false)
		old := ds[0].Statement
		if _, err := s.UpdateDriver(ctx, ds[0].ID, ds[0].Name, ds[0].Category, "New wording.", "a"); err != nil {
			t.Fatal(err)
		}
		o, _ := s.Outline(ctx, snap.ID)
		if o.Questions[0].Prompt != old {
			t.Fatalf("snapshot question changed wording to %q", o.Questions[0].Prompt)
		}
	})
}

func TestQuestionValidation(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name  string
		q     survey.Question
		field string
	}{
		{"allocation without categories", survey.Question{Kind: survey.KindAllocation, Prompt: "Time?"}, "categories"},
		{"allocation with duplicate", survey.Question{Kind: survey.KindAllocation, Prompt: "Time?", Config: survey.Config{Categories: []string{"A", "a"}}}, "categories"},
		{"choice with one option", survey.Question{Kind: survey.KindSingle, Prompt: "Pick", Config: survey.Config{Choices: []string{"A"}}}, "choices"},
		{"number max below min", survey.Question{Kind: survey.KindNumber, Prompt: "N", Config: survey.Config{Min: f(5), Max: f(1)}}, "max"},
		{"text without limit", survey.Question{Kind: survey.KindText, Prompt: "Say"}, "max_length"},
		{"no prompt", survey.Question{Kind: survey.KindRating}, "prompt"},
		{"unknown kind", survey.Question{Kind: "essay", Prompt: "x"}, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := tt.q.Validate()
			if errs[tt.field].ID == "" {
				t.Fatalf("want an error on %s, got %v", tt.field, errs)
			}
		})
	}
	ok := survey.Question{Kind: survey.KindMulti, Prompt: "Which?", Config: survey.Config{Choices: []string{"A", "B"}}}
	if errs := ok.Validate(); len(errs) != 0 {
		t.Fatalf("valid question: %v", errs)
	}
}

func TestScheduleValidation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newStore(t, db)
		snap, _ := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Q", Start: survey.StartBlank}, "a")
		sec, err := s.AddSection(ctx, snap.ID, "Only", "a")
		if err != nil {
			t.Fatal(err)
		}
		// A priority question with fewer than three rated drivers.
		q := survey.Question{SnapshotID: snap.ID, SectionID: sec.ID, Kind: survey.KindPriority, Prompt: "Improve first?"}
		if err := s.SaveQuestion(ctx, &q, "a"); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		open, closeBefore := now.Add(time.Hour), now.Add(30*time.Minute)
		err = s.UpdateSettings(ctx, snap.ID, survey.Settings{Title: "Q", TimeZone: "UTC", OpensAt: &open, ClosesAt: &closeBefore, AudienceAll: true}, "a")
		var fe survey.Problems
		if !errors.As(err, &fe) || fe["closes_at"].ID == "" {
			t.Fatalf("close before open: %v", err)
		}
		closeAt := now.Add(2 * time.Hour)
		if err := s.UpdateSettings(ctx, snap.ID, survey.Settings{Title: "Q", TimeZone: "UTC", OpensAt: &open, ClosesAt: &closeAt, AudienceAll: true}, "a"); err != nil {
			t.Fatal(err)
		}
		err = s.Schedule(ctx, snap.ID, "a")
		if !errors.As(err, &fe) || fe["questions"].ID == "" {
			t.Fatalf("priority with too few drivers: %v", err)
		}
		got, _ := s.Snapshot(ctx, snap.ID)
		if got.State != survey.Draft {
			t.Fatalf("state %s after failed schedule", got.State)
		}
	})
}

func TestLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newStore(t, db)
		snap := scheduledSnapshot(t, s, time.Now().Add(time.Hour))
		// Questions can change while scheduled, not once open.
		o, _ := s.Outline(ctx, snap.ID)
		if err := s.OpenNow(ctx, snap.ID, "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		q := o.Questions[0]
		q.Prompt = "Changed"
		if err := s.SaveQuestion(ctx, &q, "a"); !errors.Is(err, survey.ErrFrozen) {
			t.Fatalf("edit after open: %v", err)
		}
		if err := s.DeleteQuestion(ctx, q.ID, "a"); !errors.Is(err, survey.ErrFrozen) {
			t.Fatalf("delete after open: %v", err)
		}
		later := time.Now().Add(48 * time.Hour)
		if err := s.ExtendClose(ctx, snap.ID, later, "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		if err := s.Publish(ctx, snap.ID, "a"); !errors.Is(err, survey.ErrState) {
			t.Fatalf("publish while open: %v", err)
		}
		if err := s.Close(ctx, snap.ID, "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		if err := s.Publish(ctx, snap.ID, "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		if err := s.OpenNow(ctx, snap.ID, "a"); !errors.Is(err, survey.ErrState) {
			t.Fatalf("reopen after publish: %v", err)
		}
		var actions []string
		db.Model(&audit.Event{}).Where("action LIKE 'snapshot.%' AND action NOT LIKE 'snapshot.question%' AND action NOT LIKE 'snapshot.section%'").Order("id").Pluck("action", &actions)
		want := []string{"snapshot.create", "snapshot.settings", "snapshot.scheduled", "snapshot.open", "snapshot.extend", "snapshot.closed", "snapshot.published"}
		if len(actions) != len(want) {
			t.Fatalf("audit %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Fatalf("audit %v, want %v", actions, want)
			}
		}
	})
}

// TestTimedOpenAndClose runs the real job runner: a scheduled snapshot opens
// at its open time and closes at its close time, by the scheduler.
func TestTimedOpenAndClose(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
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
		snap := scheduledSnapshot(t, s, time.Now().Add(time.Second))
		waitState(t, s, snap.ID, survey.Open)
		// Close early by moving the close time: extend is later only, so close now via the job.
		if err := s.Close(ctx, snap.ID, "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		var n int64
		db.Model(&audit.Event{}).Where("action = ? AND actor = ?", "snapshot.open", audit.Scheduler).Count(&n)
		if n != 1 {
			t.Fatalf("%d scheduler open entries, want 1", n)
		}
	})
}

func scheduledSnapshot(t *testing.T, s *survey.Store, opens time.Time) survey.Snapshot {
	t.Helper()
	ctx := context.Background()
	snap, err := s.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "UTC"}, "admin@example.com")
	if err != nil {
		t.Fatal(err)
	}
	closes := opens.Add(24 * time.Hour)
	if err := s.UpdateSettings(ctx, snap.ID, survey.Settings{Title: snap.Title, TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true}, "admin@example.com"); err != nil {
		t.Fatal(err)
	}
	if err := s.Schedule(ctx, snap.ID, "admin@example.com"); err != nil {
		t.Fatal(err)
	}
	return snap
}

func waitState(t *testing.T, s *survey.Store, id int64, state string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		snap, err := s.Snapshot(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if snap.State == state {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("snapshot %d did not become %s in time", id, state)
}

// TestFrozenOutlineStaysFresh: once open, the outline comes from memory,
// but the snapshot row (state, close time) is always current, and callers
// cannot change what is kept.
func TestFrozenOutlineStaysFresh(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	s := newStore(t, db)
	snap := scheduledSnapshot(t, s, time.Now().Add(time.Hour))
	if err := s.OpenNow(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	first, err := s.Outline(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := first.Questions[0].Prompt
	first.Questions[0].Prompt = "changed by a caller"
	if err := s.Close(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	again, err := s.Outline(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.Snapshot.State != survey.Closed {
		t.Fatalf("state %s, want closed", again.Snapshot.State)
	}
	if again.Questions[0].Prompt != want || len(again.Questions) != len(first.Questions) {
		t.Fatalf("cached outline changed: %q", again.Questions[0].Prompt)
	}
}
