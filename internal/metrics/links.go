package metrics

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/input"
)

// Directions a linked metric can improve in.
const (
	Lower  = "lower"
	Higher = "higher"
)

// MaxLinks is the most metrics one driver may be linked to.
const MaxLinks = 3

// Audit actions of links.
const (
	ActionLink   = "metrics.link"
	ActionUnlink = "metrics.unlink"
)

// DaysTo10thPR is the onboarding metric the onboarding driver links to by
// default: days from a newcomer's start to their 10th merged PR.
const DaysTo10thPR = "days_to_10th_pr"

// Link ties a metric to a driver, with the direction that is good.
type Link struct {
	ID         int64
	DriverID   int64
	MetricName string
	Direction  string
	CreatedAt  time.Time
	// DriverKey and DriverName are read with the link, never stored.
	DriverKey  string `gorm:"->;-:migration"`
	DriverName string `gorm:"->;-:migration"`
}

// TableName names the table.
func (Link) TableName() string { return "metric_links" }

// Better reports whether moving from a to b is an improvement.
func (l Link) Better(a, b float64) bool {
	if l.Direction == Higher {
		return b > a
	}
	return b < a
}

// LinkError lists what is wrong with a new link, by form field.
type LinkError map[string]input.Message

func (e LinkError) Error() string { return "metrics: invalid link" }

// FieldMessages lets the web layer show each message beside its field.
func (e LinkError) FieldMessages() map[string]string {
	out := make(map[string]string, len(e))
	for k, m := range e {
		out[k] = m.String()
	}
	return out
}

// Links returns every link with its driver, in driver order.
func (s *Store) Links(ctx context.Context) ([]Link, error) {
	var out []Link
	err := s.db.WithContext(ctx).Table("metric_links l").
		Select("l.id, l.driver_id, l.metric_name, l.direction, l.created_at, d.key AS driver_key, d.name AS driver_name").
		Joins("JOIN drivers d ON d.id = l.driver_id").Where("d.retired_at IS NULL").
		Order("d.position, d.name, l.metric_name").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("metrics: links: %w", err)
	}
	return out, nil
}

// AddLink links metric name to a driver, in a transaction with its audit
// entry; a LinkError says what is wrong.
func (s *Store) AddLink(ctx context.Context, driverID int64, name, direction, actor string) (Link, error) {
	l := Link{DriverID: driverID, MetricName: strings.TrimSpace(name), Direction: direction, CreatedAt: s.now()}
	bad := LinkError{}
	if !nameRe.MatchString(l.MetricName) || len(l.MetricName) > maxName {
		bad["metric"] = msg("link.metric")
	}
	if direction != Lower && direction != Higher {
		bad["direction"] = msg("link.direction")
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var driver struct{ Name string }
		var n int64
		if err := tx.Table("drivers").Select("name").Where("id = ? AND retired_at IS NULL", driverID).Scan(&driver).Error; err != nil {
			return fmt.Errorf("metrics: driver %d: %w", driverID, err)
		}
		if driver.Name == "" {
			bad["driver"] = msg("link.driver")
		}
		if err := tx.Model(&Link{}).Where("driver_id = ?", driverID).Count(&n).Error; err != nil {
			return fmt.Errorf("metrics: count links: %w", err)
		}
		if n >= MaxLinks {
			bad["driver"] = msg("link.full", "Driver", driver.Name, "Max", MaxLinks)
		}
		if err := tx.Model(&Link{}).Where("driver_id = ? AND metric_name = ?", driverID, l.MetricName).Count(&n).Error; err != nil {
			return fmt.Errorf("metrics: find link: %w", err)
		}
		if n > 0 {
			bad["metric"] = msg("link.taken", "Metric", l.MetricName, "Driver", driver.Name)
		}
		if len(bad) > 0 {
			return bad
		}
		if err := tx.Create(&l).Error; err != nil {
			return fmt.Errorf("metrics: link: %w", err)
		}
		return s.audit.Record(ctx, tx, actor, ActionLink, "driver "+driver.Name, l.MetricName+", "+direction+" is better")
	})
	var le LinkError
	if errors.As(err, &le) {
		return Link{}, le
	}
	return l, err
}

// RemoveLink deletes a link with its audit entry.
func (s *Store) RemoveLink(ctx context.Context, id int64, actor string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var l Link
		if err := tx.First(&l, id).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		} else if err != nil {
			return fmt.Errorf("metrics: link %d: %w", id, err)
		}
		if err := tx.Delete(&Link{}, id).Error; err != nil {
			return fmt.Errorf("metrics: unlink %d: %w", id, err)
		}
		return s.audit.Record(ctx, tx, actor, ActionUnlink, fmt.Sprintf("driver %d", l.DriverID), l.MetricName)
	})
}

// Names lists every metric name stored for any team, for choosing links.
func (s *Store) Names(ctx context.Context) ([]string, error) {
	var out []string
	if err := s.db.WithContext(ctx).Model(&Value{}).Distinct("name").Order("name").Pluck("name", &out).Error; err != nil {
		return nil, fmt.Errorf("metrics: names: %w", err)
	}
	return out, nil
}
