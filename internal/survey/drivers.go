package survey

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/input"
)

var driverKeyRe = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// Drivers returns the library in order; retired drivers only when asked.
func (s *Store) Drivers(ctx context.Context, withRetired bool) ([]Driver, error) {
	q := s.db.WithContext(ctx).Order("position, name")
	if !withRetired {
		q = q.Where("retired_at IS NULL")
	}
	var ds []Driver
	if err := q.Find(&ds).Error; err != nil {
		return nil, fmt.Errorf("survey: drivers: %w", err)
	}
	return ds, nil
}

// Driver returns one driver.
func (s *Store) Driver(ctx context.Context, id int64) (Driver, error) {
	var d Driver
	err := s.db.WithContext(ctx).First(&d, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Driver{}, ErrNotFound
	}
	if err != nil {
		return Driver{}, fmt.Errorf("survey: driver %d: %w", id, err)
	}
	return d, nil
}

func (d *Driver) validate() Problems {
	errs := Problems{}
	d.Key = strings.TrimSpace(d.Key)
	d.Name = strings.TrimSpace(d.Name)
	d.Category = strings.TrimSpace(d.Category)
	d.Statement = strings.TrimSpace(d.Statement)
	if !driverKeyRe.MatchString(d.Key) {
		errs["key"] = input.M("admin.invalid.driver_key")
	}
	if d.Name == "" {
		errs["name"] = input.M("admin.invalid.driver_name")
	} else if msg := input.Problem(d.Name, MaxNameLength); msg.ID != "" {
		errs["name"] = msg
	}
	if d.Category == "" {
		errs["category"] = input.M("admin.invalid.driver_category")
	} else if msg := input.Problem(d.Category, MaxNameLength); msg.ID != "" {
		errs["category"] = msg
	}
	if d.Statement == "" {
		errs["statement"] = input.M("admin.invalid.driver_statement")
	} else if utf8.RuneCountInString(d.Statement) > MaxPromptLength {
		errs["statement"] = input.M("admin.invalid.driver_statement_long", "Max", MaxPromptLength)
	} else if msg := input.Problem(d.Statement, 0); msg.ID != "" {
		errs["statement"] = msg
	}
	return errs
}

// CreateDriver adds a driver to the library.
func (s *Store) CreateDriver(ctx context.Context, d *Driver, actor string) error {
	if err := d.validate().Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Driver{}).Where("key = ?", d.Key).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return Problems{"key": input.M("admin.invalid.driver_key_taken")}
		}
		var max struct{ Max int }
		tx.Model(&Driver{}).Select("COALESCE(MAX(position), 0) AS max").Scan(&max)
		now := s.now()
		d.Position, d.CreatedAt, d.UpdatedAt = max.Max+1, now, now
		if err := tx.Create(d).Error; err != nil {
			return fmt.Errorf("survey: create driver: %w", err)
		}
		return s.audit.Record(ctx, tx, actor, "driver.create", d.Key, d.Name)
	})
}

// UpdateDriver changes a driver's wording. Snapshots keep the wording
// they were asked with; the key never changes.
func (s *Store) UpdateDriver(ctx context.Context, id int64, name, category, statement, actor string) (Driver, error) {
	var d Driver
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&d, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		d.Name, d.Category, d.Statement = name, category, statement
		if err := d.validate().Err(); err != nil {
			return err
		}
		d.UpdatedAt = s.now()
		if err := tx.Select("name", "category", "statement", "updated_at").Updates(&d).Error; err != nil {
			return fmt.Errorf("survey: update driver %d: %w", id, err)
		}
		return s.audit.Record(ctx, tx, actor, "driver.update", d.Key, d.Statement)
	})
	return d, err
}

// SetDriverRetired retires a driver (not offered for new snapshots, history
// kept) or brings it back.
func (s *Store) SetDriverRetired(ctx context.Context, id int64, retired bool, actor string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var d Driver
		if err := tx.First(&d, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		action, value := "driver.restore", any(nil)
		if retired {
			action, value = "driver.retire", s.now()
		}
		if err := tx.Model(&d).Updates(map[string]any{"retired_at": value, "updated_at": s.now()}).Error; err != nil {
			return fmt.Errorf("survey: retire driver %d: %w", id, err)
		}
		return s.audit.Record(ctx, tx, actor, action, d.Key, "")
	})
}

// DriverNames returns the names of the drivers with the given keys, by
// key: what a survey page needs, and no more, on every request.
func (s *Store) DriverNames(ctx context.Context, keys []string) (map[string]string, error) {
	names := make(map[string]string, len(keys))
	if len(keys) == 0 {
		return names, nil
	}
	rows, err := s.db.WithContext(ctx).Raw("SELECT key, name FROM drivers WHERE key IN ?", keys).Rows()
	if err != nil {
		return nil, fmt.Errorf("survey: driver names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, name string
		if err := rows.Scan(&key, &name); err != nil {
			return nil, fmt.Errorf("survey: driver names: %w", err)
		}
		names[key] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey: driver names: %w", err)
	}
	return names, nil
}
