package benchmark

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/database"
)

// ActionImport is the audit log action of an import.
const ActionImport = "benchmark.import"

// batchSize rows go into one INSERT, below both databases' parameter limits.
const batchSize = 500

// SetPlan is what an import does to one set the file names.
type SetPlan struct {
	Source string
	Year   int
	// Rows, Drivers and Segments describe the set as the file has it.
	Rows     int
	Drivers  int
	Segments []string
	// Replaced counts the rows of the set stored now, which the import
	// removes; 0 for a new set.
	Replaced int
}

// Plan is what an import changes: one entry per set in the file, in the
// order the file first names them.
type Plan struct {
	Sets []SetPlan
}

// Summary describes the plan in one line, for people and the audit log.
func (p Plan) Summary() string {
	parts := make([]string, len(p.Sets))
	for i, s := range p.Sets {
		what := "new"
		if s.Replaced > 0 {
			what = fmt.Sprintf("replacing %d", s.Replaced)
		}
		parts[i] = fmt.Sprintf("%s %d: %s, %s", s.Source, s.Year, plural(s.Rows, "row"), what)
	}
	return strings.Join(parts, "; ")
}

// Preview plans the import of f without changing anything.
func (s *Store) Preview(ctx context.Context, f File) (Plan, error) {
	return plan(ctx, s.db.WithContext(ctx), f)
}

// Import replaces the sets f names with f's rows, in one transaction: all
// of it or, on any error, nothing. It records the import in the audit log
// under actor and returns what it did.
func (s *Store) Import(ctx context.Context, f File, actor string) (Plan, error) {
	var p Plan
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if database.DialectOf(tx) == database.Postgres {
			// Two imports of the same set wait for each other instead of
			// meeting on the unique key. (SQLite locks when it writes.)
			if err := tx.Exec("LOCK TABLE benchmarks IN SHARE ROW EXCLUSIVE MODE").Error; err != nil {
				return fmt.Errorf("benchmark: lock: %w", err)
			}
		}
		var err error
		if p, err = plan(ctx, tx, f); err != nil {
			return err
		}
		for _, set := range p.Sets {
			if err := tx.Where("source = ? AND year = ?", set.Source, set.Year).Delete(&Percentiles{}).Error; err != nil {
				return fmt.Errorf("benchmark: replace %s %d: %w", set.Source, set.Year, err)
			}
		}
		now := time.Now().UTC()
		rows := make([]Percentiles, len(f.Rows))
		for i, r := range f.Rows {
			r.ID, r.CreatedAt = 0, now
			rows[i] = r
		}
		if err := tx.CreateInBatches(&rows, batchSize).Error; err != nil {
			return fmt.Errorf("benchmark: store rows: %w", err)
		}
		return audit.New(tx).Record(ctx, tx, actor, ActionImport, "benchmarks", p.Summary())
	})
	if err != nil {
		return Plan{}, err
	}
	return p, nil
}

// plan describes each set of f and counts the rows it would replace.
func plan(ctx context.Context, db *gorm.DB, f File) (Plan, error) {
	var p Plan
	for _, set := range summarise(f.Rows) {
		sp := SetPlan{Source: set.Source, Year: set.Year, Rows: set.Rows, Drivers: set.Drivers, Segments: set.Segments}
		var n int64
		err := db.WithContext(ctx).Model(&Percentiles{}).Where("source = ? AND year = ?", set.Source, set.Year).Count(&n).Error
		if err != nil {
			return Plan{}, fmt.Errorf("benchmark: count %s %d: %w", set.Source, set.Year, err)
		}
		sp.Replaced = int(n)
		p.Sets = append(p.Sets, sp)
	}
	return p, nil
}
