package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	actionviews "github.com/devpulse/devpulse/templates/actions"
	"github.com/devpulse/devpulse/templates/respond"
)

// showYouSaid puts side by side what people said in closed snapshot :id
// (the organisation's significant declines and top priorities, from its
// dashboard) and the actions linked to those drivers since. People who
// are not executives or admins read only shared snapshots.
func (s *Server) showYouSaid(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p := principal(c)
	o, err := s.results.Org(ctx, results.OrgQuery{SnapshotID: id, Shared: !p.AllTeams()})
	if errors.Is(err, survey.ErrNotFound) || (err == nil && o.Snapshot.ID != id) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	as, err := s.visibleActions(ctx, p, actions.Filter{})
	if err != nil {
		return err
	}
	_, names, err := s.driverChoices(ctx)
	if err != nil {
		return err
	}
	next := nextSnapshot(o)
	v := actionviews.YouSaidView{Snapshot: o.Snapshot, Next: next, K: o.K, Shown: o.View.IsShown(),
		Said: actions.YouSaidWeDid(i18n.From(ctx), o, next, as), Names: names}
	for _, snap := range o.Snapshots {
		v.Others = append(v.Others, actionviews.Option{Value: snap.Title, Label: youSaidPath(snap.ID)})
	}
	return s.render(c, http.StatusOK, actionviews.YouSaid(v))
}

// nextSnapshot is the materialised snapshot after o's, nil for none.
func nextSnapshot(o results.OrgDashboard) *survey.Snapshot {
	for i, snap := range o.Snapshots { // newest first
		if snap.ID == o.Snapshot.ID && i > 0 {
			return &o.Snapshots[i-1]
		}
	}
	return nil
}

func youSaidPath(id int64) string { return fmt.Sprintf("/snapshots/%d/you-said-we-did", id) }

// surveyYouSaid is "you said, we did" for the survey's introduction: what
// people flagged in the latest shared snapshot and the actions on those
// drivers of the organisation and of the person's team.
func (s *Server) surveyYouSaid(ctx context.Context, team *int64) (respond.YouSaid, error) {
	o, err := s.results.Org(ctx, results.OrgQuery{Shared: true})
	if err != nil || len(o.Snapshots) == 0 || !o.View.IsShown() {
		return respond.YouSaid{}, err
	}
	all, err := s.deps.Services.Actions.List(ctx, actions.Filter{})
	if err != nil {
		return respond.YouSaid{}, err
	}
	var as []actions.Action
	for _, a := range all {
		if a.TeamID == nil || (team != nil && *a.TeamID == *team) {
			as = append(as, a)
		}
	}
	y := respond.YouSaid{Title: o.Snapshot.Title, Href: youSaidPath(o.Snapshot.ID)}
	for _, said := range actions.YouSaidWeDid(i18n.From(ctx), o, nil, as) {
		y.Lines = append(y.Lines, said.Sentence(i18n.From(ctx)))
	}
	return y, nil
}
