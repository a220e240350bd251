package web

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/results"
	actionviews "github.com/devpulse/devpulse/templates/actions"

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
	snap, before, ok, err := s.results.LatestShared(ctx)
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
	out.YouSaid = youSaidPath(snap.ID)
	if len(out.Teams) > 0 {
		out.Team = out.Teams[0].Name
		if before != nil {
			out.Goals, err = s.sharedVerdicts(ctx, out.Teams[0].ID, snap.ID, before.ID)
		}
	}
	return out, err
}

// sharedVerdicts judges the goals a team set after the shared snapshot
// beforeID, on its dashboard of snapID as its people read it. The
// dashboard is read only when the team set goals.
func (s *Server) sharedVerdicts(ctx context.Context, teamID, snapID, beforeID int64) ([]goals.Judged, error) {
	gs, err := s.deps.Services.Goals.ForTeam(ctx, teamID, beforeID)
	if err != nil || len(gs) == 0 {
		return nil, err
	}
	d, err := s.results.Dashboard(ctx, results.Query{TeamID: teamID, SnapshotID: snapID, Shared: true})
	if err != nil {
		return nil, err
	}
	var out []goals.Judged
	for _, j := range goals.Judge(gs, d) {
		if j.Judged {
			out = append(out, j)
		}
	}
	return out, nil
}

// ownActions is what the home page lists beside the shared results: the
// organisation's actions and those of the person's team and the teams
// above it.
func (s *Server) ownActions(ctx context.Context, c echo.Context) (actionviews.Panel, error) {
	p := principal(c)
	panel, err := s.actionsPanel(ctx, c, actions.Filter{}, nil, actionviews.Panel{Heading: "actions.panel.doing", TestID: "home-actions",
		Empty: "actions.panel.none"})
	own := panel.Actions[:0]
	for _, a := range panel.Actions {
		if a.TeamID == nil || p.MemberOf[*a.TeamID] {
			own = append(own, a)
		}
	}
	panel.Actions, panel.NewHref = own, ""
	return panel, err
}
