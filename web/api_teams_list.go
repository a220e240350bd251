package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiTeam is a team in the JSON API: the tree's shape, no people.
type apiTeam struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Path     string `json:"path"`
	ParentID *int64 `json:"parent_id"`
}

// listAPITeams returns the whole team tree, parents before children.
func (s *Server) listAPITeams(c echo.Context) error {
	teams, err := s.dir.Teams(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]apiTeam, 0, len(teams))
	for _, t := range teams {
		out = append(out, apiTeam{ID: t.ID, Name: t.Name, Path: t.Path, ParentID: t.ParentID})
	}
	return c.JSON(http.StatusOK, out)
}
