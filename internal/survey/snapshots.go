package survey

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/input"
)

// How a new snapshot starts.
const (
	StartBlank    = "blank"
	StartTemplate = "template"
	StartCopy     = "copy"
)

// NewSnapshot is what the "new snapshot" form asks.
type NewSnapshot struct {
	Title    string
	Start    string
	CopyFrom int64
	TimeZone string
}

// CreateSnapshot starts a draft: blank, from the default template, or as a
// copy of an earlier snapshot (without retired drivers).
func (s *Store) CreateSnapshot(ctx context.Context, n NewSnapshot, actor string) (Snapshot, error) {
	errs := Problems{}
	n.Title = strings.TrimSpace(n.Title)
	if n.Title == "" {
		errs["title"] = input.M("admin.invalid.title_empty")
	} else if msg := checkTitle(n.Title, "title"); msg.ID != "" {
		errs["title"] = msg
	}
	if n.TimeZone == "" {
		n.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(n.TimeZone); err != nil {
		errs["time_zone"] = input.M("admin.invalid.time_zone")
	}
	switch n.Start {
	case StartBlank, StartTemplate:
	case StartCopy:
		if n.CopyFrom == 0 {
			errs["copy_from"] = input.M("admin.invalid.copy_from")
		}
	default:
		errs["start"] = input.M("admin.invalid.start")
	}
	if err := errs.Err(); err != nil {
		return Snapshot{}, err
	}
	now := s.now()
	snap := Snapshot{Title: n.Title, State: Draft, TimeZone: n.TimeZone, AudienceAll: true, ReminderDays: "3,1", CreatedBy: actor, CreatedAt: now, UpdatedAt: now}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if n.Start == StartCopy {
			// Check the source first: the reference to it must hold.
			if _, err := snapshot(ctx, tx, n.CopyFrom); errors.Is(err, ErrNotFound) {
				return Problems{"copy_from": input.M("admin.invalid.copy_missing")}
			} else if err != nil {
				return err
			}
			snap.CopiedFromID = &n.CopyFrom
		}
		if err := tx.Create(&snap).Error; err != nil {
			return fmt.Errorf("survey: create snapshot: %w", err)
		}
		var err error
		switch n.Start {
		case StartTemplate:
			err = s.fillFromTemplate(ctx, tx, snap.ID)
		case StartCopy:
			err = s.copyQuestions(ctx, tx, n.CopyFrom, snap.ID)
		}
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, "snapshot.create", snapshotTarget(snap), n.Start)
	})
	return snap, err
}

func snapshotTarget(s Snapshot) string { return fmt.Sprintf("snapshot %d (%s)", s.ID, s.Title) }

// copyQuestions copies sections and questions; questions of retired
// drivers are left out, since those are not offered for new snapshots.
func (s *Store) copyQuestions(ctx context.Context, tx *gorm.DB, from, to int64) error {
	src, err := outline(ctx, tx, from)
	if err != nil {
		if err == ErrNotFound {
			return Problems{"copy_from": input.M("admin.invalid.copy_missing")}
		}
		return err
	}
	var retired []int64
	if err := tx.Model(&Driver{}).Where("retired_at IS NOT NULL").Pluck("id", &retired).Error; err != nil {
		return err
	}
	isRetired := map[int64]bool{}
	for _, id := range retired {
		isRetired[id] = true
	}
	now := s.now()
	for _, sec := range src.Sections {
		newSec := Section{SnapshotID: to, Title: sec.Title, Position: sec.Position}
		if err := tx.Create(&newSec).Error; err != nil {
			return err
		}
		if err := copyTranslations(tx, TrSection, sec.ID, newSec.ID); err != nil {
			return err
		}
		for _, q := range src.InSection(sec.ID) {
			if q.DriverID != nil && isRetired[*q.DriverID] {
				continue
			}
			from := q.ID
			q.ID, q.SnapshotID, q.SectionID, q.CreatedAt, q.UpdatedAt = 0, to, newSec.ID, now, now
			if err := tx.Create(&q).Error; err != nil {
				return err
			}
			if err := copyTranslations(tx, TrQuestion, from, q.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// Settings are a snapshot's title, schedule and audience. Times are wall
// clock times in the snapshot's time zone.
type Settings struct {
	Title       string
	TimeZone    string
	OpensAt     *time.Time
	ClosesAt    *time.Time
	AudienceAll bool
	TeamIDs     []int64
	// ReminderDays: days before the close that reminders go out, "3,1".
	ReminderDays string
}

// UpdateSettings changes title, schedule and audience while the snapshot is
// a draft or scheduled. A scheduled snapshot is checked again and its
// opening job moved to the new time.
func (s *Store) UpdateSettings(ctx context.Context, id int64, st Settings, actor string) error {
	errs := Problems{}
	st.Title = strings.TrimSpace(st.Title)
	if st.Title == "" {
		errs["title"] = input.M("admin.invalid.title_empty")
	} else if msg := checkTitle(st.Title, "title"); msg.ID != "" {
		errs["title"] = msg
	}
	if _, err := time.LoadLocation(st.TimeZone); err != nil || st.TimeZone == "" {
		errs["time_zone"] = input.M("admin.invalid.time_zone")
	}
	if st.OpensAt != nil && st.ClosesAt != nil && !st.ClosesAt.After(*st.OpensAt) {
		errs["closes_at"] = input.M("admin.invalid.closes_before_opens")
	}
	if days, err := ParseReminderDays(st.ReminderDays); err != nil {
		errs["reminder_days"] = input.M("admin.invalid.reminder_days", "Reason", err.Error())
	} else {
		st.ReminderDays = joinDays(days)
	}
	if !st.AudienceAll && len(st.TeamIDs) == 0 {
		errs["teams"] = input.M("admin.invalid.teams")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		snap, err := editable(ctx, tx, id)
		if err != nil {
			return err
		}
		snap.Title, snap.TimeZone, snap.AudienceAll, snap.ReminderDays = st.Title, st.TimeZone, st.AudienceAll, st.ReminderDays
		snap.OpensAt, snap.ClosesAt, snap.UpdatedAt = utc(st.OpensAt), utc(st.ClosesAt), s.now()
		if err := tx.Select("title", "time_zone", "opens_at", "closes_at", "audience_all", "reminder_days", "updated_at").Updates(&snap).Error; err != nil {
			return fmt.Errorf("survey: settings of %d: %w", id, err)
		}
		if err := tx.Where("snapshot_id = ?", id).Delete(&SnapshotTeam{}).Error; err != nil {
			return err
		}
		if !st.AudienceAll {
			for _, t := range st.TeamIDs {
				if err := tx.Create(&SnapshotTeam{SnapshotID: id, TeamID: t}).Error; err != nil {
					return err
				}
			}
		}
		if snap.State == Scheduled {
			if err := s.checkSchedulable(ctx, tx, snap); err != nil {
				return err
			}
			if err := s.enqueueOpen(ctx, tx, snap); err != nil {
				return err
			}
		}
		return s.audit.Record(ctx, tx, actor, "snapshot.settings", snapshotTarget(snap), "")
	})
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// joinDays writes a reminder schedule the way it is stored: "3,1".
func joinDays(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, ",")
}
