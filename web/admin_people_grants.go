package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
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
	paths := teamPaths(teams)
	var teamID *int64
	errs := map[string]string{}
	switch {
	case !slices.Contains(directory.GrantableRoles, form.Role):
		errs["role"] = "Choose admin, executive or lead."
	case form.Role == directory.RoleLead:
		id, err := strconv.ParseInt(form.Team, 10, 64)
		if _, ok := paths[id]; err != nil || !ok {
			errs["grant_team"] = "Choose the team this person leads."
		} else {
			teamID = &id
		}
	}
	if len(errs) > 0 {
		view, err := s.personView(c, person)
		if err != nil {
			return err
		}
		view.GrantForm, view.GrantErrors = form, errs
		return s.render(c, http.StatusUnprocessableEntity, adminview.Person(view))
	}
	label := grantLabel(form.Role, teamID, paths)
	added := false
	err = s.changeDirectory(c, func(tx *gorm.DB, _ *directory.Store, log *audit.Log) error {
		if added, err = directory.AddGrant(ctx, tx, person.ID, form.Role, teamID); err != nil || !added {
			return err
		}
		return log.Record(ctx, nil, principal(c).Actor(), "grant.add", personTarget(person.ID), label)
	})
	if err != nil {
		return err
	}
	if added {
		s.setFlash(c, fmt.Sprintf("%s is now %s.", person.Name, label))
	} else {
		s.setFlash(c, fmt.Sprintf("%s already is %s.", person.Name, label))
	}
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}

// removeGrant takes a role away. Admins cannot drop their own admin role,
// so devpulse always keeps the admin who is acting.
func (s *Server) removeGrant(c echo.Context) error {
	ctx := c.Request().Context()
	person, err := s.personParam(c)
	if err != nil {
		return err
	}
	grantID, err := idParam(c, "grant")
	if err != nil {
		return err
	}
	grant, err := s.dir.Grant(ctx, person.ID, grantID)
	if err != nil {
		return err
	}
	if grant.Role == directory.RoleAdmin && person.ID == principal(c).PersonID {
		view, err := s.personView(c, person)
		if err != nil {
			return err
		}
		view.Problem = "You cannot remove your own admin role: another admin has to. This keeps devpulse from being left without an admin."
		return s.render(c, http.StatusUnprocessableEntity, adminview.Person(view))
	}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	label := grantLabel(grant.Role, grant.TeamID, teamPaths(teams))
	err = s.changeDirectory(c, func(_ *gorm.DB, dir *directory.Store, log *audit.Log) error {
		if _, err := dir.RemoveGrant(ctx, grant.ID); err != nil {
			return err
		}
		return log.Record(ctx, nil, principal(c).Actor(), "grant.remove", personTarget(person.ID), label)
	})
	if err != nil {
		return err
	}
	s.setFlash(c, fmt.Sprintf("%s is no longer %s.", person.Name, label))
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}

// grantLabel describes a grant: "admin", or "lead of Eng/Platform".
func grantLabel(role string, teamID *int64, paths map[int64]string) string {
	if teamID == nil {
		return role
	}
	return role + " of " + paths[*teamID]
}
