package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
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
	paths := teamPaths(teams)
	teamID, errs := readGrantForm(form, paths)
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
	label := adminview.GrantLabel(ctx, form.Role, pathOf(paths, teamID))
	if g.Added {
		s.setFlash(c, i18n.T(ctx, "directory.person.granted", "Name", person.Name, "Role", label))
	} else {
		s.setFlash(c, i18n.T(ctx, "directory.person.granted_already", "Name", person.Name, "Role", label))
	}
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}

// readGrantForm checks the grant form's role and, for a lead, its team
// against the teams there are; it returns errors by field.
func readGrantForm(form adminview.GrantForm, paths map[int64]string) (*int64, map[string]input.Message) {
	switch {
	case !slices.Contains(directory.GrantableRoles, form.Role):
		return nil, map[string]input.Message{"role": input.M("directory.invalid.role")}
	case form.Role == directory.RoleLead:
		id, err := strconv.ParseInt(form.Team, 10, 64)
		if _, ok := paths[id]; err != nil || !ok {
			return nil, map[string]input.Message{"grant_team": input.M("directory.invalid.grant_team")}
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
	ctx := c.Request().Context()
	label, err := s.grantWords(ctx, person.ID, grantID)
	if err != nil {
		return err
	}
	_, err = s.people.Revoke(ctx, directoryActor(c), person.ID, grantID)
	if errors.Is(err, directory.ErrRevokeOwnAdmin) {
		return s.refusePersonChange(c, person, i18n.T(ctx, "directory.person.refuse_own_admin"))
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(ctx, "directory.person.revoked", "Name", person.Name, "Role", label))
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}

// grantWords describes a person's grant in the reader's language ("" when
// the person has no such grant: Revoke then says it is not found).
func (s *Server) grantWords(ctx context.Context, personID, grantID int64) (string, error) {
	grants, err := s.dir.Grants(ctx, personID)
	if err != nil {
		return "", err
	}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return "", err
	}
	for _, g := range grants {
		if g.ID == grantID {
			return adminview.GrantLabel(ctx, g.Role, pathOf(teamPaths(teams), g.TeamID)), nil
		}
	}
	return "", nil
}

// pathOf is the path of the team id names, "" for none.
func pathOf(paths map[int64]string, id *int64) string {
	if id == nil {
		return ""
	}
	return paths[*id]
}
