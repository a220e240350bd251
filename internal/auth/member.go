package auth

import "github.com/devpulse/devpulse/internal/directory"

// ownTeams is a person's team and every team above it: once a snapshot's
// results are shared, its people read these teams' dashboards (under the
// same suppression as everyone) and no other team's.
func ownTeams(teams []directory.Team, team *int64) map[int64]bool {
	if team == nil {
		return nil
	}
	parent := make(map[int64]*int64, len(teams))
	for _, t := range teams {
		parent[t.ID] = t.ParentID
	}
	out := map[int64]bool{}
	for id := team; id != nil && !out[*id]; id = parent[*id] {
		out[*id] = true
	}
	return out
}

// ReadsAsRespondent reports whether the person reads the team's results
// only as one of its people (not as a lead, executive or admin): they see
// the snapshots shared with respondents and nothing to change or export.
func (p *Principal) ReadsAsRespondent(teamID int64) bool {
	return !p.CanSeeTeam(teamID)
}
