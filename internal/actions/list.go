package actions

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
)

// Filter narrows a list of actions; the zero value lists them all.
type Filter struct {
	// TeamID keeps one team's actions; OrgOnly the organisation's.
	TeamID  int64
	OrgOnly bool
	// Drivers keeps actions linked to any of these driver keys.
	Drivers []string
	Status  Status
}

// Get reads one action with its drivers, owner, team and updates.
func (s *Service) Get(ctx context.Context, id int64) (Action, error) {
	as, err := s.read(ctx, s.db.WithContext(ctx).Where("id = ?", id))
	if err != nil {
		return Action{}, err
	}
	if len(as) == 0 {
		return Action{}, ErrNotFound
	}
	return as[0], nil
}

// List reads the actions f keeps: the organisation's first, then by team,
// each group by target date.
func (s *Service) List(ctx context.Context, f Filter) ([]Action, error) {
	q := s.db.WithContext(ctx)
	switch {
	case f.OrgOnly:
		q = q.Where("team_id IS NULL")
	case f.TeamID != 0:
		q = q.Where("team_id = ?", f.TeamID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if len(f.Drivers) > 0 {
		q = q.Where("id IN (SELECT action_id FROM action_drivers WHERE driver_key IN ?)", f.Drivers)
	}
	return s.read(ctx, q)
}

// read loads the actions of q and what is read with them.
func (s *Service) read(ctx context.Context, q *gorm.DB) ([]Action, error) {
	var as []Action
	if err := q.Order("CASE WHEN team_id IS NULL THEN 0 ELSE 1 END, team_id, target_date, id").Find(&as).Error; err != nil {
		return nil, fmt.Errorf("actions: list: %w", err)
	}
	if len(as) == 0 {
		return nil, nil
	}
	ids, owners, teams := make([]int64, len(as)), make([]int64, len(as)), []int64{}
	for i, a := range as {
		ids[i], owners[i] = a.ID, a.OwnerID
		if a.TeamID != nil {
			teams = append(teams, *a.TeamID)
		}
	}
	db := s.db.WithContext(ctx)
	var links []actionDriver
	var updates []Update
	var people []directory.Person
	var ts []directory.Team
	for _, step := range []func() error{
		func() error { return db.Where("action_id IN ?", ids).Order("action_id, driver_key").Find(&links).Error },
		func() error { return db.Where("action_id IN ?", ids).Order("created_at, id").Find(&updates).Error },
		func() error { return db.Where("id IN ?", owners).Find(&people).Error },
		func() error { return db.Where("id IN ?", append(teams, 0)).Find(&ts).Error },
	} {
		if err := step(); err != nil {
			return nil, fmt.Errorf("actions: read: %w", err)
		}
	}
	for i := range as {
		a := &as[i]
		for _, l := range links {
			if l.ActionID == a.ID {
				a.Drivers = append(a.Drivers, l.DriverKey)
			}
		}
		for _, u := range updates {
			if u.ActionID == a.ID {
				a.Updates = append(a.Updates, u)
			}
		}
		if j := slices.IndexFunc(people, func(p directory.Person) bool { return p.ID == a.OwnerID }); j >= 0 {
			a.OwnerName = people[j].Name
		}
		if j := slices.IndexFunc(ts, func(t directory.Team) bool { return a.TeamID != nil && t.ID == *a.TeamID }); j >= 0 {
			a.TeamPath = ts[j].Path
		}
	}
	return as, nil
}

// Linked reports whether the action is linked to driver key.
func (a Action) Linked(key string) bool { return slices.Contains(a.Drivers, key) }
