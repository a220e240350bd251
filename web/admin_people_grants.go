package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// addGrant gives the person a role: admin, executive, or lead of a team.
func (s *Server) addGrant(c echo.Context) error {
	ctx := c.Request().Context()
	person, err := s.personParam(c)
	if err != nil {
		return err
	}
	form := adminview.GrantForm{Role: c.FormValue("role"), Team: c.FormValue("grant_team")}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	teamID, errs := readGrantForm(form, teamPaths(teams))
	if len(errs) > 0 {
		view, err := s.personView(c, person)
		if err != nil {
			return err
		}
		view.GrantForm, view.GrantErrors = form, errs
		return s.render(c, http.StatusUnprocessableEntity, adminview.Person(view))
	}
	g, err := s.people.Grant(ctx, directoryActor(c), person.ID, form.Role, teamID)
	if err != nil {
		return err
	}
	if g.Added {
		s.setFlash(c, fmt.Sprintf("%s is now %s.", person.Name, g.Label))
	} else {
		s.setFlash(c, fmt.Sprintf("%s already is %s.", person.Name, g.Label))
	}
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}

// readGrantForm checks the grant form's role and, for a lead, its team
// against the teams there are; it returns errors by field.
func readGrantForm(form adminview.GrantForm, paths map[int64]string) (*int64, map[string]string) {
	switch {
	case !slices.Contains(directory.GrantableRoles, form.Role):
		return nil, map[string]string{"role": "Choose admin, executive or lead."}
	case form.Role == directory.RoleLead:
		id, err := strconv.ParseInt(form.Team, 10, 64)
		if _, ok := paths[id]; err != nil || !ok {
			return nil, map[string]string{"grant_team": "Choose the team this person leads."}
		}
		return &id, nil
	}
	return nil, nil
}

// removeGrant takes a role away (an admin's own admin role excepted).
func (s *Server) removeGrant(c echo.Context) error {
	person, err := s.personParam(c)
	if err != nil {
		return err
	}
	grantID, err := pathID(c, "grant")
	if err != nil {
		return err
	}
	label, err := s.people.Revoke(c.Request().Context(), directoryActor(c), person.ID, grantID)
	if errors.Is(err, directory.ErrRevokeOwnAdmin) {
		return s.refusePersonChange(c, person,
			"You cannot remove your own admin role: another admin has to. This keeps devpulse from being left without an admin.")
	}
	if err != nil {
		return err
	}
	s.setFlash(c, fmt.Sprintf("%s is no longer %s.", person.Name, label))
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}
