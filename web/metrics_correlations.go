package web

import (
	"context"
	"encoding/json"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/templates/systemmetrics"
)

// correlations correlates every linked driver and metric across the teams
// of an organisation dashboard: each shown team's score (the results
// code's, so only groups of at least k) against its metric over the
// quarter up to the snapshot.
func (s *Server) correlations(ctx context.Context, d results.OrgDashboard) ([]metrics.Correlation, error) {
	if len(d.Snapshots) == 0 {
		return nil, nil
	}
	scores := map[string][]metrics.TeamScore{}
	for _, row := range d.Rows {
		if !row.View.IsShown() {
			continue
		}
		for i, dr := range d.Drivers {
			if i < len(row.Cells) && row.Cells[i].Score.OK {
				scores[dr.Key] = append(scores[dr.Key], metrics.TeamScore{TeamID: row.Team.ID, TeamPath: row.Team.Path, Score: float64(row.Cells[i].Score.Value)})
			}
		}
	}
	return s.metrics.Correlations(ctx, snapshotWeek(d.Snapshot), scores)
}

// correlationsView adds a scatter plot to each correlation shown.
func correlationsView(d results.OrgDashboard, cs []metrics.Correlation) systemmetrics.CorrelationsView {
	v := systemmetrics.CorrelationsView{Snapshot: d.Snapshot.Title}
	for _, c := range cs {
		item := systemmetrics.CorrelationItem{Correlation: c}
		if c.OK {
			item.Chart = scatterChart(c)
		}
		v.Items = append(v.Items, item)
	}
	return v
}

// scatterChart draws one point per team: driver score across, metric up.
func scatterChart(c metrics.Correlation) string {
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Name: c.DriverName + " (favorable %)", NameLocation: "middle", NameGap: 28, Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Name: c.Metric, Type: "value", Scale: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "56", Right: "16", Top: "40", Bottom: "48"}),
	)
	data := make([]opts.ScatterData, len(c.Pairs))
	for i, p := range c.Pairs {
		data[i] = opts.ScatterData{Name: p.TeamPath, Value: []float64{p.Score, p.Value}, SymbolSize: 10}
	}
	sc.AddSeries("Teams", data)
	sc.Validate()
	b, err := json.Marshal(sc.JSON())
	if err != nil {
		return ""
	}
	return string(b)
}
