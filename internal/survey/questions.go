package survey

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/input"
)

// AddSection appends a section to an editable snapshot.
func (s *Store) AddSection(ctx context.Context, snapID int64, title, actor string) (Section, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return Section{}, Problems{"section_title": input.M("admin.invalid.section_title_empty")}
	}
	if msg := checkTitle(title, "section_title"); msg.ID != "" {
		return Section{}, Problems{"section_title": msg}
	}
	var sec Section
	err := s.tx(ctx, func(tx *gorm.DB) error {
		snap, err := editable(ctx, tx, snapID)
		if err != nil {
			return err
		}
		var max struct{ Max int }
		if err := tx.Model(&Section{}).Where("snapshot_id = ?", snapID).Select("COALESCE(MAX(position), 0) AS max").Scan(&max).Error; err != nil {
			return err
		}
		sec = Section{SnapshotID: snapID, Title: title, Position: max.Max + 1}
		if err := tx.Create(&sec).Error; err != nil {
			return fmt.Errorf("survey: add section: %w", err)
		}
		return s.audit.Record(ctx, tx, actor, "snapshot.section.add", snapshotTarget(snap), title)
	})
	return sec, err
}

// RenameSection changes a section's title.
func (s *Store) RenameSection(ctx context.Context, sectionID int64, title, actor string) error {
	title = strings.TrimSpace(title)
	if title == "" {
		return Problems{"section_title": input.M("admin.invalid.section_title_empty")}
	}
	if msg := checkTitle(title, "section_title"); msg.ID != "" {
		return Problems{"section_title": msg}
	}
	return s.withSection(ctx, sectionID, func(tx *gorm.DB, snap Snapshot, sec Section) error {
		if err := tx.Model(&sec).Update("title", title).Error; err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, "snapshot.section.rename", snapshotTarget(snap), title)
	})
}

// DeleteSection removes a section and its questions.
func (s *Store) DeleteSection(ctx context.Context, sectionID int64, actor string) error {
	return s.withSection(ctx, sectionID, func(tx *gorm.DB, snap Snapshot, sec Section) error {
		if err := tx.Where("section_id = ?", sec.ID).Delete(&Question{}).Error; err != nil {
			return err
		}
		if err := tx.Delete(&sec).Error; err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, "snapshot.section.delete", snapshotTarget(snap), sec.Title)
	})
}

// MoveSection moves a section one place up (delta -1) or down (+1).
func (s *Store) MoveSection(ctx context.Context, sectionID int64, delta int) error {
	return s.withSection(ctx, sectionID, func(tx *gorm.DB, snap Snapshot, sec Section) error {
		var all []Section
		if err := tx.Where("snapshot_id = ?", snap.ID).Order("position, id").Find(&all).Error; err != nil {
			return err
		}
		return swap(tx, &Section{}, ids(all, func(x Section) int64 { return x.ID }), sec.ID, delta)
	})
}

func (s *Store) withSection(ctx context.Context, sectionID int64, fn func(tx *gorm.DB, snap Snapshot, sec Section) error) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var sec Section
		if err := tx.First(&sec, sectionID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		snap, err := editable(ctx, tx, sec.SnapshotID)
		if err != nil {
			return err
		}
		return fn(tx, snap, sec)
	})
}

// Question returns one question.
func (s *Store) Question(ctx context.Context, id int64) (Question, error) {
	var q Question
	err := s.db.WithContext(ctx).First(&q, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Question{}, ErrNotFound
	}
	if err != nil {
		return Question{}, fmt.Errorf("survey: question %d: %w", id, err)
	}
	return q, nil
}

// SaveQuestion adds a question (ID 0) at the end of its section, or updates
// one, after checking its definition. A driver rating takes the driver's
// key, and its current statement when no prompt is given.
func (s *Store) SaveQuestion(ctx context.Context, q *Question, actor string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		snap, err := editable(ctx, tx, q.SnapshotID)
		if err != nil {
			return err
		}
		var sec Section
		if err := tx.Where("id = ? AND snapshot_id = ?", q.SectionID, q.SnapshotID).First(&sec).Error; err != nil {
			return Problems{"section": input.M("admin.invalid.section")}
		}
		var stored *Question
		if q.ID != 0 {
			// An update must name a question of this snapshot: the freeze
			// check above is on q.SnapshotID, which comes from the caller.
			var old Question
			if err := tx.Where("id = ? AND snapshot_id = ?", q.ID, q.SnapshotID).First(&old).Error; err != nil {
				if errors.Is(err, gorm.ErrRecordNotFound) {
					return ErrNotFound
				}
				return err
			}
			stored = &old
			if old.Kind == KindRating && old.DriverID != nil && q.Kind != KindRating {
				q.Key = "" // the driver's key belongs to its rating only
			}
		}
		if err := s.fillDriver(tx, q); err != nil {
			return err
		}
		errs := q.Validate()
		if msg := ratedTwice(tx, q); msg.ID != "" && errs["driver"].ID == "" {
			errs["driver"] = msg
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := s.now()
		q.UpdatedAt = now
		action := "snapshot.question.update"
		if stored != nil {
			q.CreatedAt, q.Position = stored.CreatedAt, stored.Position
		}
		if stored == nil || stored.SectionID != q.SectionID {
			var max struct{ Max int }
			if err := tx.Model(&Question{}).Where("section_id = ?", q.SectionID).Select("COALESCE(MAX(position), 0) AS max").Scan(&max).Error; err != nil {
				return err
			}
			q.Position = max.Max + 1
		}
		if stored == nil {
			action = "snapshot.question.add"
			q.CreatedAt = now
		}
		if err := tx.Save(q).Error; err != nil {
			return fmt.Errorf("survey: save question: %w", err)
		}
		return s.audit.Record(ctx, tx, actor, action, snapshotTarget(snap), fmt.Sprintf("%s: %s", q.Kind, q.Prompt))
	})
}

func (s *Store) fillDriver(tx *gorm.DB, q *Question) error {
	if q.DriverID == nil {
		if q.Kind == KindRating && q.Key != KeyOverall {
			q.Key = ""
		}
		return nil
	}
	if !q.Uses(SettingDriver) {
		q.DriverID = nil
		return nil
	}
	var d Driver
	if err := tx.First(&d, *q.DriverID).Error; err != nil {
		return Problems{"driver": input.M("admin.invalid.driver")}
	}
	if d.Retired() && q.ID == 0 {
		return Problems{"driver": input.M("admin.invalid.driver_retired")}
	}
	if q.Kind == KindRating {
		q.Key = d.Key
		if strings.TrimSpace(q.Prompt) == "" {
			q.Prompt = d.Statement
		}
	}
	return nil
}

// ratedTwice reports when q would rate a driver the snapshot already rates:
// results are keyed by driver, so each driver is rated once per snapshot.
func ratedTwice(tx *gorm.DB, q *Question) input.Message {
	if q.Kind != KindRating || q.DriverID == nil {
		return input.Message{}
	}
	var n int64
	err := tx.Model(&Question{}).Where("snapshot_id = ? AND kind = ? AND driver_id = ? AND id <> ?",
		q.SnapshotID, KindRating, *q.DriverID, q.ID).Count(&n).Error
	if err == nil && n > 0 {
		return input.M("admin.invalid.rated_twice")
	}
	return input.Message{}
}

// DeleteQuestion removes a question from an editable snapshot.
func (s *Store) DeleteQuestion(ctx context.Context, id int64, actor string) error {
	return s.withQuestion(ctx, id, func(tx *gorm.DB, snap Snapshot, q Question) error {
		if err := tx.Delete(&q).Error; err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, "snapshot.question.delete", snapshotTarget(snap), q.Prompt)
	})
}

// MoveQuestion moves a question one place up (-1) or down (+1) in its section.
func (s *Store) MoveQuestion(ctx context.Context, id int64, delta int) error {
	return s.withQuestion(ctx, id, func(tx *gorm.DB, snap Snapshot, q Question) error {
		var all []Question
		if err := tx.Where("section_id = ?", q.SectionID).Order("position, id").Find(&all).Error; err != nil {
			return err
		}
		return swap(tx, &Question{}, ids(all, func(x Question) int64 { return x.ID }), q.ID, delta)
	})
}

func (s *Store) withQuestion(ctx context.Context, id int64, fn func(tx *gorm.DB, snap Snapshot, q Question) error) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var q Question
		if err := tx.First(&q, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		snap, err := editable(ctx, tx, q.SnapshotID)
		if err != nil {
			return err
		}
		return fn(tx, snap, q)
	})
}

func ids[T any](xs []T, id func(T) int64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

// swap moves id by delta places in order and renumbers positions 1..n.
func swap(tx *gorm.DB, model any, order []int64, id int64, delta int) error {
	i := -1
	for k, x := range order {
		if x == id {
			i = k
		}
	}
	j := i + delta
	if i < 0 || j < 0 || j >= len(order) {
		return nil // already first or last
	}
	order[i], order[j] = order[j], order[i]
	for k, x := range order {
		if err := tx.Model(model).Where("id = ?", x).Update("position", k+1).Error; err != nil {
			return err
		}
	}
	return nil
}
