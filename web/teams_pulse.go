package web

import (
	"context"
	"encoding/json"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/pulse"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// teamPulse builds the pulse section of a team's dashboard.
func (s *Server) teamPulse(ctx context.Context, teamID int64) (pulseviews.TeamPulseView, error) {
	k := s.deps.Config.K()
	progs, err := s.pulse.svc.ForTeam(ctx, teamID, k)
	if err != nil {
		return pulseviews.TeamPulseView{}, err
	}
	v := pulseviews.TeamPulseView{K: k}
	for _, p := range progs {
		v.Programmes = append(v.Programmes, pulseviews.TeamPulseProgramme{Name: p.Programme.Name, Driver: p.Programme.DriverKey,
			Weeks: p.Weeks, Chart: pulseChart(p)})
	}
	return v, nil
}

// pulseChart is the weekly favorable line of one programme, with gaps for
// weeks under the minimum group size.
func pulseChart(p pulse.TeamProgramme) string {
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 100, Name: "favorable %"}),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "16", Top: "32", Bottom: "32"}),
	)
	var weeks []string
	var data []opts.LineData
	shown := 0
	for _, w := range p.Weeks {
		weeks = append(weeks, w.Week)
		if w.Shown && w.Favorable.OK {
			data = append(data, opts.LineData{Value: w.Favorable.Value})
			shown++
		} else {
			data = append(data, opts.LineData{Value: nil})
		}
	}
	if shown == 0 {
		return ""
	}
	line.SetXAxis(weeks)
	line.AddSeries(p.Programme.Name, data)
	line.Validate()
	b, err := json.Marshal(line.JSON())
	if err != nil {
		return ""
	}
	return string(b)
}
