package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// setPersonActive activates or deactivates a person (form field active =
// true or false). Deactivation ends every session of theirs; nobody is ever
// deleted, so their history stays. Admins cannot deactivate themselves.
func (s *Server) setPersonActive(c echo.Context) error {
	person, err := s.personParam(c)
	if err != nil {
		return err
	}
	active, err := strconv.ParseBool(c.FormValue("active"))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Say whether the person should be active: active=true or active=false.")
	}
	if !active && person.ID == principal(c).PersonID {
		view, err := s.personView(c, person)
		if err != nil {
			return err
		}
		view.Problem = "You cannot deactivate yourself: another admin has to."
		return s.render(c, http.StatusUnprocessableEntity, adminview.Person(view))
	}
	action, msg := "person.activate", person.Name+" is active again."
	if !active {
		action, msg = "person.deactivate", person.Name+" is deactivated and signed out everywhere."
	}
	err = s.changeDirectory(c, func(tx *gorm.DB, dir *directory.Store, log *audit.Log) error {
		ctx := c.Request().Context()
		if err := dir.SetActive(ctx, person.ID, active); err != nil {
			return err
		}
		if !active {
			if err := auth.NewSessions(tx).DeleteForPerson(ctx, tx, person.ID); err != nil {
				return err
			}
		}
		return log.Record(ctx, nil, principal(c).Actor(), action, personTarget(person.ID), "")
	})
	if err != nil {
		return err
	}
	s.setFlash(c, msg)
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}
