package web

import (
	"maps"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/templates/org"
)

// showOrg is the organisation's dashboard for executives and admins.
func (s *Server) showOrg(c echo.Context) error {
	v, err := s.orgView(c)
	if err == nil {
		err = s.orgPulse(c, &v)
	}
	if err != nil {
		return err
	}
	if v.Metrics, err = s.orgMetrics(c.Request().Context(), v.Org); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, org.Page(v))
}

// showReadout is the executive summary as a printable document.
func (s *Server) showReadout(c echo.Context) error {
	v, err := s.orgView(c)
	if err == nil {
		err = s.orgPulse(c, &v)
	}
	if err == nil {
		err = s.summaryActions(c.Request().Context(), &v)
	}
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, org.Readout(v))
}

// showPresent is the executive summary, one finding per screen.
func (s *Server) showPresent(c echo.Context) error {
	v, err := s.orgView(c)
	if err == nil {
		err = s.summaryActions(c.Request().Context(), &v)
	}
	if err != nil {
		return err
	}
	v.SlideCharts = map[string]string{"scores": v.ScoreChart}
	if v.Org.View.IsShown() {
		l := i18n.From(c.Request().Context())
		v.SlideCharts["improvements"] = moverChart(l, v.Org.Up)
		v.SlideCharts["declines"] = moverChart(l, v.Org.Down)
		v.SlideCharts["priorities"] = priorityChart(l, v.Org)
	}
	maps.DeleteFunc(v.SlideCharts, func(_, chart string) bool { return chart == "" })
	return s.render(c, http.StatusOK, org.Present(v))
}

// orgView reads the query (snapshot, compare, view) and the dashboard.
func (s *Server) orgView(c echo.Context) (org.View, error) {
	q := results.OrgQuery{Shared: !principal(c).AllTeams()}
	for name, into := range map[string]*int64{"snapshot": &q.SnapshotID, "compare": &q.CompareID} {
		id, _, err := queryID(c, name)
		if err != nil {
			return org.View{}, err
		}
		*into = id
	}
	d, err := s.results.Org(c.Request().Context(), q)
	if err != nil {
		return org.View{}, err
	}
	v := org.View{Org: d, Mode: "score", ScoreChart: scoreChart(i18n.From(c.Request().Context()), d), ReadOnly: q.Shared}
	for _, m := range org.Modes {
		if c.QueryParam("view") == m.Key {
			v.Mode = m.Key
		}
	}
	if len(d.Snapshots) > 0 {
		v.Summary = readout.Summary(i18n.From(c.Request().Context()), d)
	}
	if err := s.orgGoals(c.Request().Context(), &v); err != nil {
		return v, err
	}
	return v, s.orgActions(c.Request().Context(), c, &v)
}

// orgPulse adds the organisation's pulse between quarters, with the
// quarterly points of the snapshots the reader's dashboard lists.
func (s *Server) orgPulse(c echo.Context, v *org.View) error {
	ctx := c.Request().Context()
	all, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	v.Pulse, err = s.groupPulse(ctx, results.Org, all, v.ReadOnly)
	return err
}
