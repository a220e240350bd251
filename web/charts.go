package web

import (
	"cmp"
	"encoding/json"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/results"
)

// trendChart is the ECharts option of a dashboard's trend: one line per
// driver across the snapshots, with gaps where the group was hidden. It
// is built with go-echarts and handed to the page as JSON, which
// static/js/charts.js draws with our own copy of ECharts (no inline
// script, no CDN). Overall satisfaction and the four drivers that moved
// most start selected; the legend toggles the rest.
func trendChart(d results.Dashboard) string {
	if len(d.Trend) < 1 || !d.View.IsShown() {
		return ""
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 100, Name: "favorable %"}),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "16", Top: "32", Bottom: "96"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0", Selected: selectedSeries(d)}),
	)
	var titles []string
	for _, p := range d.Trend {
		titles = append(titles, p.Snapshot.Title)
	}
	line.SetXAxis(titles)
	rows := d.Drivers
	if d.Overall != nil {
		rows = append([]results.DriverRow{*d.Overall}, rows...)
	}
	for _, r := range rows {
		var data []opts.LineData
		for _, p := range d.Trend {
			s, ok := p.Scores[r.Key]
			if !ok || !s.OK {
				data = append(data, opts.LineData{Value: nil})
				continue
			}
			data = append(data, opts.LineData{Value: s.Value})
		}
		line.AddSeries(r.Name, data)
	}
	line.Validate()
	b, err := json.Marshal(line.JSON())
	if err != nil {
		return ""
	}
	return string(b)
}

// selectedSeries starts the chart with overall satisfaction and the four
// drivers whose score moved most since the previous snapshot.
func selectedSeries(d results.Dashboard) map[string]bool {
	rows := slices.Clone(d.Drivers)
	abs := func(n int) int { return max(n, -n) }
	slices.SortStableFunc(rows, func(a, b results.DriverRow) int {
		return cmp.Compare(abs(b.Delta.Points), abs(a.Delta.Points))
	})
	sel := map[string]bool{}
	for i, r := range rows {
		sel[r.Name] = i < 4
	}
	if d.Overall != nil {
		sel[d.Overall.Name] = true
	}
	return sel
}

// scoreChart is the ECharts option of the organisation's score per driver,
// with the benchmark median beside it where one is imported.
func scoreChart(d results.OrgDashboard) string {
	if !d.View.IsShown() || len(d.Drivers) == 0 {
		return ""
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 100, Name: "favorable %"}),
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Rotate: 35, Interval: "0"}}),
		charts.WithGridOpts(opts.Grid{Left: "16", Right: "16", Top: "40", Bottom: "16", ContainLabel: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
	)
	var names []string
	var scores, medians []opts.BarData
	hasBenchmark := false
	for _, dr := range d.Drivers {
		names = append(names, dr.Name)
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
	bar.SetXAxis(names).AddSeries("Organisation", scores)
	if hasBenchmark {
		bar.AddSeries("Benchmark median", medians)
	}
	bar.Validate()
	b, err := json.Marshal(bar.JSON())
	if err != nil {
		return ""
	}
	return string(b)
}
