package survey

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"

	"github.com/devpulse/devpulse/internal/input"
)

// The lifecycle: draft -> scheduled -> open -> closed -> published, with
// scheduled -> draft to make changes. Every transition is a conditional
// update on the current state inside a transaction, so with several
// replicas each transition happens exactly once, and each is recorded in
// the audit log with its actor ("scheduler" for timed ones).

// transition moves a snapshot from one state to another, running extra in
// the same transaction. It returns ErrState when the snapshot is not in from.
func (s *Store) transition(ctx context.Context, id int64, from, to, actor string, set map[string]any,
	extra func(tx *gorm.DB, snap Snapshot) error) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		snap, err := snapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		if snap.State != from {
			return fmt.Errorf("%w: snapshot is %s, not %s", ErrState, snap.State, from)
		}
		if extra != nil {
			if err := extra(tx, snap); err != nil {
				return err
			}
		}
		if set == nil {
			set = map[string]any{}
		}
		set["state"], set["updated_at"] = to, s.now()
		res := tx.Model(&Snapshot{}).Where("id = ? AND state = ?", id, from).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("survey: %s -> %s: %w", from, to, res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("%w: snapshot changed meanwhile", ErrState)
		}
		return s.audit.Record(ctx, tx, actor, "snapshot."+to, snapshotTarget(snap), from+" -> "+to)
	})
}

// Schedule checks a draft and schedules it; it opens at its open time.
func (s *Store) Schedule(ctx context.Context, id int64, actor string) error {
	return s.transition(ctx, id, Draft, Scheduled, actor, nil, func(tx *gorm.DB, snap Snapshot) error {
		if err := s.checkSchedulable(ctx, tx, snap); err != nil {
			return err
		}
		return s.enqueueOpen(ctx, tx, snap)
	})
}

// Unschedule returns a scheduled snapshot to draft; its pending opening job
// finds it in draft and does nothing.
func (s *Store) Unschedule(ctx context.Context, id int64, actor string) error {
	return s.transition(ctx, id, Scheduled, Draft, actor, nil, nil)
}

// OpenDue opens a scheduled snapshot whose open time has come. The job
// runner calls it; when the snapshot is no longer due (moved, unscheduled,
// or already opened by another replica) it does nothing.
func (s *Store) OpenDue(ctx context.Context, id int64) error {
	now := s.now()
	err := s.transition(ctx, id, Scheduled, Open, audit.Scheduler, map[string]any{"opened_at": now},
		func(tx *gorm.DB, snap Snapshot) error {
			if snap.OpensAt == nil || snap.OpensAt.After(now) {
				return errNotDue
			}
			return s.opened(ctx, tx, snap)
		})
	return ignoreNotDue(err)
}

// opened schedules the close and announces the opening, in the opening's
// transaction.
func (s *Store) opened(ctx context.Context, tx *gorm.DB, snap Snapshot) error {
	if err := s.enqueueClose(ctx, tx, snap.ID, *snap.ClosesAt); err != nil {
		return err
	}
	return s.jobs.InsertTx(ctx, tx, OpenedArgs{SnapshotID: snap.ID}, nil)
}

// OpenNow opens a scheduled snapshot at once, moving its open time to now.
func (s *Store) OpenNow(ctx context.Context, id int64, actor string) error {
	now := s.now()
	return s.transition(ctx, id, Scheduled, Open, actor, map[string]any{"opened_at": now, "opens_at": now},
		func(tx *gorm.DB, snap Snapshot) error {
			return s.opened(ctx, tx, snap)
		})
}

// CloseDue closes an open snapshot whose close time has come (job runner).
func (s *Store) CloseDue(ctx context.Context, id int64) error {
	now := s.now()
	err := s.transition(ctx, id, Open, Closed, audit.Scheduler, map[string]any{"closed_at": now},
		func(tx *gorm.DB, snap Snapshot) error {
			if snap.ClosesAt == nil || snap.ClosesAt.After(now) {
				return errNotDue
			}
			return s.jobs.InsertTx(ctx, tx, ClosedArgs{SnapshotID: snap.ID}, nil)
		})
	return ignoreNotDue(err)
}

// Close closes an open snapshot early.
func (s *Store) Close(ctx context.Context, id int64, actor string) error {
	now := s.now()
	return s.transition(ctx, id, Open, Closed, actor, map[string]any{"closed_at": now, "closes_at": now},
		func(tx *gorm.DB, snap Snapshot) error {
			return s.jobs.InsertTx(ctx, tx, ClosedArgs{SnapshotID: snap.ID}, nil)
		})
}

// ExtendClose moves an open snapshot's close time later.
func (s *Store) ExtendClose(ctx context.Context, id int64, closesAt time.Time, actor string) error {
	closesAt = closesAt.UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		snap, err := snapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		if snap.State != Open {
			return fmt.Errorf("%w: only an open snapshot can be extended", ErrState)
		}
		if !closesAt.After(*snap.ClosesAt) || !closesAt.After(s.now()) {
			return Problems{"closes_at": input.M("admin.invalid.extend_later")}
		}
		if err := tx.Model(&snap).Updates(map[string]any{"closes_at": closesAt, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		if err := s.enqueueClose(ctx, tx, id, closesAt); err != nil {
			return err
		}
		if err := s.jobs.InsertTx(ctx, tx, ExtendedArgs{SnapshotID: id, ClosesAt: closesAt}, nil); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, "snapshot.extend", snapshotTarget(snap), closesAt.Format(time.RFC3339))
	})
}

// Publish publishes a closed snapshot's results. There is no way back.
func (s *Store) Publish(ctx context.Context, id int64, actor string) error {
	return s.transition(ctx, id, Closed, Published, actor, map[string]any{"published_at": s.now()}, nil)
}

var errNotDue = errors.New("survey: not due")

func ignoreNotDue(err error) error {
	if errors.Is(err, errNotDue) || errors.Is(err, ErrState) {
		return nil
	}
	return err
}

func (s *Store) checkSchedulable(ctx context.Context, tx *gorm.DB, snap Snapshot) error {
	o, err := outline(ctx, tx, snap.ID)
	if err != nil {
		return err
	}
	return ValidateSchedule(snap, o.Questions, s.now()).Err()
}

func (s *Store) enqueueOpen(ctx context.Context, tx *gorm.DB, snap Snapshot) error {
	if s.jobs == nil {
		return errors.New("survey: no job runner to schedule with")
	}
	return s.jobs.InsertTx(ctx, tx, OpenArgs{SnapshotID: snap.ID, At: *snap.OpensAt},
		&river.InsertOpts{ScheduledAt: *snap.OpensAt, UniqueOpts: uniqueJob})
}

func (s *Store) enqueueClose(ctx context.Context, tx *gorm.DB, id int64, at time.Time) error {
	if s.jobs == nil {
		return errors.New("survey: no job runner to schedule with")
	}
	return s.jobs.InsertTx(ctx, tx, CloseArgs{SnapshotID: id, At: at},
		&river.InsertOpts{ScheduledAt: at, UniqueOpts: uniqueJob})
}

// uniqueJob keeps one pending job per snapshot and time. Finished jobs do
// not count: after draft -> scheduled -> (job ran, found a draft, did
// nothing) -> draft -> scheduled again at the same time, River's default
// would match the completed job, insert nothing, and the snapshot would
// never open.
var uniqueJob = river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
	rivertype.JobStateRunning, rivertype.JobStateScheduled,
}}

// OpenedArgs announces that a snapshot has opened: the invitations
// package works it (invitations, reminder schedule). Events are jobs so
// that what follows a transition commits with it and survives a restart.
type OpenedArgs struct {
	SnapshotID int64 `json:"snapshot_id"`
}

// Kind names the job.
func (OpenedArgs) Kind() string { return "snapshot_opened" }

// ExtendedArgs announces a later close time (reminders move with it).
type ExtendedArgs struct {
	SnapshotID int64     `json:"snapshot_id"`
	ClosesAt   time.Time `json:"closes_at"`
}

// Kind names the job.
func (ExtendedArgs) Kind() string { return "snapshot_extended" }

// ClosedArgs announces that a snapshot has closed (results are materialised).
type ClosedArgs struct {
	SnapshotID int64 `json:"snapshot_id"`
}

// Kind names the job.
func (ClosedArgs) Kind() string { return "snapshot_closed" }

// OpenArgs is the job that opens a snapshot at its open time.
type OpenArgs struct {
	SnapshotID int64     `json:"snapshot_id"`
	At         time.Time `json:"at"`
}

// Kind names the job.
func (OpenArgs) Kind() string { return "snapshot_open" }

// CloseArgs is the job that closes a snapshot at its close time.
type CloseArgs struct {
	SnapshotID int64     `json:"snapshot_id"`
	At         time.Time `json:"at"`
}

// Kind names the job.
func (CloseArgs) Kind() string { return "snapshot_close" }

type openWorker struct {
	river.WorkerDefaults[OpenArgs]
	store *Store
}

func (w *openWorker) Work(ctx context.Context, job *river.Job[OpenArgs]) error {
	return w.store.OpenDue(ctx, job.Args.SnapshotID)
}

type closeWorker struct {
	river.WorkerDefaults[CloseArgs]
	store *Store
}

func (w *closeWorker) Work(ctx context.Context, job *river.Job[CloseArgs]) error {
	return w.store.CloseDue(ctx, job.Args.SnapshotID)
}

// RegisterWorkers adds the lifecycle's jobs to a runner's workers.
func RegisterWorkers(workers *river.Workers, store *Store) {
	river.AddWorker(workers, &openWorker{store: store})
	river.AddWorker(workers, &closeWorker{store: store})
}
