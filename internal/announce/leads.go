package announce

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
)

// leadGrant is an active person with lead grants and the teams they lead.
type leadGrant struct {
	Person directory.Person
	Teams  []directory.Team
}

// lead is a lead with the dashboards of the teams they lead that were in
// a snapshot's audience.
type lead struct {
	Person directory.Person
	Teams  []results.Dashboard
}

// leadGrants lists the active people who lead a team, by name, each with
// their teams by path.
func (a *Announcer) leadGrants(ctx context.Context) ([]leadGrant, error) {
	var grants []directory.Grant
	err := a.db.WithContext(ctx).Where("role = ? AND team_id IS NOT NULL", directory.RoleLead).Order("id").Find(&grants).Error
	if err != nil {
		return nil, fmt.Errorf("announce: lead grants: %w", err)
	}
	byPerson := map[int64]*leadGrant{}
	var order []int64
	for _, g := range grants {
		l, ok := byPerson[g.PersonID]
		if !ok {
			p, err := a.dir.Person(ctx, g.PersonID)
			if err != nil {
				return nil, err
			}
			l = &leadGrant{Person: p}
			byPerson[g.PersonID], order = l, append(order, g.PersonID)
		}
		t, err := a.dir.Team(ctx, *g.TeamID)
		if err != nil {
			return nil, err
		}
		l.Teams = append(l.Teams, t)
	}
	var out []leadGrant
	for _, id := range order {
		if l := byPerson[id]; l.Person.Active {
			slices.SortFunc(l.Teams, func(x, y directory.Team) int { return strings.Compare(x.Path, y.Path) })
			out = append(out, *l)
		}
	}
	slices.SortStableFunc(out, func(x, y leadGrant) int { return strings.Compare(x.Person.Name, y.Person.Name) })
	return out, nil
}

// leads lists the leads of teams invited to a materialised snapshot,
// with their teams' dashboards.
func (a *Announcer) leads(ctx context.Context, snapshotID int64) ([]lead, error) {
	grants, err := a.leadGrants(ctx)
	if err != nil {
		return nil, err
	}
	var out []lead
	for _, g := range grants {
		l := lead{Person: g.Person}
		for _, t := range g.Teams {
			d, err := a.results.Dashboard(ctx, results.Query{SnapshotID: snapshotID, TeamID: t.ID})
			if err != nil {
				return nil, fmt.Errorf("announce: dashboard of team %d: %w", t.ID, err)
			}
			if d.View.Invited > 0 {
				l.Teams = append(l.Teams, d)
			}
		}
		if len(l.Teams) > 0 {
			out = append(out, l)
		}
	}
	return out, nil
}
