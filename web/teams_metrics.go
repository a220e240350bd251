package web

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/systemmetrics"
)

// metricWeeks is how many weeks of a linked metric a team dashboard shows.
const metricWeeks = 26

// teamMetrics builds the system metrics section of a team's dashboard:
// the team's own weekly values of every linked metric, beside the
// driver's quarterly scores as the results code read them (d.Trend). A
// team with sub-teams (subTeams, every level below it) shows its figures
// from events rolled up from them. Its words are in ctx's language, the
// drivers named as d names them.
func (s *Server) teamMetrics(ctx context.Context, teamID int64, subTeams []int64, d results.Dashboard) (systemmetrics.TeamMetricsView, error) {
	var v systemmetrics.TeamMetricsView
	var err error
	if v.Onboarding, err = s.metrics.Onboarding(ctx, teamID, time.Now(), s.results.K()); err != nil {
		return v, err
	}
	linked, err := s.metrics.LinkedSeries(ctx, teamID, subTeams, metricWeeks)
	if err != nil || len(linked) == 0 {
		return v, err
	}
	lastWeek := ""
	if len(d.Trend) > 0 {
		last := d.Trend[len(d.Trend)-1].Snapshot
		v.Snapshot, lastWeek = last.Title, snapshotWeek(last)
	}
	byDriver := map[string][]metrics.Linked{}
	var order []string
	for _, l := range linked {
		if byDriver[l.Link.DriverKey] == nil {
			order = append(order, l.Link.DriverKey)
		}
		byDriver[l.Link.DriverKey] = append(byDriver[l.Link.DriverKey], l)
	}
	names := map[string]string{}
	for _, r := range d.Drivers {
		names[r.Key] = r.Name
	}
	for _, key := range order {
		v.Drivers = append(v.Drivers, driverMetrics(ctx, byDriver[key], d.Trend, lastWeek, names[key]))
	}
	return v, nil
}

// snapshotWeek is the ISO week a snapshot's results belong to: the week
// it closed (or is due to close).
func snapshotWeek(s survey.Snapshot) string {
	switch {
	case s.ClosedAt != nil:
		return metrics.Week(*s.ClosedAt)
	case s.ClosesAt != nil:
		return metrics.Week(*s.ClosesAt)
	}
	return metrics.Week(s.CreatedAt)
}

// driverMetrics is one driver's chart, table and interim changes; name is
// the driver's in the reader's language ("" for the link's own).
func driverMetrics(ctx context.Context, ls []metrics.Linked, trend []results.TrendPoint, lastWeek, name string) systemmetrics.DriverMetrics {
	link := ls[0].Link
	if name == "" {
		name = link.DriverName
	}
	dm := systemmetrics.DriverMetrics{Key: link.DriverKey, Name: name}
	scores := map[string]results.TrendPoint{} // by week, shown scores only
	for _, p := range trend {
		if sc, ok := p.Scores[link.DriverKey]; ok && sc.OK && p.Shown {
			scores[snapshotWeek(p.Snapshot)] = p
		}
	}
	weeks := chartWeeks(ls, scores)
	values := make([]map[string]float64, len(ls))
	for i, l := range ls {
		values[i] = map[string]float64{}
		for _, p := range l.Points {
			values[i][p.Week] = p.Value
		}
		dm.Metrics = append(dm.Metrics, systemmetrics.MetricLine{Name: l.Link.MetricName, Unit: l.Unit, RolledUp: l.RolledUp,
			Direction: l.Link.Direction, Interim: metrics.InterimChange(l.Link, l.Points, lastWeek)})
	}
	for i := len(weeks) - 1; i >= 0; i-- {
		w := weeks[i]
		row := systemmetrics.WeekRow{Week: w}
		if p, ok := scores[w]; ok {
			row.Snapshot, row.Score = p.Snapshot.Title, fmt.Sprint(p.Scores[link.DriverKey].Value)
		}
		for j, l := range ls {
			if x, ok := values[j][w]; ok {
				row.Values = append(row.Values, systemmetrics.LocalValue(ctx, x, l.Unit))
			} else {
				row.Values = append(row.Values, "")
			}
		}
		dm.Rows = append(dm.Rows, row)
	}
	dm.Chart = metricChart(i18n.From(ctx), name, weeks, scores, link.DriverKey, ls, values)
	return dm
}

// chartWeeks spans the metrics' weeks, reaching back to the earliest
// snapshot within a year of the latest week so a score has a line.
func chartWeeks(ls []metrics.Linked, scores map[string]results.TrendPoint) []string {
	first, last := ls[0].Points[0].Week, ls[0].Points[0].Week
	for _, l := range ls {
		first, last = min(first, l.Points[0].Week), max(last, l.Points[len(l.Points)-1].Week)
	}
	floor, _ := metrics.AddWeeks(last, -52)
	for w := range scores {
		if w >= floor {
			first, last = min(first, w), max(last, w)
		}
	}
	weeks, _ := metrics.Weeks(first, last)
	return weeks
}

// metricChart draws the driver's score per snapshot (left axis, 0–100)
// and each linked metric per week (right axis) with go-echarts.
func metricChart(l *i18n.Localizer, name string, weeks []string, scores map[string]results.TrendPoint, key string, ls []metrics.Linked, values []map[string]float64) string {
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 100, Name: l.T("teams.chart.favorable")}),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "64", Top: "40", Bottom: "56"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)
	line.ExtendYAxis(opts.YAxis{Name: ls[0].Unit, Position: "right", SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	line.SetXAxis(weeks)
	score := make([]opts.LineData, len(weeks))
	for i, w := range weeks {
		if p, ok := scores[w]; ok {
			score[i] = opts.LineData{Value: p.Scores[key].Value}
		}
	}
	line.AddSeries(l.T("teams.chart.score", "Name", name), score, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true), SymbolSize: 10}))
	for j, l := range ls {
		data := make([]opts.LineData, len(weeks))
		for i, w := range weeks {
			if x, ok := values[j][w]; ok {
				data[i] = opts.LineData{Value: x}
			}
		}
		line.AddSeries(l.Link.MetricName, data, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1, ShowSymbol: opts.Bool(false)}))
	}
	line.Validate()
	b, err := json.Marshal(line.JSON())
	if err != nil {
		return ""
	}
	return string(b)
}
