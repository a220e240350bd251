package web

import (
	"encoding/json"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/results"
)

// scoreChart is the ECharts option of the organisation's score per driver,
// with the benchmark median beside it where one is imported. The bars lie
// flat so every driver's name reads whole at the left, on a phone too.
// Its words are in l's language; the names are the dashboard's own.
func scoreChart(l *i18n.Localizer, d results.OrgDashboard) string {
	if !d.View.IsShown() || len(d.Drivers) == 0 {
		return ""
	}
	bar := flatBars(opts.XAxis{Min: 0, Max: 100, Name: l.T("teams.chart.favorable"), NameLocation: "middle", NameGap: 28})
	var names []string
	var scores, medians []opts.BarData
	hasBenchmark := false
	for _, dr := range d.Drivers {
		names = append(names, chartLabel(dr.Name))
		var v any
		if dr.Score.OK {
			v = dr.Score.Value
		}
		scores = append(scores, opts.BarData{Value: v})
		var m any
		if b, ok := d.Benchmarks[dr.Key]; ok && b.OK {
			m, hasBenchmark = b.Percentiles.P50, true
		}
		medians = append(medians, opts.BarData{Value: m})
	}
	bar.SetXAxis(names).AddSeries(l.T("teams.chart.organisation"), scores)
	if hasBenchmark {
		bar.AddSeries(l.T("teams.chart.benchmark_median"), medians)
	}
	return chartJSON(bar)
}

// moverChart is present mode's chart of the organisation's significant
// changes: each driver's change in points, declines in red and
// improvements in green (the slide's ▲ or ▼ says it in words too).
func moverChart(l *i18n.Localizer, ms []results.Mover) string {
	var names []string
	var data []opts.BarData
	for _, m := range ms {
		if m.Team != "" || len(names) == 8 {
			continue
		}
		colour := chartGood
		if m.Delta.Points < 0 {
			colour = chartBad
		}
		names = append(names, chartLabel(m.Driver))
		data = append(data, opts.BarData{Value: m.Delta.Points, ItemStyle: &opts.ItemStyle{Color: colour},
			Label: &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: l.T("teams.chart.points")}})
	}
	if len(names) == 0 {
		return ""
	}
	bar := flatBars(opts.XAxis{Name: l.T("teams.chart.change_points"), NameLocation: "middle", NameGap: 28})
	bar.SetXAxis(names).AddSeries(l.T("teams.chart.change"), data, charts.WithBarChartOpts(opts.BarChart{BarWidth: "24"}))
	bar.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	return chartJSON(bar)
}

// priorityChart is present mode's chart of the share of people who picked
// each driver among the three they most want improved, top five.
func priorityChart(l *i18n.Localizer, d results.OrgDashboard) string {
	var names []string
	var data []opts.BarData
	for _, p := range d.Priorities[:min(5, len(d.Priorities))] {
		if !p.Priority.OK {
			continue
		}
		names = append(names, chartLabel(p.Name))
		data = append(data, opts.BarData{Value: p.Priority.Value, Label: &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{c}%"}})
	}
	if len(names) == 0 {
		return ""
	}
	bar := flatBars(opts.XAxis{Min: 0, Max: 100, Name: l.T("teams.chart.picked_axis"), NameLocation: "middle", NameGap: 28})
	bar.SetXAxis(names).AddSeries(l.T("teams.chart.picked"), data, charts.WithBarChartOpts(opts.BarChart{BarWidth: "24"}))
	bar.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	return chartJSON(bar)
}

// The colours of good and bad news in charts: --good and --bad of app.css.
const (
	chartGood = "#1e7b4a"
	chartBad  = "#b42318"
)

// flatBars is a horizontal bar chart, first category at the top, whose
// grid makes room for the category names (see chartLabel) so none is
// clipped, on a phone too.
func flatBars(x opts.XAxis) *charts.Bar {
	x.Type = "value"
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithXAxisOpts(x),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0", LineHeight: "15"}}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "48", Top: "32", Bottom: "36", ContainLabel: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
	)
	return bar.XYReversal()
}

// chartLabel breaks a long name over two lines at the space nearest its
// middle, so the label column stays narrow enough for a phone.
// (go-echarts' overflow "break" dropped the second line.)
func chartLabel(name string) string {
	if len(name) <= 16 {
		return name
	}
	best, mid := -1, len(name)/2
	for i, r := range name {
		if r == ' ' && (best < 0 || max(i-mid, mid-i) < max(best-mid, mid-best)) {
			best = i
		}
	}
	if best < 0 {
		return name
	}
	return name[:best] + "\n" + name[best+1:]
}

func chartJSON(bar *charts.Bar) string {
	bar.Validate()
	b, err := json.Marshal(bar.JSON())
	if err != nil {
		return ""
	}
	// go-echarts types lineHeight as a string, which ECharts ignores for
	// a label of two lines; it must be a number.
	return strings.ReplaceAll(string(b), `"lineHeight":"15"`, `"lineHeight":15`)
}
