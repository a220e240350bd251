package directory

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Persona is an active person with their team and the roles they hold, as
// the demo sign-in lists them.
type Persona struct {
	ID       int64
	Name     string
	Email    string
	TeamPath string
	// Roles are "admin", "executive" and "lead" grants (leads once per team),
	// or just "respondent".
	Roles []PersonaRole
}

// PersonaRole is one role a persona holds; TeamPath is set for a lead.
type PersonaRole struct {
	Role     string
	TeamPath string
}

// rank orders personas: admins, executives, leads, then respondents.
func (p Persona) rank() int {
	best := 3
	for _, r := range p.Roles {
		switch r.Role {
		case RoleAdmin:
			best = min(best, 0)
		case RoleExecutive:
			best = min(best, 1)
		case RoleLead:
			best = min(best, 2)
		}
	}
	return best
}

// Personas returns active people whose name contains search (any case),
// admins first, then executives, leads and respondents, by name within
// each; at most limit of them, and how many matched in all.
func (s *Store) Personas(ctx context.Context, search string, limit int) ([]Persona, int, error) {
	type row struct {
		ID       int64
		Name     string
		Email    string
		TeamPath *string
	}
	q := s.db.WithContext(ctx).Table("people").
		Select("people.id, people.name, people.email, teams.path AS team_path").
		Joins("LEFT JOIN teams ON teams.id = people.team_id").
		Where("people.active")
	if search = strings.TrimSpace(search); search != "" {
		q = q.Where(`LOWER(people.name) LIKE ? ESCAPE '\'`, "%"+escapeLike(strings.ToLower(search))+"%")
	}
	var rows []row
	if err := q.Scan(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("directory: personas: %w", err)
	}
	grants, err := s.grantsWithTeams(ctx)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Persona, 0, len(rows))
	for _, r := range rows {
		p := Persona{ID: r.ID, Name: r.Name, Email: r.Email, Roles: grants[r.ID]}
		if r.TeamPath != nil {
			p.TeamPath = *r.TeamPath
		}
		if len(p.Roles) == 0 {
			p.Roles = []PersonaRole{{Role: RoleRespondent}}
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := out[i].rank(), out[j].rank(); ri != rj {
			return ri < rj
		}
		return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
	})
	total := len(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, total, nil
}

// grantsWithTeams returns every grant by person, admin before executive
// before lead, leads with the path of the team they lead.
func (s *Store) grantsWithTeams(ctx context.Context) (map[int64][]PersonaRole, error) {
	var rows []struct {
		PersonID int64
		Role     string
		TeamPath *string
	}
	err := s.db.WithContext(ctx).Table("role_grants").
		Select("role_grants.person_id, role_grants.role, teams.path AS team_path").
		Joins("LEFT JOIN teams ON teams.id = role_grants.team_id").
		Order("role_grants.role, teams.path").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("directory: grants: %w", err)
	}
	out := map[int64][]PersonaRole{}
	for _, r := range rows { // "admin" < "executive" < "lead" alphabetically too
		pr := PersonaRole{Role: r.Role}
		if r.TeamPath != nil {
			pr.TeamPath = *r.TeamPath
		}
		out[r.PersonID] = append(out[r.PersonID], pr)
	}
	return out, nil
}
