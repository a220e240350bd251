package web

import (
	"cmp"
	"context"
	"encoding/json"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/results"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// pulseWeeksShown is how far back the dashboards' pulse reaches: two
// quarters, so the line has a quarterly point on each side.
const pulseWeeksShown = 26

// groupPulse builds the pulse section of a team's dashboard (the team
// with its sub-teams, like its quarterly scores) or, for results.Org, of
// the org readout. shared keeps the quarterly points to the snapshots the
// reader's dashboards show.
func (s *Server) groupPulse(ctx context.Context, teamID int64, all []directory.Team, shared bool) (pulseviews.TeamPulseView, error) {
	k := s.results.Threshold()
	v := pulseviews.TeamPulseView{K: k.K(), Org: teamID == results.Org}
	q := pulse.GroupQuery{Teams: all, TeamID: teamID, Since: events.ISOWeek(time.Now().AddDate(0, 0, -7*pulseWeeksShown)), K: k}
	if v.Org {
		q.TeamID = pulse.Org
	}
	progs, err := s.pulse.svc.ForGroup(ctx, q)
	if err != nil || len(progs) == 0 {
		return v, err
	}
	trend, err := s.results.Trend(ctx, results.TrendQuery{TeamID: teamID, Teams: all, Shared: shared})
	if err != nil {
		return v, err
	}
	if n := len(trend); n > 0 {
		v.Snapshot = trend[n-1].Snapshot.Title
		v.Participation = insight.Participation(trend[n-1].View.Submitted, trend[n-1].View.Invited)
	}
	keys := make([]string, len(progs))
	for i, p := range progs {
		keys[i] = p.Programme.DriverKey
	}
	names, err := s.surveys.DriverNames(ctx, keys)
	if err != nil {
		return v, err
	}
	for _, p := range progs {
		driver := cmp.Or(names[p.Programme.DriverKey], p.Programme.DriverKey)
		points := pulse.Between(p.Weeks, quarters(trend, p.Programme.DriverKey))
		v.Programmes = append(v.Programmes, pulseviews.TeamPulseProgramme{Name: p.Programme.Name, Driver: driver,
			Points: points, Recent: p.Recent, Chart: pulseChart(i18n.From(ctx), p.Programme.Name, driver, points)})
	}
	return v, nil
}

// quarters places the group's driver score of each snapshot at the ISO
// week it closed; a hidden group or question is an absent score.
func quarters(trend []results.TrendPoint, driver string) []pulse.Quarter {
	out := make([]pulse.Quarter, 0, len(trend))
	for _, p := range trend {
		q := pulse.Quarter{Title: p.Snapshot.Title, Week: events.ISOWeek(p.Snapshot.ClosedTime())}
		if p.Shown {
			q.Score = p.Scores[driver]
		}
		out = append(out, q)
	}
	return out
}

// pulseChart is one programme's weekly favorable line with the quarterly
// driver scores as points on the same weeks. Weeks under the minimum
// group size and hidden quarterly scores are gaps.
func pulseChart(l *i18n.Localizer, name, driver string, points []pulse.Point) string {
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 100, Name: l.T("pulsepages.chart.axis")}),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "16", Top: "32", Bottom: "64"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)
	var weeks []string
	var weekly []opts.LineData
	var quarterly []opts.ScatterData
	for _, p := range points {
		weeks = append(weeks, p.Week)
		if p.Pulse != nil && p.Pulse.Shown && p.Pulse.Favorable.OK {
			weekly = append(weekly, opts.LineData{Value: p.Pulse.Favorable.Value})
		} else {
			weekly = append(weekly, opts.LineData{Value: nil})
		}
		if p.Quarter != nil && p.Quarter.Score.OK {
			quarterly = append(quarterly, opts.ScatterData{Name: p.Quarter.Title, Value: []any{p.Week, p.Quarter.Score.Value},
				Symbol: "diamond", SymbolSize: 16})
		}
	}
	if len(weeks) == 0 {
		return ""
	}
	line.SetXAxis(weeks)
	line.AddSeries(l.T("pulsepages.chart.weekly", "Programme", name), weekly)
	scatter := charts.NewScatter()
	scatter.AddSeries(l.T("pulsepages.chart.quarterly", "Driver", driver), quarterly)
	line.Overlap(scatter)
	line.Validate()
	b, err := json.Marshal(line.JSON())
	if err != nil {
		return ""
	}
	return string(b)
}
