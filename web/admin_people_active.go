package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// setPersonActive activates or deactivates a person (form field active =
// true or false); directory.Service.SetActive says what that involves.
func (s *Server) setPersonActive(c echo.Context) error {
	person, err := s.personParam(c)
	if err != nil {
		return err
	}
	active, err := strconv.ParseBool(c.FormValue("active"))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Say whether the person should be active: active=true or active=false.")
	}
	ctx := c.Request().Context()
	err = s.people.SetActive(ctx, directoryActor(c), person.ID, active)
	if errors.Is(err, directory.ErrDeactivateSelf) {
		return s.refusePersonChange(c, person, i18n.T(ctx, "directory.person.refuse_self"))
	}
	if err != nil {
		return err
	}
	msg := i18n.T(ctx, "directory.person.activated", "Name", person.Name)
	if !active {
		msg = i18n.T(ctx, "directory.person.deactivated", "Name", person.Name)
	}
	s.setFlash(c, msg)
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}

// refusePersonChange shows the person page again with why a change was refused.
func (s *Server) refusePersonChange(c echo.Context, person directory.Person, problem string) error {
	view, err := s.personView(c, person)
	if err != nil {
		return err
	}
	view.Problem = problem
	return s.render(c, http.StatusUnprocessableEntity, adminview.Person(view))
}

// directoryActor names who changes the directory: the audit log's name for
// the principal and, for a signed-in person, their ID.
func directoryActor(c echo.Context) directory.Actor {
	p := principal(c)
	return directory.Actor{Name: p.Actor(), PersonID: p.PersonID}
}
