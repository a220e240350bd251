package metrics

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
)

// chunk values go into one INSERT: 7 parameters each stays below both
// databases' limits on bound parameters.
const chunk = 1000

// Store keeps weekly team metrics and their links to drivers. It owns
// the transactions and audit entries of every change.
type Store struct {
	db    *gorm.DB
	audit *audit.Log
	now   func() time.Time
	// k is the minimum group size the onboarding figure keeps to.
	k int
}

// New returns a metrics store on db that records changes in log.
func New(db *gorm.DB, log *audit.Log) *Store {
	return &Store{db: db, audit: log, now: func() time.Time { return time.Now().UTC() }, k: defaultK}
}

// defaultK is the minimum group size until SetMinGroupSize: the
// configuration's default, so an unset store hides rather than shows.
const defaultK = 5

// SetMinGroupSize sets k, the fewest newcomers a team's onboarding figure
// describes (DEVPULSE_MIN_GROUP_SIZE).
func (s *Store) SetMinGroupSize(k int) { s.k = max(k, 3) }

// SetClock replaces the clock, for tests and the demo.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Ingest checks a batch and stores it whole, or returns an *InvalidError
// with every problem and stores nothing. The same team, name and week as
// a stored value replaces it. actor and source go to the audit log.
func (s *Store) Ingest(ctx context.Context, ins []Input, source, actor string) (Plan, error) {
	if len(ins) > MaxBatch && source == SourceAPI {
		return Plan{}, &InvalidError{Problems: []Problem{{Field: "metrics", Message: fmt.Sprintf("has %d values: send at most %d in one request", len(ins), MaxBatch)}}}
	}
	vals, probs, err := s.Check(ctx, ins)
	if err != nil {
		return Plan{}, err
	}
	if len(probs) > 0 {
		return Plan{}, &InvalidError{Problems: probs}
	}
	return s.Save(ctx, vals, source, actor)
}

// Preview says what saving checked values would change, changing nothing.
func (s *Store) Preview(ctx context.Context, vals []Value) (Plan, error) {
	return plan(ctx, s.db.WithContext(ctx), vals)
}

// Save stores checked values in one transaction with one audit entry.
func (s *Store) Save(ctx context.Context, vals []Value, source, actor string) (Plan, error) {
	var p Plan
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if p, err = plan(ctx, tx, vals); err != nil {
			return err
		}
		if err := upsert(ctx, tx, vals, source, s.now()); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, ActionImport, "metrics", source+": "+p.Summary())
	})
	if err != nil {
		return Plan{}, err
	}
	return p, nil
}

// upsert writes values, replacing any stored for the same team, name and week.
func upsert(ctx context.Context, tx *gorm.DB, vals []Value, source string, now time.Time) error {
	for start := 0; start < len(vals); start += chunk {
		part := vals[start:min(start+chunk, len(vals))]
		var sb strings.Builder
		sb.WriteString("INSERT INTO team_metrics (team_id, name, iso_week, value, unit, source, updated_at) VALUES ")
		args := make([]any, 0, len(part)*7)
		for i, v := range part {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			args = append(args, v.TeamID, v.Name, v.ISOWeek, v.Value, v.Unit, source, now)
		}
		sb.WriteString(" ON CONFLICT (team_id, name, iso_week) DO UPDATE SET value = excluded.value, unit = excluded.unit," +
			" source = excluded.source, updated_at = excluded.updated_at")
		if err := tx.WithContext(ctx).Exec(sb.String(), args...).Error; err != nil {
			return fmt.Errorf("metrics: store values: %w", err)
		}
	}
	return nil
}

// plan counts what vals add and replace.
func plan(ctx context.Context, db *gorm.DB, vals []Value) (Plan, error) {
	p := Plan{Values: len(vals)}
	if len(vals) == 0 {
		return p, nil
	}
	teams, names := map[int64]bool{}, map[string]bool{}
	p.FirstWeek, p.LastWeek = vals[0].ISOWeek, vals[0].ISOWeek
	for _, v := range vals {
		teams[v.TeamID], names[v.Name] = true, true
		p.FirstWeek, p.LastWeek = min(p.FirstWeek, v.ISOWeek), max(p.LastWeek, v.ISOWeek)
	}
	p.Teams, p.Names = len(teams), len(names)
	var stored []struct {
		TeamID  int64
		Name    string
		ISOWeek string `gorm:"column:iso_week"`
	}
	err := db.WithContext(ctx).Model(&Value{}).Select("team_id, name, iso_week").
		Where("iso_week BETWEEN ? AND ? AND name IN ?", p.FirstWeek, p.LastWeek, keys(names)).Scan(&stored).Error
	if err != nil {
		return Plan{}, fmt.Errorf("metrics: plan: %w", err)
	}
	have := make(map[string]bool, len(stored))
	for _, r := range stored {
		have[fmt.Sprintf("%d\x00%s\x00%s", r.TeamID, r.Name, r.ISOWeek)] = true
	}
	for _, v := range vals {
		if have[fmt.Sprintf("%d\x00%s\x00%s", v.TeamID, v.Name, v.ISOWeek)] {
			p.Replaced++
		}
	}
	p.New = p.Values - p.Replaced
	return p, nil
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Series returns a team's values from week from to week to (both
// included), ordered by name and week.
func (s *Store) Series(ctx context.Context, teamID int64, from, to string) ([]Value, error) {
	var out []Value
	err := s.db.WithContext(ctx).Where("team_id = ? AND iso_week BETWEEN ? AND ?", teamID, from, to).
		Order("name, iso_week").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("metrics: series of team %d: %w", teamID, err)
	}
	return out, nil
}
