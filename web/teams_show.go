package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/templates/teams"
)

// showTeam shows one team: its path, leads, members and sub-teams. The
// route's rule has already checked the reader may see it.
func (s *Server) showTeam(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "team")
	if err != nil {
		return err
	}
	team, err := s.dir.Team(ctx, id)
	if err != nil {
		return err
	}
	all, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	nodes, err := s.teamTree(c, directory.Subtrees(all, []int64{team.ID}))
	if err != nil {
		return err
	}
	if len(nodes) == 0 {
		return echo.ErrNotFound
	}
	// Sub-teams keep their levels (1 and deeper), drawn as hanging below this team.
	view := teams.ShowView{Node: nodes[0], SubTeams: nodes[1:]}
	if team.ParentID != nil && principal(c).CanSeeTeam(*team.ParentID) {
		parent, err := s.dir.Team(ctx, *team.ParentID)
		if err != nil {
			return err
		}
		view.Parent = &parent
	}
	return s.render(c, http.StatusOK, teams.Show(view))
}
