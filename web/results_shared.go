package web

import (
	"context"

	"github.com/devpulse/devpulse/templates/pages"
	"github.com/devpulse/devpulse/templates/teams"
)

// respondentDashboard is a team dashboard as its own people read it: the
// numbers everyone sees, but no comment author's name, as authors agreed
// to be contacted by those who act on results, not to be named to the team.
func respondentDashboard(v teams.DashboardView) teams.DashboardView {
	for i := range v.Dash.Comments {
		v.Dash.Comments[i].AuthorName, v.Dash.Comments[i].AuthorEmail = "", ""
	}
	return v
}

// sharedResults is the home page's link to the latest shared results: the
// organisation, the person's team and every team above it. Nil until a
// snapshot's results are shared.
func (s *Server) sharedResults(ctx context.Context, team *int64) (*pages.SharedResults, error) {
	snap, ok, err := s.results.LatestShared(ctx)
	if err != nil || !ok {
		return nil, err
	}
	out := &pages.SharedResults{Title: snap.Title}
	for seen := map[int64]bool{}; team != nil && !seen[*team]; {
		seen[*team] = true
		t, err := s.dir.Team(ctx, *team)
		if err != nil {
			return nil, err
		}
		out.Teams = append(out.Teams, pages.ResultTeam{ID: t.ID, Name: t.Path})
		team = t.ParentID
	}
	return out, nil
}
