package pulse

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
)

// Save creates the programme with the definition's key, or replaces the
// one that has it (so a repository of definitions can be applied again).
// It reports whether the programme was created.
func (s *Service) Save(ctx context.Context, d Definition, actor string) (Programme, bool, error) {
	p, errs := d.check()
	db := s.db.WithContext(ctx)
	if d.OwnerTeam != "" {
		var team directory.Team
		err := db.Where("path = ?", directory.NormalizePath(d.OwnerTeam)).First(&team).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			errs = append(errs, problem("owner_team", "no_team", "Path", d.OwnerTeam))
		case err != nil:
			return Programme{}, false, fmt.Errorf("pulse: owner team: %w", err)
		}
		p.OwnerTeamID = team.ID
	}
	if p.DriverKey != "" {
		var n int64
		if err := db.Table("drivers").Where("key = ? AND retired_at IS NULL", p.DriverKey).Count(&n).Error; err != nil {
			return Programme{}, false, fmt.Errorf("pulse: driver: %w", err)
		}
		if n == 0 {
			errs = append(errs, problem("driver", "no_driver", "Key", p.DriverKey))
		}
	}
	if len(errs) > 0 {
		return Programme{}, false, &InvalidError{Errors: errs}
	}
	now := s.now()
	var existing Programme
	err := db.Where("key = ?", p.Key).First(&existing).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		p.CreatedBy, p.CreatedAt, p.UpdatedAt = actor, now, now
		if err := db.Create(&p).Error; err != nil {
			return Programme{}, false, fmt.Errorf("pulse: create programme: %w", err)
		}
		return p, true, nil
	}
	if err != nil {
		return Programme{}, false, fmt.Errorf("pulse: programme %q: %w", p.Key, err)
	}
	p.ID, p.CreatedBy, p.CreatedAt, p.UpdatedAt = existing.ID, existing.CreatedBy, existing.CreatedAt, now
	if err := db.Save(&p).Error; err != nil {
		return Programme{}, false, fmt.Errorf("pulse: update programme: %w", err)
	}
	return p, false, nil
}

// Programmes lists every programme by name.
func (s *Service) Programmes(ctx context.Context) ([]Programme, error) {
	var ps []Programme
	if err := s.db.WithContext(ctx).Order("name, id").Find(&ps).Error; err != nil {
		return nil, fmt.Errorf("pulse: programmes: %w", err)
	}
	return ps, nil
}

// Programme returns one programme.
func (s *Service) Programme(ctx context.Context, id int64) (Programme, error) {
	var p Programme
	err := s.db.WithContext(ctx).First(&p, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Programme{}, ErrNotFound
	}
	if err != nil {
		return Programme{}, fmt.Errorf("pulse: programme %d: %w", id, err)
	}
	return p, nil
}

// SetPaused pauses or resumes a programme. Asks already decided still go out.
func (s *Service) SetPaused(ctx context.Context, id int64, paused bool) error {
	res := s.db.WithContext(ctx).Model(&Programme{}).Where("id = ?", id).Updates(map[string]any{"paused": paused, "updated_at": s.now()})
	if res.Error != nil {
		return fmt.Errorf("pulse: pause %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
