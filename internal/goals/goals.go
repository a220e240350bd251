// Package goals keeps the goals teams set after a snapshot: up to three
// drivers each, with a target for the next snapshot and why. The numbers
// that judge them come from internal/results; the rule from
// internal/insight (GoalVerdict).
package goals

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/insight"
)

// MaxPerTeam is how many goals a team sets for one snapshot.
const MaxPerTeam = 3

// MaxReason bounds the line on why.
const MaxReason = 500

// ErrNotFound: no such goal for the team.
var ErrNotFound = errors.New("goals: not found")

// FieldErrors says what is wrong with a goal, by form field; pages write
// each message in the reader's language, the error text is English.
type FieldErrors map[string]input.Message

func (e FieldErrors) Error() string {
	var parts []string
	for f, m := range e {
		parts = append(parts, f+": "+m.String())
	}
	sort.Strings(parts)
	return "goals: " + strings.Join(parts, "; ")
}

// Goal is one team's goal on one driver, set after BaselineID.
type Goal struct {
	ID         int64
	TeamID     int64
	BaselineID int64 `gorm:"column:baseline_snapshot_id"`
	DriverKey  string
	Kind       string
	Target     int
	Reason     string
	CreatedBy  string
	CreatedAt  time.Time
}

// TableName is the goals' table.
func (Goal) TableName() string { return "team_goals" }

// Describe is the target in words: "reach 70" or "improve by 10 points".
func (g Goal) Describe() string {
	if g.Kind == insight.GoalPoints {
		return fmt.Sprintf("improve by %d points", g.Target)
	}
	return fmt.Sprintf("reach %d", g.Target)
}

// Service sets, removes and lists goals, recording changes in the audit log.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	now   func() time.Time
}

// New returns the goals service over db.
func New(db *gorm.DB, log *audit.Log) *Service {
	return &Service{db: db, audit: log, now: time.Now}
}

// WithClock returns the service dating goals by now (the demo dates them
// from its snapshots, so it builds the same on any day).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// NewGoal is a goal as a lead enters it.
type NewGoal struct {
	TeamID     int64
	TeamPath   string
	BaselineID int64
	DriverKey  string
	Kind       string
	Target     string
	Reason     string
}

// Set adds a goal. drivers names the drivers the baseline snapshot
// measured, by key; a driver outside it, a fourth goal, a second goal on
// the same driver or a bad target are FieldErrors.
func (s *Service) Set(ctx context.Context, in NewGoal, drivers map[string]string, actor string) (Goal, error) {
	g, errs := validate(in, drivers)
	if len(errs) > 0 {
		return Goal{}, errs
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var existing []Goal
		if err := tx.Where("team_id = ? AND baseline_snapshot_id = ?", g.TeamID, g.BaselineID).Find(&existing).Error; err != nil {
			return fmt.Errorf("goals: list: %w", err)
		}
		for _, e := range existing {
			if e.DriverKey == g.DriverKey {
				return FieldErrors{"driver": input.M("teams.goals.error.duplicate", "Driver", drivers[g.DriverKey])}
			}
		}
		if len(existing) >= MaxPerTeam {
			return FieldErrors{"driver": input.M("teams.goals.error.too_many", "Max", MaxPerTeam)}
		}
		g.CreatedBy, g.CreatedAt = actor, s.now()
		if err := tx.Create(&g).Error; err != nil {
			return fmt.Errorf("goals: create: %w", err)
		}
		return s.audit.Record(ctx, tx, actor, "goal.set", target(in.TeamPath, g),
			fmt.Sprintf("%s: %s (%s)", drivers[g.DriverKey], g.Describe(), g.Reason))
	})
	return g, err
}

// Delete removes one of a team's goals set after baseline, the latest
// snapshot: goals already judged stay as they were.
func (s *Service) Delete(ctx context.Context, teamID int64, teamPath string, baseline, id int64, actor string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var g Goal
		err := tx.Where("id = ? AND team_id = ? AND baseline_snapshot_id = ?", id, teamID, baseline).First(&g).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("goals: find %d: %w", id, err)
		}
		if err := tx.Delete(&g).Error; err != nil {
			return fmt.Errorf("goals: delete %d: %w", id, err)
		}
		return s.audit.Record(ctx, tx, actor, "goal.delete", target(teamPath, g), g.DriverKey+": "+g.Describe())
	})
}

// ForTeam lists a team's goals set after any of the baseline snapshots,
// oldest first.
func (s *Service) ForTeam(ctx context.Context, teamID int64, baselines ...int64) ([]Goal, error) {
	var out []Goal
	if len(baselines) == 0 {
		return nil, nil
	}
	err := s.db.WithContext(ctx).Where("team_id = ? AND baseline_snapshot_id IN ?", teamID, baselines).
		Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("goals: team %d: %w", teamID, err)
	}
	return out, nil
}

func target(teamPath string, g Goal) string {
	return fmt.Sprintf("team %s, goal after snapshot %d", teamPath, g.BaselineID)
}

// ForSnapshots lists every team's goals set after any of the snapshots.
func (s *Service) ForSnapshots(ctx context.Context, baselines ...int64) ([]Goal, error) {
	var out []Goal
	if len(baselines) == 0 {
		return nil, nil
	}
	err := s.db.WithContext(ctx).Where("baseline_snapshot_id IN ?", baselines).Order("team_id, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("goals: snapshots %v: %w", baselines, err)
	}
	return out, nil
}
