package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results"
)

// apiSeries is one metric's weekly values in the team metrics API.
type apiSeries struct {
	Name   string          `json:"name"`
	Unit   string          `json:"unit"`
	Points []metrics.Point `json:"points"`
}

// apiTeamMetrics returns a team's weekly values of every metric between
// ?from= and ?to= (ISO weeks, both included; the last 26 weeks by default).
func (s *Server) apiTeamMetrics(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	team, err := s.dir.Team(ctx, id)
	if err != nil {
		return err
	}
	to := c.QueryParam("to")
	if to == "" {
		to = metrics.Week(time.Now())
	}
	from := c.QueryParam("from")
	if from == "" {
		from, _ = metrics.AddWeeks(to, 1-metricWeeks)
	}
	for name, w := range map[string]string{"from": from, "to": to} {
		if _, err := metrics.WeekStart(w); err != nil {
			return c.JSON(http.StatusBadRequest, map[string]string{"message": name + ": " + err.Error()})
		}
	}
	vals, err := s.metrics.Series(ctx, team.ID, from, to)
	if err != nil {
		return err
	}
	out := []apiSeries{}
	for _, v := range vals {
		if len(out) == 0 || out[len(out)-1].Name != v.Name {
			out = append(out, apiSeries{Name: v.Name, Unit: v.Unit})
		}
		last := &out[len(out)-1]
		last.Points = append(last.Points, metrics.Point{Week: v.ISOWeek, Value: v.Value})
	}
	return c.JSON(http.StatusOK, map[string]any{"team": map[string]any{"id": team.ID, "path": team.Path}, "from": from, "to": to, "metrics": out})
}

// apiCorrelation is one driver–metric pair in the correlations API; rho
// and its interval are absent when the pair is not shown.
type apiCorrelation struct {
	Driver     string    `json:"driver"`
	DriverName string    `json:"driver_name"`
	Metric     string    `json:"metric"`
	Direction  string    `json:"good_direction"`
	N          int       `json:"n"`
	Shown      bool      `json:"shown"`
	Rho        *float64  `json:"rho"`
	Interval   []float64 `json:"interval_95"`
}

// apiCorrelations returns every linked driver and metric of a snapshot
// with n, rho, its 95% interval and whether it is shown (n >= 8), then
// the same for AI-assistant use against each driver and for the shares
// of time against their system figures, as the organisation page shows
// them.
func (s *Server) apiCorrelations(c echo.Context) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	d, err := s.results.Org(ctx, results.OrgQuery{SnapshotID: snap.ID})
	if err != nil {
		return err
	}
	metricPairs, err := s.correlations(ctx, d)
	if err != nil {
		return err
	}
	aiPairs, err := s.aiCorrelations(ctx, d)
	if err != nil {
		return err
	}
	timePairs, err := s.timeCorrelations(ctx, d)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"snapshot": map[string]any{"id": snap.ID, "title": snap.Title},
		"min_teams": insight.MinCorrelationTeams, "correlations": toAPICorrelations(metricPairs),
		"ai_use": toAPICorrelations(aiPairs), "time_shares": toAPICorrelations(timePairs),
		"note": "Correlation is not cause. Each pair ranks teams of at least k respondents by driver score (or share of time) and by the metric's mean over the 13 weeks up to the snapshot (or the team's share of frequent AI-assistant users)."})
}

// toAPICorrelations writes correlations for the API: rho and its interval
// only where the pair is shown.
func toAPICorrelations(cs []metrics.Correlation) []apiCorrelation {
	out := []apiCorrelation{}
	for _, x := range cs {
		a := apiCorrelation{Driver: x.DriverKey, DriverName: x.DriverName, Metric: x.Metric, Direction: x.Direction, N: x.N, Shown: x.OK}
		if x.OK {
			rho := x.Rho
			a.Rho, a.Interval = &rho, []float64{x.Low, x.High}
		}
		out = append(out, a)
	}
	return out
}
