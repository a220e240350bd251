package web

import (
	"context"
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/readout"
	actionviews "github.com/devpulse/devpulse/templates/actions"
	"github.com/devpulse/devpulse/templates/org"
)

// actionsPanel is a panel of the actions of f the reader may see, with
// driver names, and "Add an action" for team (nil: the organisation)
// when the reader may add one there.
func (s *Server) actionsPanel(ctx context.Context, c echo.Context, f actions.Filter, team *int64, p actionviews.Panel) (actionviews.Panel, error) {
	var err error
	if p.Actions, err = s.visibleActions(ctx, principal(c), f); err != nil {
		return p, err
	}
	if _, p.Names, err = s.driverChoices(ctx); err != nil {
		return p, err
	}
	if canEditActions(principal(c), team) {
		p.NewHref = "/actions/new"
		if team != nil {
			p.NewHref = fmt.Sprintf("/actions/new?team=%d", *team)
		}
	}
	return p, nil
}

// orgActions adds to the org page the actions the reader may see and the
// link to "you said, we did".
func (s *Server) orgActions(ctx context.Context, c echo.Context, v *org.View) error {
	if len(v.Org.Snapshots) == 0 {
		return nil
	}
	var err error
	v.Actions, err = s.actionsPanel(ctx, c, actions.Filter{}, nil, actionviews.Panel{Heading: "actions.panel.doing", TestID: "org-actions",
		Empty: "actions.panel.none"})
	v.YouSaid = youSaidPath(v.Org.Snapshot.ID)
	return err
}

// summaryActions adds to the readout's and present mode's summary what
// people said last time beside what was done, and every action's status.
func (s *Server) summaryActions(ctx context.Context, v *org.View) error {
	if len(v.Summary) == 0 {
		return nil
	}
	more, err := s.deps.Services.Actions.Findings(s.results.Org)(ctx, v.Org)
	if err != nil {
		return err
	}
	v.Summary = append(v.Summary, more...)
	if len(v.Actions.Actions) > 0 {
		l := i18n.From(ctx)
		f := readout.Finding{Key: "actions", Heading: l.T("readout.actions.heading"), Big: l.Number(len(v.Actions.Actions)),
			Text: l.T("readout.actions.text")}
		for _, a := range v.Actions.Actions {
			f.Items = append(f.Items, a.Line(l))
		}
		v.Summary = append(v.Summary, f)
	}
	return nil
}
