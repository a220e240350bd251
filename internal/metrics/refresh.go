package metrics

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/events"
)

// FromEvents is the events store's hook: inside the transaction that
// stores new events, it recomputes the figures of each team and week the
// new events touch, reading only those teams' events of those weeks.
func (s *Store) FromEvents(ctx context.Context, tx *gorm.DB, stored []events.Event) error {
	teams, weeks := map[int64]bool{}, map[string]bool{}
	pairs := map[string]bool{}
	for _, e := range stored {
		if e.TeamID == nil || !slices.Contains(figureTypes, e.Type) {
			continue
		}
		teams[*e.TeamID], weeks[e.ISOWeek] = true, true
		pairs[fmt.Sprintf("%d %s", *e.TeamID, e.ISOWeek)] = true
	}
	if len(pairs) == 0 {
		return nil
	}
	var rows []eventRow
	err := tx.WithContext(ctx).Table("events").Select("team_id, iso_week, type, occurred_at, context").
		Where("type IN ? AND team_id IN ? AND iso_week IN ?", figureTypes, mapKeys(teams), keys(weeks)).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("metrics: events of %d team weeks: %w", len(pairs), err)
	}
	rows = slices.DeleteFunc(rows, func(r eventRow) bool { return !pairs[fmt.Sprintf("%d %s", r.TeamID, r.ISOWeek)] })
	vals, err := s.allFigures(ctx, tx, rows)
	if err != nil {
		return err
	}
	return upsert(ctx, tx, vals, SourceEvents, s.now())
}

// allFigures is the weekly figures of rows and the onboarding figure of
// each team and week with a merged PR among them.
func (s *Store) allFigures(ctx context.Context, db *gorm.DB, rows []eventRow) ([]Value, error) {
	weeks, seen := map[int64][]string{}, map[string]bool{}
	for _, r := range rows {
		k := fmt.Sprintf("%d %s", r.TeamID, r.ISOWeek)
		if r.Type == typePRMerged && !seen[k] {
			seen[k] = true
			weeks[r.TeamID] = append(weeks[r.TeamID], r.ISOWeek)
		}
	}
	onb, err := onboardingFigures(ctx, db, weeks, s.k)
	return append(figures(rows), onb...), err
}

// RecomputeFromEvents recomputes the figures of every team for each week
// from first to last from the stored events, one week at a time, and
// returns how many values it stored. The demo uses it; so can an operator
// after changing how a figure is defined.
func (s *Store) RecomputeFromEvents(ctx context.Context, first, last string) (int, error) {
	weeks, err := Weeks(first, last)
	if err != nil {
		return 0, fmt.Errorf("metrics: recompute: %w", err)
	}
	n := 0
	for _, w := range weeks {
		var rows []eventRow
		err := s.db.WithContext(ctx).Table("events").Select("team_id, iso_week, type, occurred_at, context").
			Where("type IN ? AND iso_week = ? AND team_id IS NOT NULL", figureTypes, w).Scan(&rows).Error
		if err != nil {
			return n, fmt.Errorf("metrics: events of %s: %w", w, err)
		}
		vals, err := s.allFigures(ctx, s.db, rows)
		if err != nil {
			return n, err
		}
		if err := upsert(ctx, s.db, vals, SourceEvents, s.now()); err != nil {
			return n, err
		}
		n += len(vals)
	}
	return n, nil
}

func mapKeys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
