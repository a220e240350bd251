package benchmark

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
)

// ActionDelete is the audit log action of a deleted benchmark set.
const ActionDelete = "benchmark.delete"

// Store reads and writes benchmark sets.
type Store struct {
	db *gorm.DB
}

// NewStore returns a Store on db.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

// Set summarises one benchmark set: a source and a year.
type Set struct {
	Source string
	Year   int
	// Rows counts its rows, Drivers the distinct drivers they cover.
	Rows    int
	Drivers int
	// Segments are its segment labels, SegmentAll first, then alphabetical.
	Segments []string
	// ImportedAt is when the set was last imported.
	ImportedAt time.Time
	Synthetic  bool
}

// DriverKeys returns the keys of the driver library, retired drivers
// included: a benchmark for a retired driver still compares old snapshots.
func (s *Store) DriverKeys(ctx context.Context) ([]string, error) {
	var keys []string
	if err := s.db.WithContext(ctx).Table("drivers").Order("key").Pluck("key", &keys).Error; err != nil {
		return nil, fmt.Errorf("benchmark store: driver keys: %w", err)
	}
	return keys, nil
}

// Parse reads a benchmark file (see Parse) against the driver library.
// The error is for a failure to read the library; the line errors are the
// file's problems.
func (s *Store) Parse(ctx context.Context, r io.Reader) (File, []input.LineError, error) {
	keys, err := s.DriverKeys(ctx)
	if err != nil {
		return File{}, nil, err
	}
	f, errs := Parse(r, keys)
	return f, errs, nil
}

// Sets lists the stored sets, newest year first, then by source.
func (s *Store) Sets(ctx context.Context) ([]Set, error) {
	var rows []Percentiles
	err := s.db.WithContext(ctx).Select("driver_key", "segment", "source", "year", "created_at").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("benchmark store: sets: %w", err)
	}
	sets := summarise(rows)
	slices.SortFunc(sets, func(a, b Set) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), strings.Compare(a.Source, b.Source))
	})
	return sets, nil
}

// summarise groups rows into sets in the order each set first appears.
func summarise(rows []Percentiles) []Set {
	type acc struct {
		set      *Set
		drivers  map[string]bool
		segments map[string]bool
	}
	var order []*acc
	byKey := map[string]*acc{}
	for _, r := range rows {
		k := fmt.Sprintf("%s\x00%d", r.Source, r.Year)
		a := byKey[k]
		if a == nil {
			a = &acc{set: &Set{Source: r.Source, Year: r.Year, Synthetic: IsSynthetic(r.Source)}, drivers: map[string]bool{}, segments: map[string]bool{}}
			byKey[k] = a
			order = append(order, a)
		}
		a.set.Rows++
		a.drivers[r.DriverKey] = true
		a.segments[r.Segment] = true
		if r.CreatedAt.After(a.set.ImportedAt) {
			a.set.ImportedAt = r.CreatedAt
		}
	}
	out := make([]Set, len(order))
	for i, a := range order {
		a.set.Drivers = len(a.drivers)
		for seg := range a.segments {
			a.set.Segments = append(a.set.Segments, seg)
		}
		slices.SortFunc(a.set.Segments, compareSegments)
		out[i] = *a.set
	}
	return out
}

// compareSegments orders SegmentAll first, then labels alphabetically.
func compareSegments(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == SegmentAll:
		return -1
	case b == SegmentAll:
		return 1
	}
	return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
}

// DeleteSet removes the set of source and year and records it in the
// audit log under actor. It returns how many rows it removed, or
// ErrNotFound when there is no such set.
func (s *Store) DeleteSet(ctx context.Context, source string, year int, actor string) (int, error) {
	var n int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("source = ? AND year = ?", source, year).Delete(&Percentiles{})
		if res.Error != nil {
			return fmt.Errorf("benchmark store: delete %s %d: %w", source, year, res.Error)
		}
		if n = res.RowsAffected; n == 0 {
			return ErrNotFound
		}
		return audit.New(tx).Record(ctx, tx, actor, ActionDelete, "benchmarks", fmt.Sprintf("%s %d: %s", source, year, plural(int(n), "row")))
	})
	return int(n), err
}

// For returns, for each of driverKeys that has one, the benchmark row of
// segment (SegmentAll for "" or "All"; other labels match in any letter
// case, with no fallback to SegmentAll). A real source is preferred to a
// synthetic one whatever their years; among those, the most recent year;
// within a year, the source first in alphabetical order.
func (s *Store) For(ctx context.Context, driverKeys []string, segment string) (map[string]Percentiles, error) {
	if len(driverKeys) == 0 {
		return map[string]Percentiles{}, nil
	}
	var rows []Percentiles
	err := s.db.WithContext(ctx).Where("driver_key IN ? AND LOWER(segment) = LOWER(?)", driverKeys, NormalizeSegment(segment)).
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("benchmark store: for %q: %w", segment, err)
	}
	return best(rows), nil
}

// best picks each driver's preferred row (see For).
func best(rows []Percentiles) map[string]Percentiles {
	out := map[string]Percentiles{}
	for _, r := range rows {
		if b, ok := out[r.DriverKey]; !ok || better(r, b) {
			out[r.DriverKey] = r
		}
	}
	return out
}

// better reports whether a is preferred to b for the same driver.
func better(a, b Percentiles) bool {
	if a.Synthetic() != b.Synthetic() {
		return !a.Synthetic()
	}
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	return a.Source < b.Source
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
