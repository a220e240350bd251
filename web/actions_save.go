package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/i18n"
	actionviews "github.com/devpulse/devpulse/templates/actions"
)

// newAction is the form for a new action of ?team= or, without it, of the
// organisation.
func (s *Server) newAction(c echo.Context) error {
	f := actionviews.FormView{TeamID: c.QueryParam("team"), Status: string(actions.Planned), Key: formKey()}
	return s.renderNewAction(c, http.StatusOK, f)
}

// renderNewAction draws the new-action form for a team or the
// organisation the reader may add actions to.
func (s *Server) renderNewAction(c echo.Context, status int, f actionviews.FormView) error {
	ctx := c.Request().Context()
	team, err := formTeam(f.TeamID)
	if err != nil {
		return err
	}
	if !canEditActions(principal(c), team) {
		return auth.ErrForbidden
	}
	f.Scope = i18n.T(ctx, "actions.organisation")
	if team != nil {
		t, err := s.dir.Team(ctx, *team)
		if err != nil {
			return err
		}
		f.Scope = t.Path
	}
	if f.Drivers, _, err = s.driverChoices(ctx); err != nil {
		return err
	}
	return s.render(c, status, actionviews.New(f))
}

// formTeam reads a team id sent by a form or link: "" is the organisation.
func formTeam(raw string) (*int64, error) {
	if raw == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return nil, echo.NewHTTPError(http.StatusBadRequest, "team must be a team number")
	}
	return &id, nil
}

// actionForm is the action form as sent.
func actionForm(c echo.Context) (actionviews.FormView, error) {
	form, err := c.FormParams()
	if err != nil {
		return actionviews.FormView{}, err
	}
	return actionviews.FormView{TeamID: form.Get("team_id"), Title: form.Get("title"), Owner: form.Get("owner"),
		Status: form.Get("status"), TargetDate: form.Get("target_date"), Reason: form.Get("reason"),
		Linked: form["driver"], Key: form.Get("key")}, nil
}

// createAction adds an action; what is wrong shows beside the fields.
func (s *Server) createAction(c echo.Context) error {
	f, err := actionForm(c)
	if err != nil {
		return err
	}
	team, err := formTeam(f.TeamID)
	if err != nil {
		return err
	}
	if !canEditActions(principal(c), team) {
		return auth.ErrForbidden
	}
	_, names, err := s.driverChoices(c.Request().Context())
	if err != nil {
		return err
	}
	a, err := s.deps.Services.Actions.Create(c.Request().Context(), actions.Input{TeamID: team, Title: f.Title, OwnerEmail: f.Owner,
		Status: f.Status, TargetDate: f.TargetDate, Reason: f.Reason, Drivers: f.Linked, RequestKey: f.Key}, names, principal(c).Actor())
	if errors.As(err, (*actions.FieldErrors)(&f.Errors)) {
		return s.renderNewAction(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/actions/%d", a.ID))
}

// editAction saves an action's title, owner, target date and drivers.
func (s *Server) editAction(c echo.Context) error {
	a, err := s.editableAction(c)
	if err != nil {
		return err
	}
	f, err := actionForm(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	_, names, err := s.driverChoices(ctx)
	if err != nil {
		return err
	}
	_, err = s.deps.Services.Actions.Edit(ctx, a.ID, actions.Input{Title: f.Title, OwnerEmail: f.Owner, TargetDate: f.TargetDate,
		Drivers: f.Linked}, names, principal(c).Actor())
	if errors.As(err, (*actions.FieldErrors)(&f.Errors)) {
		v, verr := s.actionView(ctx, principal(c), a)
		if verr != nil {
			return verr
		}
		f.ID, f.Scope, f.Drivers = a.ID, a.ScopeIn(ctx), v.Edit.Drivers
		v.Edit = f
		return s.render(c, http.StatusUnprocessableEntity, actionviews.Show(v))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/actions/%d", a.ID))
}

// addActionUpdate dates an update on an action, moving its status when
// one is chosen; moving to won't do needs the reason.
func (s *Server) addActionUpdate(c echo.Context) error {
	a, err := s.editableAction(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	in := actions.UpdateInput{Body: c.FormValue("body"), Status: c.FormValue("status"), RequestKey: c.FormValue("key")}
	_, err = s.deps.Services.Actions.AddUpdate(ctx, a.ID, in, principal(c).Actor())
	var fe actions.FieldErrors
	if errors.As(err, &fe) {
		v, verr := s.actionView(ctx, principal(c), a)
		if verr != nil {
			return verr
		}
		v.UpdateBody, v.UpdateStatus, v.UpdateKey, v.UpdateErrors = in.Body, in.Status, in.RequestKey, fe
		return s.render(c, http.StatusUnprocessableEntity, actionviews.Show(v))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/actions/%d", a.ID))
}

// editableAction loads the action :id names if the reader may change it:
// one they may see but not change is 403, one they may not see 404.
func (s *Server) editableAction(c echo.Context) (actions.Action, error) {
	a, err := s.actionParam(c)
	if err == nil && !canEditActions(principal(c), a.TeamID) {
		return a, auth.ErrForbidden
	}
	return a, err
}
