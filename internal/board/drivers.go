package board

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
)

// ActionDrivers is the audit log action of choosing an item's drivers.
const ActionDrivers = "board.item.drivers"

// DriverRef is a driver of the survey's library as the board shows it: an
// item concerns it, the list filters by it, its key links to its place on
// the dashboards.
type DriverRef struct {
	ID   int64
	Key  string
	Name string
}

// Drivers lists the drivers items can concern (those not retired), in the
// library's order.
func (s *Store) Drivers(ctx context.Context) ([]DriverRef, error) {
	var out []DriverRef
	err := s.db.WithContext(ctx).Raw(`SELECT id, key, name FROM drivers WHERE retired_at IS NULL
		ORDER BY position, id`).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("board store: drivers: %w", err)
	}
	return out, nil
}

// DriversOf returns the drivers each of the items concerns, in the
// library's order.
func (s *Store) DriversOf(ctx context.Context, itemIDs []int64) (map[int64][]DriverRef, error) {
	out := map[int64][]DriverRef{}
	if len(itemIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ItemID int64
		DriverRef
	}
	err := s.db.WithContext(ctx).Raw(`SELECT x.item_id, d.id, d.key, d.name FROM board_item_drivers x
		JOIN drivers d ON d.id = x.driver_id WHERE x.item_id IN ? ORDER BY x.item_id, d.position, d.id`, itemIDs).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("board store: drivers of items: %w", err)
	}
	for _, r := range rows {
		out[r.ItemID] = append(out[r.ItemID], r.DriverRef)
	}
	return out, nil
}

// checkDrivers adds a field message when ids names a driver that does not
// exist or is retired.
func checkDrivers(tx *gorm.DB, ids []int64, f fields) error {
	ids = uniqueIDs(ids)
	if len(ids) == 0 {
		return nil
	}
	var known int64
	err := tx.Table("drivers").Where("id IN ? AND retired_at IS NULL", ids).Count(&known).Error
	if err != nil {
		return fmt.Errorf("board: check drivers: %w", err)
	}
	if known != int64(len(ids)) {
		f["drivers"] = input.M("board.invalid.drivers")
	}
	return nil
}

// saveDrivers replaces an item's drivers with ids.
func saveDrivers(tx *gorm.DB, itemID int64, ids []int64) error {
	if err := tx.Exec("DELETE FROM board_item_drivers WHERE item_id = ?", itemID).Error; err != nil {
		return fmt.Errorf("board: drivers of %d: %w", itemID, err)
	}
	for _, d := range uniqueIDs(ids) {
		err := tx.Exec("INSERT INTO board_item_drivers (item_id, driver_id) VALUES (?, ?)", itemID, d).Error
		if err != nil {
			return fmt.Errorf("board: drivers of %d: %w", itemID, err)
		}
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// SetDrivers chooses the drivers an open item concerns: its author, or
// the owners of its tool, may. It replaces the drivers chosen before.
func (s *Service) SetDrivers(ctx context.Context, by Actor, id int64, driverIDs []int64) error {
	return s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		it, err := lockItem(tx, id)
		if err != nil {
			return err
		}
		if !it.Open() {
			return ErrForbidden
		}
		mine := it.AuthorID == by.PersonID && by.PersonID != 0
		if !mine {
			if err := s.mayAnswer(tx, by, it); err != nil {
				return err
			}
		}
		f := fields{}
		if err := checkDrivers(tx, driverIDs, f); err != nil {
			return err
		}
		if err := f.err(); err != nil {
			return err
		}
		if err := saveDrivers(tx, id, driverIDs); err != nil {
			return err
		}
		name := by.Name
		if mine {
			name = by.auditName(it.Anonymous)
		}
		return log.Record(ctx, tx, name, ActionDrivers, itemTarget(id), fmt.Sprint(uniqueIDs(driverIDs)))
	})
}
