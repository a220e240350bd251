package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/org"
	"github.com/devpulse/devpulse/templates/teams"
)

// goalInput is the new-goal form as entered, and what is wrong with it.
type goalInput struct {
	form teams.GoalForm
	errs goals.FieldErrors
}

// goalsPanel reads the team's goals beside its dashboard d: those set
// after d's snapshot and those judged by it. Leads of the team (and
// those who read every team) set goals after the latest snapshot.
func (s *Server) goalsPanel(ctx context.Context, c echo.Context, d results.Dashboard, in goalInput) (teams.GoalsPanel, error) {
	p := teams.GoalsPanel{Form: in.form, Errors: in.errs}
	if len(d.Snapshots) == 0 || d.Filter.Active() || d.Team.ID == 0 {
		return p, nil
	}
	p.Show = true
	p.CanEdit = principal(c).CanSeeTeam(d.Team.ID) && d.Snapshot.ID == d.Snapshots[0].ID
	ids := []int64{d.Snapshot.ID}
	if d.Previous != nil {
		ids = append(ids, d.Previous.ID)
	}
	gs, err := s.deps.Services.Goals.ForTeam(ctx, d.Team.ID, ids...)
	if err != nil {
		return p, err
	}
	for _, j := range goals.Judge(gs, d) {
		if j.Judged {
			p.Judged = append(p.Judged, j)
		} else {
			p.Working = append(p.Working, j)
		}
	}
	for _, r := range d.Drivers {
		if !slices.ContainsFunc(p.Working, func(j goals.Judged) bool { return j.DriverKey == r.Key }) {
			p.Drivers = append(p.Drivers, teams.GoalDriver{Key: r.Key, Name: r.Name})
		}
	}
	return p, nil
}

// createGoal sets a goal for the team on a driver of its latest snapshot.
// What is wrong shows next to the fields.
func (s *Server) createGoal(c echo.Context) error {
	ctx := c.Request().Context()
	team, d, err := s.goalTeam(c)
	if err != nil {
		return err
	}
	in := goalInput{form: teams.GoalForm{Driver: c.FormValue("driver"), Kind: c.FormValue("kind"), Target: c.FormValue("target"), Reason: c.FormValue("reason")}}
	drivers := map[string]string{}
	for _, r := range d.Drivers {
		drivers[r.Key] = r.Name
	}
	_, err = s.deps.Services.Goals.Set(ctx, goals.NewGoal{
		TeamID: team, TeamPath: d.Team.Path, BaselineID: d.Snapshot.ID,
		DriverKey: in.form.Driver, Kind: in.form.Kind, Target: in.form.Target, Reason: in.form.Reason,
	}, drivers, principal(c).Actor())
	if errors.As(err, &in.errs) {
		return s.renderTeam(c, http.StatusUnprocessableEntity, in)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, teamPath(team))
}

// deleteGoal removes one of the team's goals.
func (s *Server) deleteGoal(c echo.Context) error {
	team, d, err := s.goalTeam(c)
	if err != nil {
		return err
	}
	id, err := pathID(c, "goal")
	if err != nil {
		return err
	}
	err = s.deps.Services.Goals.Delete(c.Request().Context(), team, d.Team.Path, d.Snapshot.ID, id, principal(c).Actor())
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, teamPath(team))
}

// goalTeam reads the route's team and its dashboard for the latest
// snapshot, after which goals are set; nothing closed yet is a 404.
func (s *Server) goalTeam(c echo.Context) (int64, results.Dashboard, error) {
	id, err := pathID(c, "team")
	if err != nil {
		return 0, results.Dashboard{}, err
	}
	d, err := s.results.Dashboard(c.Request().Context(), results.Query{TeamID: id})
	if err != nil {
		return 0, d, err
	}
	if len(d.Snapshots) == 0 {
		return 0, d, echo.ErrNotFound
	}
	return id, d, nil
}

func teamPath(id int64) string { return fmt.Sprintf("/teams/%d", id) }

// teamWorkingOn is what the person's team set out to improve after the
// latest closed snapshot, for the survey's introduction: "Build and test
// speed (reach 70)", in the reader's language. latest is that snapshot.
func (s *Server) teamWorkingOn(ctx context.Context, team *int64, latest survey.Snapshot) ([]string, error) {
	if team == nil {
		return nil, nil
	}
	gs, err := s.deps.Services.Goals.ForTeam(ctx, *team, latest.ID)
	if err != nil || len(gs) == 0 {
		return nil, err
	}
	keys := make([]string, len(gs))
	for i, g := range gs {
		keys[i] = g.DriverKey
	}
	names, err := s.surveys.DriverNames(ctx, keys)
	if err == nil {
		err = s.localizeDriverNames(ctx, names)
	}
	if err != nil {
		return nil, err
	}
	l := i18n.From(ctx)
	out := make([]string, len(gs))
	for i, g := range gs {
		target := l.T("teams.goals.reach", "Target", g.Target)
		if g.Kind == insight.GoalPoints {
			target = l.T("teams.goals.improve_by", "Count", g.Target)
		}
		out[i] = fmt.Sprintf("%s (%s)", cmp.Or(names[g.DriverKey], g.DriverKey), target)
	}
	return out, nil
}

// orgGoals adds the teams' goals to the org page, and to its executive
// summary the teams that set a goal and met it.
func (s *Server) orgGoals(ctx context.Context, v *org.View) error {
	o := v.Org
	if len(o.Snapshots) == 0 {
		return nil
	}
	ids := []int64{o.Snapshot.ID}
	if o.Compare != nil {
		ids = append(ids, o.Compare.ID)
	}
	gs, err := s.deps.Services.Goals.ForSnapshots(ctx, ids...)
	if err != nil {
		return err
	}
	v.Goals = goals.JudgeOrg(gs, o)
	if o.Compare != nil && len(v.Summary) > 0 {
		if f, ok := goals.MetFinding(i18n.From(ctx), v.Goals, o.Compare.Title); ok {
			v.Summary = append(v.Summary, f)
		}
	}
	return nil
}
