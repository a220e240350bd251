package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// createTeam adds a team by its slash path, with any missing parents.
func (s *Server) createTeam(c echo.Context) error {
	ctx := c.Request().Context()
	path := c.FormValue("path")
	created, err := s.people.CreateTeam(ctx, directoryActor(c), path)
	var verr *directory.ValidationError
	if errors.As(err, &verr) {
		view, err := s.adminTeamsView(c)
		if err != nil {
			return err
		}
		view.Path, view.Error = path, verr.Fields["path"]
		return s.render(c, http.StatusUnprocessableEntity, adminview.Teams(view))
	}
	if err != nil {
		return err
	}
	msg := i18n.T(ctx, "directory.teams.added", "Path", created[len(created)-1].Path)
	if len(created) > 1 {
		var parents []string
		for _, t := range created[:len(created)-1] {
			parents = append(parents, t.Path)
		}
		msg += " " + i18n.T(ctx, "directory.teams.added_parents", "Paths", strings.Join(parents, ", "))
	}
	s.setFlash(c, msg)
	return seeOther(c, "/admin/teams")
}
