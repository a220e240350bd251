package web

import (
	"encoding/json"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/results"
)

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
