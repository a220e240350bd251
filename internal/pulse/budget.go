package pulse

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// allowed applies the contact budget to one more ask for the person now:
// their own frequency, the least days between asks, the most asks per
// quarter, and no asks near the close of an unanswered quarterly survey.
// Every query reads the person's own rows by index.
func (s *Service) allowed(ctx context.Context, tx *gorm.DB, personID int64, f Frequency) (bool, error) {
	if f == FreqNever {
		return false, nil
	}
	now := s.now()
	gap := max(time.Duration(s.budget.MinDays)*24*time.Hour, gapOf(f))
	db := tx.WithContext(ctx)
	var recent int64
	err := db.Model(&Ask{}).Where("person_id = ? AND created_at > ? AND state <> ?", personID, now.Add(-gap), StateCancelled).Count(&recent).Error
	if err != nil {
		return false, fmt.Errorf("pulse: recent asks of %d: %w", personID, err)
	}
	if recent > 0 {
		return false, nil
	}
	var quarter int64
	err = db.Model(&Ask{}).Where("person_id = ? AND created_at >= ? AND state <> ?", personID, QuarterStart(now), StateCancelled).Count(&quarter).Error
	if err != nil {
		return false, fmt.Errorf("pulse: asks this quarter of %d: %w", personID, err)
	}
	if quarter >= int64(s.budget.MaxPerQuarter) {
		return false, nil
	}
	return s.notQuiet(ctx, tx, personID, now)
}

// notQuiet reports whether the person has no unanswered invitation to an
// open snapshot that closes within the quiet days.
func (s *Service) notQuiet(ctx context.Context, tx *gorm.DB, personID int64, now time.Time) (bool, error) {
	if s.budget.QuietDays == 0 {
		return true, nil
	}
	var n int64
	err := tx.WithContext(ctx).Table("invitations i").Joins("JOIN snapshots s ON s.id = i.snapshot_id").
		Where("i.person_id = ? AND NOT i.submitted AND s.state = ? AND s.closes_at > ? AND s.closes_at <= ?",
			personID, "open", now, now.Add(time.Duration(s.budget.QuietDays)*24*time.Hour)).
		Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("pulse: invitations of %d: %w", personID, err)
	}
	return n == 0, nil
}

// QuarterStart is the first instant of t's calendar quarter in UTC.
func QuarterStart(t time.Time) time.Time {
	t = t.UTC()
	m := time.Month((int(t.Month())-1)/3*3 + 1)
	return time.Date(t.Year(), m, 1, 0, 0, 0, 0, time.UTC)
}
