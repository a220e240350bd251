package web

import (
	"github.com/devpulse/devpulse/internal/directory"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// teamOptions lists teams for a select, in tree order.
func teamOptions(teams []directory.Team) []adminview.TeamOption {
	var opts []adminview.TeamOption
	for _, n := range directory.Tree(teams, directory.TeamStats{}, nil) {
		opts = append(opts, adminview.TeamOption{ID: n.Team.ID, Path: n.Team.Path})
	}
	return opts
}

// teamPaths maps each team's ID to its slash path.
func teamPaths(teams []directory.Team) map[int64]string {
	m := make(map[int64]string, len(teams))
	for _, t := range teams {
		m[t.ID] = t.Path
	}
	return m
}
