package web

import (
	"context"
	"encoding/json"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/systemmetrics"
)

// correlations correlates every linked driver and metric across the teams
// of an organisation dashboard: each shown team's score (the results
// code's, so only groups of at least k) against its metric over the
// quarter up to the snapshot. Teams with sub-teams are left out (their
// people are their sub-teams').
func (s *Server) correlations(ctx context.Context, d results.OrgDashboard) ([]metrics.Correlation, error) {
	if len(d.Snapshots) == 0 {
		return nil, nil
	}
	return s.metrics.Correlations(ctx, snapshotWeek(d.Snapshot), shownScores(d))
}

// shownScores is each driver's scores of the teams the dashboard shows
// without sub-teams.
func shownScores(d results.OrgDashboard) map[string][]metrics.TeamScore {
	scores := map[string][]metrics.TeamScore{}
	parents := parentTeams(d)
	for _, row := range d.Rows {
		if !row.View.IsShown() || parents[row.Team.ID] {
			continue
		}
		for i, dr := range d.Drivers {
			if i < len(row.Cells) && row.Cells[i].Score.OK {
				scores[dr.Key] = append(scores[dr.Key], metrics.TeamScore{TeamID: row.Team.ID, TeamPath: row.Team.Path, Score: float64(row.Cells[i].Score.Value)})
			}
		}
	}
	return scores
}

// parentTeams are the teams with sub-teams: their groups hold their
// sub-teams' people, so correlations across teams leave them out and
// nobody counts twice.
func parentTeams(d results.OrgDashboard) map[int64]bool {
	out := map[int64]bool{}
	for _, row := range d.Rows {
		if row.Team.ParentID != nil {
			out[*row.Team.ParentID] = true
		}
	}
	return out
}

// shownTeams are the teams without sub-teams whose group the dashboard shows.
func shownTeams(d results.OrgDashboard) []metrics.TeamScore {
	var out []metrics.TeamScore
	parents := parentTeams(d)
	for _, row := range d.Rows {
		if row.View.IsShown() && !parents[row.Team.ID] {
			out = append(out, metrics.TeamScore{TeamID: row.Team.ID, TeamPath: row.Team.Path})
		}
	}
	return out
}

// shownShares reads the shares of a question's answers in each team the
// org dashboard shows (results.QuestionShares keeps those where at least
// k answered it), with those teams.
func (s *Server) shownShares(ctx context.Context, d results.OrgDashboard, key string) ([]metrics.TeamScore, map[int64]results.TeamShares, error) {
	teams := shownTeams(d)
	if len(d.Snapshots) == 0 || len(teams) == 0 {
		return nil, nil, nil
	}
	ids := make([]int64, len(teams))
	for i, t := range teams {
		ids[i] = t.TeamID
	}
	shares, err := s.results.QuestionShares(ctx, d.Snapshot.ID, key, ids)
	return teams, shares, err
}

// aiMetric names a team's AI-assistant use on the correlations page.
const aiMetric = "frequent AI-assistant users (weekly or more, % of respondents)"

// aiCorrelations correlates each driver's team scores with the team's
// share of frequent AI-assistant users, over the shown teams where at
// least k people answered the frequency question.
func (s *Server) aiCorrelations(ctx context.Context, d results.OrgDashboard) ([]metrics.Correlation, error) {
	_, shares, err := s.shownShares(ctx, d, survey.KeyAIFrequency)
	if err != nil || len(shares) == 0 {
		return nil, err
	}
	use := map[int64]float64{}
	for team, ts := range shares {
		for _, f := range results.HeavyAIUse {
			use[team] += ts.Shares[f]
		}
	}
	scores := shownScores(d)
	var out []metrics.Correlation
	for _, dr := range d.Drivers {
		out = append(out, metrics.CorrelateTeams(dr.Key, dr.Name, scores[dr.Key], aiMetric, "%", use))
	}
	return out, nil
}

// timeKey marks a correlation whose across axis is a share of time, not
// a driver's score.
const timeKey = systemmetrics.TimeKey

// timeMatches pairs a "where time goes" category of the default survey
// with the system figure that measures the same work.
var timeMatches = []struct{ Category, Metric string }{
	{"Incidents and on-call", metrics.TimeToRestore},
	{"Bugs and maintenance", metrics.PRBugFixShare},
}

// timeCorrelations correlates each team's reported share of time in a
// category with the mean of its matching figure over the quarter, over
// the shown teams where at least k people answered the time question.
func (s *Server) timeCorrelations(ctx context.Context, d results.OrgDashboard) ([]metrics.Correlation, error) {
	teams, shares, err := s.shownShares(ctx, d, survey.KeyAllocation)
	if err != nil || len(shares) == 0 {
		return nil, err
	}
	names := make([]string, len(timeMatches))
	for i, m := range timeMatches {
		names[i] = m.Metric
	}
	means, units, err := s.metrics.Means(ctx, snapshotWeek(d.Snapshot), names)
	if err != nil {
		return nil, err
	}
	var out []metrics.Correlation
	for _, m := range timeMatches {
		var xs []metrics.TeamScore
		for _, t := range teams {
			if ts, ok := shares[t.TeamID]; ok {
				xs = append(xs, metrics.TeamScore{TeamID: t.TeamID, TeamPath: t.TeamPath, Score: math.Round(ts.Shares[m.Category])})
			}
		}
		name := i18n.T(ctx, "org.corr.time_share", "Category", strings.ToLower(m.Category))
		c := metrics.CorrelateTeams(timeKey, name, xs, m.Metric, units[m.Metric], means[m.Metric])
		out = append(out, c)
	}
	return out, nil
}

// correlationsView adds a scatter plot to each correlation shown.
func correlationsView(d results.OrgDashboard, cs []metrics.Correlation) systemmetrics.CorrelationsView {
	return systemmetrics.CorrelationsView{Snapshot: d.Snapshot.Title, Items: correlationItems(cs)}
}

func correlationItems(cs []metrics.Correlation) []systemmetrics.CorrelationItem {
	var out []systemmetrics.CorrelationItem
	for _, c := range cs {
		item := systemmetrics.CorrelationItem{Correlation: c}
		if c.OK {
			item.Chart = scatterChart(c)
		}
		out = append(out, item)
	}
	return out
}

// sentimentView adds AI-assistant use and where time goes to the
// correlations: across teams, and heavy against light AI users.
func (s *Server) sentimentView(ctx context.Context, d results.OrgDashboard, v *systemmetrics.CorrelationsView) error {
	ai, err := s.aiCorrelations(ctx, d)
	if err != nil {
		return err
	}
	tc, err := s.timeCorrelations(ctx, d)
	if err != nil {
		return err
	}
	v.Snapshot, v.AI, v.Time = d.Snapshot.Title, correlationItems(ai), correlationItems(tc)
	if len(d.Snapshots) > 0 && d.View.IsShown() {
		v.AISplit, err = s.results.AISplit(ctx, d.Snapshot.ID)
	}
	return err
}

// scatterChart draws one point per team: driver score across, metric up.
func scatterChart(c metrics.Correlation) string {
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Name: xAxisName(c), NameLocation: "middle", NameGap: 28, Type: "value"}),
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

// xAxisName names the across axis: a driver's favorable score or a share of time.
func xAxisName(c metrics.Correlation) string {
	if c.DriverKey == timeKey {
		return c.DriverName + " (%)"
	}
	return c.DriverName + " (favorable %)"
}
