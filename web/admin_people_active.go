package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
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
	err = s.people.SetActive(c.Request().Context(), directoryActor(c), person.ID, active)
	if errors.Is(err, directory.ErrDeactivateSelf) {
		return s.refusePersonChange(c, person, "You cannot deactivate yourself: another admin has to.")
	}
	if err != nil {
		return err
	}
	msg := person.Name + " is active again."
	if !active {
		msg = person.Name + " is deactivated and signed out everywhere."
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
