package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// createTeam adds a team by its slash path, with any missing parents.
func (s *Server) createTeam(c echo.Context) error {
	ctx := c.Request().Context()
	path := c.FormValue("path")
	var created []directory.Team
	err := s.changeDirectory(c, func(_ *gorm.DB, dir *directory.Store, log *audit.Log) error {
		var err error
		if created, err = dir.CreateTeam(ctx, path); err != nil {
			return err
		}
		for _, t := range created {
			if err := log.Record(ctx, nil, principal(c).Actor(), "team.create", fmt.Sprintf("team:%d", t.ID), t.Path); err != nil {
				return err
			}
		}
		return nil
	})
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
	msg := "Added team " + created[len(created)-1].Path + "."
	if len(created) > 1 {
		var parents []string
		for _, t := range created[:len(created)-1] {
			parents = append(parents, t.Path)
		}
		msg += " Also added the parent teams it needs: " + strings.Join(parents, ", ") + "."
	}
	s.setFlash(c, msg)
	return seeOther(c, "/admin/teams")
}
