package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/templates/teams"
)

// listTeams shows the teams the reader may see: every team for executives
// and admins, a lead's own subtrees otherwise.
func (s *Server) listTeams(c echo.Context) error {
	p := principal(c)
	var visible map[int64]bool // nil: every team
	if !p.AllTeams() {
		visible = map[int64]bool{} // never nil for a lead, or nil would mean all
		for id := range p.Visible {
			visible[id] = true
		}
	}
	nodes, err := s.teamTree(c, visible)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, teams.List(teams.ListView{Nodes: nodes, AllTeams: p.AllTeams()}))
}
