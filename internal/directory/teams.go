package directory

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/input"
)

// CreateTeam adds the team at path, and any missing ancestors, and returns
// the teams it created, parents first. A path that exists already is a
// ValidationError on the path field.
func (s *Store) CreateTeam(ctx context.Context, path string) ([]Team, error) {
	path = NormalizePath(path)
	if path == "" {
		return nil, invalidField("path", input.M("directory.invalid.path_empty"))
	}
	if msg := CheckPath(path); msg.ID != "" {
		return nil, invalidField("path", msg)
	}
	var created []Team
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var existing []string
		if err := tx.Model(&Team{}).Where("path IN ?", ancestorPaths(path)).Pluck("path", &existing).Error; err != nil {
			return fmt.Errorf("directory: create team: %w", err)
		}
		known := map[string]bool{}
		for _, p := range existing {
			known[p] = true
		}
		if known[path] {
			return invalidField("path", input.M("directory.invalid.path_exists"))
		}
		if _, err := EnsureTeam(ctx, tx, path); err != nil {
			return err
		}
		for _, p := range ancestorPaths(path) {
			if known[p] {
				continue
			}
			var t Team
			if err := tx.Where("path = ?", p).First(&t).Error; err != nil {
				return fmt.Errorf("directory: create team: %w", err)
			}
			created = append(created, t)
		}
		return nil
	})
	return created, err
}

// ancestorPaths returns "A", "A/B", "A/B/C" for "A/B/C".
func ancestorPaths(path string) []string {
	parts := strings.Split(path, "/")
	out := make([]string, len(parts))
	for i := range parts {
		out[i] = strings.Join(parts[:i+1], "/")
	}
	return out
}

// TeamStats are the numbers tree views show beside each team.
type TeamStats struct {
	// Members counts active people directly in each team.
	Members map[int64]int
	// Leads names the active leads of each team, by name.
	Leads map[int64][]string
}

// TeamStats counts active members and names leads of every team, or
// counts the members of the given teams only when teams is not nil (a
// team page's subtree: counting all 100,000 people took longer than the
// rest of a leaf team's page).
func (s *Store) TeamStats(ctx context.Context, teams []int64) (TeamStats, error) {
	st := TeamStats{Members: map[int64]int{}, Leads: map[int64][]string{}}
	var counts []struct {
		TeamID int64
		N      int
	}
	q := s.db.WithContext(ctx).Table("people").Select("team_id, COUNT(*) AS n").
		Where("active AND team_id IS NOT NULL") // "active" as people_active_team has it
	if teams != nil {
		q = q.Where("team_id IN ?", teams)
	}
	err := q.Group("team_id").Scan(&counts).Error
	if err != nil {
		return st, fmt.Errorf("directory: member counts: %w", err)
	}
	for _, c := range counts {
		st.Members[c.TeamID] = c.N
	}
	var leads []struct {
		TeamID int64
		Name   string
	}
	err = s.db.WithContext(ctx).Raw(`
		SELECT g.team_id, p.name
		FROM role_grants g JOIN people p ON p.id = g.person_id
		WHERE g.role = ? AND g.team_id IS NOT NULL AND p.active = ?
		ORDER BY p.name, p.id`, RoleLead, true).Scan(&leads).Error
	if err != nil {
		return st, fmt.Errorf("directory: leads: %w", err)
	}
	for _, l := range leads {
		st.Leads[l.TeamID] = append(st.Leads[l.TeamID], l.Name)
	}
	return st, nil
}
