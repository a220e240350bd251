package survey

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
)

// Enqueuer puts a job in the queue inside a transaction (jobs.Runner).
type Enqueuer interface {
	InsertTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
}

// Store reads and writes drivers and snapshots and moves snapshots through
// their lifecycle.
type Store struct {
	db    *gorm.DB
	audit *audit.Log
	jobs  Enqueuer
	now   func() time.Time
	// frozen keeps the sections, questions and audience of snapshots that
	// have opened. They never change again (there is no way back to
	// draft), so every replica may keep its own copy: the survey pages read
	// the outline on every request.
	frozen sync.Map // snapshot ID -> Outline
}

// NewStore returns a Store. jobs may be nil where nothing is scheduled
// (read-only tools); scheduling then fails.
func NewStore(db *gorm.DB, jobs Enqueuer) *Store {
	return &Store{db: db, audit: audit.New(db), jobs: jobs, now: func() time.Time { return time.Now().UTC() }}
}

// Snapshots returns every snapshot, newest first.
func (s *Store) Snapshots(ctx context.Context) ([]Snapshot, error) {
	var out []Snapshot
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("survey: snapshots: %w", err)
	}
	return out, nil
}

// Snapshot returns one snapshot.
func (s *Store) Snapshot(ctx context.Context, id int64) (Snapshot, error) {
	return snapshot(ctx, s.db, id)
}

func snapshot(ctx context.Context, db *gorm.DB, id int64) (Snapshot, error) {
	var snap Snapshot
	err := db.WithContext(ctx).First(&snap, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Snapshot{}, ErrNotFound
	}
	if err != nil {
		return Snapshot{}, fmt.Errorf("survey: snapshot %d: %w", id, err)
	}
	return snap, nil
}

// Outline is a snapshot with everything it asks, in order.
type Outline struct {
	Snapshot  Snapshot
	Sections  []Section
	Questions []Question
	// TeamIDs is the chosen audience when Snapshot.AudienceAll is false.
	TeamIDs []int64
}

// InSection returns a section's questions in order.
func (o Outline) InSection(sectionID int64) []Question {
	var out []Question
	for _, q := range o.Questions {
		if q.SectionID == sectionID {
			out = append(out, q)
		}
	}
	return out
}

// Outline loads a snapshot with its sections, questions and audience. The
// snapshot row is always read afresh (its state and close time change);
// the rest comes from memory once the snapshot has opened.
func (s *Store) Outline(ctx context.Context, id int64) (Outline, error) {
	snap, err := snapshot(ctx, s.db, id)
	if err != nil {
		return Outline{}, err
	}
	return s.OutlineOf(ctx, snap)
}

// OutlineOf is Outline for a snapshot row the caller has just read (with
// the invitation of a personal link, say), saving a query.
func (s *Store) OutlineOf(ctx context.Context, snap Snapshot) (Outline, error) {
	if !snap.Editable() {
		if v, ok := s.frozen.Load(snap.ID); ok {
			o := v.(Outline).clone()
			o.Snapshot = snap
			return o, nil
		}
	}
	o, err := outlineOf(ctx, s.db, snap)
	if err == nil && !snap.Editable() {
		s.frozen.Store(snap.ID, o.clone())
	}
	return o, err
}

// clone copies the outline's lists so a caller cannot change the cache.
func (o Outline) clone() Outline {
	o.Sections = append([]Section(nil), o.Sections...)
	o.Questions = append([]Question(nil), o.Questions...)
	o.TeamIDs = append([]int64(nil), o.TeamIDs...)
	return o
}

func outline(ctx context.Context, db *gorm.DB, id int64) (Outline, error) {
	snap, err := snapshot(ctx, db, id)
	if err != nil {
		return Outline{}, err
	}
	return outlineOf(ctx, db, snap)
}

func outlineOf(ctx context.Context, db *gorm.DB, snap Snapshot) (Outline, error) {
	id := snap.ID
	o := Outline{Snapshot: snap}
	db = db.WithContext(ctx)
	if err := db.Where("snapshot_id = ?", id).Order("position, id").Find(&o.Sections).Error; err != nil {
		return Outline{}, fmt.Errorf("survey: sections of %d: %w", id, err)
	}
	var qs []Question
	if err := db.Where("snapshot_id = ?", id).Order("position, id").Find(&qs).Error; err != nil {
		return Outline{}, fmt.Errorf("survey: questions of %d: %w", id, err)
	}
	// Questions in section order, then by position within the section.
	for _, sec := range o.Sections {
		for _, q := range qs {
			if q.SectionID == sec.ID {
				o.Questions = append(o.Questions, q)
			}
		}
	}
	var teams []SnapshotTeam
	if err := db.Where("snapshot_id = ?", id).Find(&teams).Error; err != nil {
		return Outline{}, fmt.Errorf("survey: audience of %d: %w", id, err)
	}
	for _, t := range teams {
		o.TeamIDs = append(o.TeamIDs, t.TeamID)
	}
	return o, nil
}

// editable loads a snapshot inside tx and fails with ErrFrozen when its
// questions can no longer change.
func editable(ctx context.Context, tx *gorm.DB, id int64) (Snapshot, error) {
	snap, err := snapshot(ctx, tx, id)
	if err != nil {
		return Snapshot{}, err
	}
	if !snap.Editable() {
		return Snapshot{}, ErrFrozen
	}
	return snap, nil
}

func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}
