package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/templates/login"
)

// personaLimit is how many personas the picker lists before asking for a
// search; the search box appears once there are more.
const personaLimit = 24

// loadPersonas fills the demo persona picker, filtered by the q parameter.
func (s *Server) loadPersonas(c echo.Context, v *login.View) error {
	v.Demo = true
	v.Query = c.QueryParam("q")
	people, total, err := s.dir.Personas(c.Request().Context(), v.Query, personaLimit)
	if err != nil {
		return err
	}
	v.PersonaTotal = total
	v.Searchable = total > personaLimit || v.Query != ""
	for _, p := range people {
		lp := login.Persona{ID: p.ID, Name: p.Name, Team: p.TeamPath}
		for _, r := range p.Roles {
			label := r.Role
			if r.TeamPath != "" {
				label += " of " + r.TeamPath
			}
			lp.Roles = append(lp.Roles, label)
		}
		v.Personas = append(v.Personas, lp)
	}
	return nil
}

// signInDemo signs in as the chosen persona. The route exists only when the
// server runs with --demo.
func (s *Server) signInDemo(c echo.Context) error {
	next := safeNext(c.FormValue("next"))
	id, err := strconv.ParseInt(c.FormValue("person_id"), 10, 64)
	if err != nil {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "Choose a persona from the list.")
	}
	person, err := s.dir.Person(c.Request().Context(), id)
	if errors.Is(err, directory.ErrNotFound) || (err == nil && !person.Active) {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "That persona is not in the directory any more. Choose another one.")
	}
	if err != nil {
		return err
	}
	if err := s.startSession(c, person.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, next)
}
