package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// showPerson shows a person's edit form, status and roles.
func (s *Server) showPerson(c echo.Context) error {
	person, err := s.personParam(c)
	if err != nil {
		return err
	}
	view, err := s.personView(c, person)
	if err != nil {
		return err
	}
	view.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, adminview.Person(view))
}

// updatePerson saves the edit form. Errors come back next to their fields
// with 422 and everything entered kept; success redirects to the page.
func (s *Server) updatePerson(c echo.Context) error {
	person, err := s.personParam(c)
	if err != nil {
		return err
	}
	form := readPersonForm(c)
	teams, err := s.dir.Teams(c.Request().Context())
	if err != nil {
		return err
	}
	updated, errs := applyPersonForm(person, form, teamPaths(teams))
	if len(errs) == 0 {
		err = s.people.UpdatePerson(c.Request().Context(), directoryActor(c), &updated)
		var verr *directory.ValidationError
		if errors.As(err, &verr) {
			errs = verr.Fields
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		view, err := s.personView(c, person)
		if err != nil {
			return err
		}
		view.Form, view.Errors = form, errs
		if _, bad := errs["start_date"]; !bad {
			view.Tenure = directory.TenureBand(updated.StartDate, time.Now())
		}
		return s.render(c, http.StatusUnprocessableEntity, adminview.Person(view))
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "directory.person.saved", "Name", updated.Name))
	return seeOther(c, fmt.Sprintf("/admin/people/%d", person.ID))
}

// personView builds the person page from stored data.
func (s *Server) personView(c echo.Context, p directory.Person) (adminview.PersonView, error) {
	ctx := c.Request().Context()
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return adminview.PersonView{}, err
	}
	grants, err := s.dir.Grants(ctx, p.ID)
	if err != nil {
		return adminview.PersonView{}, err
	}
	paths := teamPaths(teams)
	v := adminview.PersonView{
		ID: p.ID, Name: p.Name, Active: p.Active, Self: principal(c).PersonID == p.ID,
		Tenure: directory.TenureBand(p.StartDate, time.Now()),
		Form:   personForm(p), Teams: teamOptions(teams),
		GrantForm: adminview.GrantForm{Role: directory.RoleLead},
	}
	for _, g := range grants {
		row := adminview.GrantRow{ID: g.ID, Role: g.Role, Locked: v.Self && g.Role == directory.RoleAdmin}
		if g.TeamID != nil {
			row.Team = paths[*g.TeamID]
		}
		v.Grants = append(v.Grants, row)
	}
	return v, nil
}

// personForm fills the form from a stored person.
func personForm(p directory.Person) adminview.PersonForm {
	f := adminview.PersonForm{
		Name: p.Name, Email: p.Email, JobRole: p.JobRole, WorkArrangement: p.WorkArrangement,
		Location: p.Location, Level: p.Level, GitHubLogin: p.GitHubLogin, SlackUserID: p.SlackUserID,
	}
	if p.TeamID != nil {
		f.Team = strconv.FormatInt(*p.TeamID, 10)
	}
	if p.StartDate != nil {
		f.StartDate = p.StartDate.Format(time.DateOnly)
	}
	return f
}

func readPersonForm(c echo.Context) adminview.PersonForm {
	v := func(name string) string { return strings.TrimSpace(c.FormValue(name)) }
	return adminview.PersonForm{
		Name: v("name"), Email: v("email"), Team: v("team"), JobRole: v("job_role"),
		WorkArrangement: v("work_arrangement"), Location: v("location"), StartDate: v("start_date"),
		Level: v("level"), GitHubLogin: strings.TrimPrefix(v("github_login"), "@"), SlackUserID: v("slack_user_id"),
	}
}

// applyPersonForm copies the form onto p, parsing the team and date; the
// directory validates the rest when saving. It returns errors by field.
func applyPersonForm(p directory.Person, f adminview.PersonForm, teams map[int64]string) (directory.Person, map[string]input.Message) {
	errs := map[string]input.Message{}
	p.Name, p.Email, p.JobRole, p.WorkArrangement = f.Name, f.Email, f.JobRole, f.WorkArrangement
	p.Location, p.Level, p.GitHubLogin, p.SlackUserID = f.Location, f.Level, f.GitHubLogin, f.SlackUserID
	p.TeamID = nil
	if f.Team != "" {
		id, err := strconv.ParseInt(f.Team, 10, 64)
		if _, ok := teams[id]; err != nil || !ok {
			errs["team"] = input.M("directory.invalid.team")
		} else {
			p.TeamID = &id
		}
	}
	p.StartDate = nil
	if f.StartDate != "" {
		d, err := time.ParseInLocation(time.DateOnly, f.StartDate, time.UTC)
		switch {
		case err != nil:
			errs["start_date"] = input.M("directory.invalid.start_date")
		case d.Year() < 1950 || d.After(time.Now().AddDate(1, 0, 0)):
			errs["start_date"] = input.M("directory.invalid.start_date_range")
		default:
			p.StartDate = &d
		}
	}
	// Field checks the directory does are reported together with ours.
	var verr *directory.ValidationError
	if check := p; errors.As(check.Validate(), &verr) {
		for k, msg := range verr.Fields {
			errs[k] = msg
		}
	}
	return p, errs
}
