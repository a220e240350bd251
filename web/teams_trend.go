package web

import (
	"encoding/json"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/templates/teams"
)

// trendChart is the ECharts option of one driver's trend on a team
// dashboard: its favorable score across the snapshots, with gaps where the
// group was hidden. One line a reader picks (?trend=KEY, overall
// satisfaction by default, see teams.TrendKey) reads at a glance where sixteen did not. It is
// built with go-echarts and handed to the page as JSON, which
// static/js/charts.js draws with our own copy of ECharts (no inline
// script, no CDN). Empty when the group is hidden or has fewer than two
// snapshots to draw.
func trendChart(l *i18n.Localizer, d results.Dashboard, key string) string {
	if !d.View.IsShown() || len(d.Trend) < 2 || key == "" {
		return ""
	}
	name := teams.TrendName(d, key)
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 100, Name: l.T("teams.chart.favorable")}),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "24", Top: "40", Bottom: "32"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	var titles []string
	var data []opts.LineData
	for _, p := range d.Trend {
		titles = append(titles, p.Snapshot.Title)
		if s, ok := p.Scores[key]; ok && s.OK {
			data = append(data, opts.LineData{Value: s.Value})
		} else {
			data = append(data, opts.LineData{Value: nil})
		}
	}
	line.SetXAxis(titles)
	line.AddSeries(name, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	line.Validate()
	b, err := json.Marshal(line.JSON())
	if err != nil {
		return ""
	}
	return string(b)
}
