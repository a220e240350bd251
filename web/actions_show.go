package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/survey"
	actionviews "github.com/devpulse/devpulse/templates/actions"
)

// canSeeAction: every signed-in person sees the organisation's actions;
// a team's are seen by its readers and its own people (and those below).
func canSeeAction(p *auth.Principal, a actions.Action) bool {
	return a.TeamID == nil || p.CanSeeTeam(*a.TeamID) || p.MemberOf[*a.TeamID] || p.HasScope(auth.ScopeResultsRead)
}

// canEditActions: executives and admins change the organisation's actions
// and any team's; leads those of the teams they lead and below.
func canEditActions(p *auth.Principal, team *int64) bool {
	if team == nil {
		return p.IsPerson() && p.AllTeams()
	}
	return p.IsPerson() && p.CanSeeTeam(*team)
}

// visibleActions lists the actions of f that p may see.
func (s *Server) visibleActions(ctx context.Context, p *auth.Principal, f actions.Filter) ([]actions.Action, error) {
	all, err := s.deps.Services.Actions.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, a := range all {
		if canSeeAction(p, a) {
			out = append(out, a)
		}
	}
	return out, nil
}

// driverChoices are the drivers an action may be linked to (by key) and
// the names of every driver, retired ones too, for showing links.
func (s *Server) driverChoices(ctx context.Context) ([]survey.Driver, map[string]string, error) {
	all, err := s.surveys.Drivers(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	var active []survey.Driver
	names := map[string]string{}
	for _, d := range all {
		names[d.Key] = d.Name
		if !d.Retired() {
			active = append(active, d)
		}
	}
	return active, names, nil
}

// formKey names one rendering of a form, so that sending it twice
// changes things once.
func formKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// listActions is every action the reader may see, by team, driver and status.
func (s *Server) listActions(c echo.Context) error {
	ctx := c.Request().Context()
	f, err := actionFilter(c)
	if err != nil {
		return err
	}
	p := principal(c)
	as, err := s.visibleActions(ctx, p, f)
	if err != nil {
		return err
	}
	drivers, names, err := s.driverChoices(ctx)
	if err != nil {
		return err
	}
	v := actionviews.ListView{Team: c.QueryParam("team_id"), Driver: c.QueryParam("driver"), Status: c.QueryParam("status"), Drivers: drivers,
		Panel: actionviews.Panel{Heading: "actions.panel.doing", TestID: "actions", Actions: as, Names: names, Empty: "actions.panel.no_match"}}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if p.CanSeeTeam(t.ID) || p.MemberOf[t.ID] {
			v.Teams = append(v.Teams, actionviews.Option{Value: strconv.FormatInt(t.ID, 10), Label: t.Path})
		}
	}
	if p.AllTeams() {
		v.Panel.NewHref = "/actions/new"
	}
	return s.render(c, http.StatusOK, actionviews.List(v))
}

// actionFilter reads ?team_id=, ?driver= and ?status=; a malformed team
// or an unknown status is a 400 that says so.
func actionFilter(c echo.Context) (actions.Filter, error) {
	var f actions.Filter
	id, _, err := queryNumber(c, "team_id", "team")
	if err != nil {
		return f, err
	}
	f.TeamID = id
	if d := c.QueryParam("driver"); d != "" {
		f.Drivers = []string{d}
	}
	if st := actions.Status(c.QueryParam("status")); st != "" {
		if !st.Valid() {
			return f, echo.NewHTTPError(http.StatusBadRequest, "status must be planned, in_progress, done or wont_do")
		}
		f.Status = st
	}
	return f, nil
}

// showAction is one action with its updates; one the reader may not see
// does not exist for them.
func (s *Server) showAction(c echo.Context) error {
	a, err := s.actionParam(c)
	if err != nil {
		return err
	}
	v, err := s.actionView(c.Request().Context(), principal(c), a)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, actionviews.Show(v))
}

// actionParam loads the action :id names, if the reader may see it.
func (s *Server) actionParam(c echo.Context) (actions.Action, error) {
	a, err := byPathID(c, s.deps.Services.Actions.Get)
	if err == nil && !canSeeAction(principal(c), a) {
		return a, actions.ErrNotFound
	}
	return a, err
}

// actionView is an action's page with its forms filled from the action.
func (s *Server) actionView(ctx context.Context, p *auth.Principal, a actions.Action) (actionviews.ShowView, error) {
	drivers, names, err := s.driverChoices(ctx)
	if err != nil {
		return actionviews.ShowView{}, err
	}
	v := actionviews.ShowView{Action: a, Names: names, CanEdit: canEditActions(p, a.TeamID), UpdateKey: formKey()}
	if v.CanEdit {
		owner, err := s.dir.Person(ctx, a.OwnerID)
		if err != nil {
			return v, err
		}
		v.Edit = actionviews.FormView{ID: a.ID, Scope: a.ScopeIn(ctx), Title: a.Title, Owner: owner.Email, TargetDate: a.TargetDate,
			Linked: a.Drivers, Drivers: drivers, Key: formKey()}
	}
	return v, nil
}
