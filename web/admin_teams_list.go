package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// listAdminTeams shows the whole team tree with counts and leads, and the
// form to add a team.
func (s *Server) listAdminTeams(c echo.Context) error {
	view, err := s.adminTeamsView(c)
	if err != nil {
		return err
	}
	view.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, adminview.Teams(view))
}

func (s *Server) adminTeamsView(c echo.Context) (adminview.TeamsView, error) {
	nodes, err := s.teamTree(c, nil)
	return adminview.TeamsView{Nodes: nodes}, err
}

// teamTree returns the tree of the teams in visible (nil: every team).
func (s *Server) teamTree(c echo.Context, visible map[int64]bool) ([]directory.TreeNode, error) {
	ctx := c.Request().Context()
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return nil, err
	}
	return s.tree(ctx, teams, visible)
}

// tree is teamTree over teams already read.
func (s *Server) tree(ctx context.Context, teams []directory.Team, visible map[int64]bool) ([]directory.TreeNode, error) {
	// A visible team's counts sum its subtree's: the teams outside the
	// visible subtrees need not be counted.
	var only []int64
	if visible != nil && len(visible) < len(teams) {
		roots := make([]int64, 0, len(visible))
		for id := range visible {
			roots = append(roots, id)
		}
		for id := range directory.Subtrees(teams, roots) {
			only = append(only, id)
		}
	}
	st, err := s.dir.TeamStats(ctx, only)
	if err != nil {
		return nil, err
	}
	return directory.Tree(teams, st, visible), nil
}
