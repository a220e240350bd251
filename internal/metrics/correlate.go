package metrics

import (
	"context"
	"sort"

	"github.com/devpulse/devpulse/internal/insight"
)

// TeamScore is one team's favorable score of a driver in a snapshot, for
// a team the results code showed (at least k respondents).
type TeamScore struct {
	TeamID   int64
	TeamPath string
	Score    float64
}

// Pair is one team's driver score and metric value.
type Pair struct {
	TeamPath string  `json:"team"`
	Score    float64 `json:"score"`
	Value    float64 `json:"value"`
}

// Correlation is one linked driver and metric across the teams that
// have both, with Spearman's rho when at least 8 teams do.
type Correlation struct {
	DriverKey, DriverName, Metric, Unit, Direction string
	insight.RankCorrelation
	// Pairs are the teams' values, by team path.
	Pairs []Pair
}

// CorrelationWeeks is how many weeks up to a snapshot's week a team's
// metric is averaged over: the quarter the snapshot asked about.
const CorrelationWeeks = 13

// Correlations correlates, for every link, the teams' scores of the
// driver (scores, by driver key) with the mean of their metric over the
// CorrelationWeeks weeks up to snapshotWeek.
func (s *Store) Correlations(ctx context.Context, snapshotWeek string, scores map[string][]TeamScore) ([]Correlation, error) {
	links, err := s.Links(ctx)
	if err != nil || len(links) == 0 {
		return nil, err
	}
	names := map[string]bool{}
	for _, l := range links {
		names[l.MetricName] = true
	}
	means, units, err := s.Means(ctx, snapshotWeek, keys(names))
	if err != nil {
		return nil, err
	}
	out := make([]Correlation, 0, len(links))
	for _, l := range links {
		c := Correlation{DriverKey: l.DriverKey, DriverName: l.DriverName, Metric: l.MetricName, Unit: units[l.MetricName], Direction: l.Direction}
		c.Pairs, c.RankCorrelation = pairUp(scores[l.DriverKey], means[l.MetricName])
		out = append(out, c)
	}
	return out, nil
}

// Means is each team's mean of each named metric over the
// CorrelationWeeks weeks up to snapshotWeek, by name and team, with each
// name's unit.
func (s *Store) Means(ctx context.Context, snapshotWeek string, names []string) (map[string]map[int64]float64, map[string]string, error) {
	first, err := AddWeeks(snapshotWeek, 1-CorrelationWeeks)
	if err != nil {
		return nil, nil, err
	}
	var rows []struct {
		TeamID int64
		Name   string
		Mean   float64
		Unit   string
	}
	err = s.db.WithContext(ctx).Model(&Value{}).Select("team_id, name, AVG(value) AS mean, MAX(unit) AS unit").
		Where("name IN ? AND iso_week BETWEEN ? AND ?", names, first, snapshotWeek).Group("team_id, name").Scan(&rows).Error
	if err != nil {
		return nil, nil, wrap(err, "correlations: means")
	}
	means, units := map[string]map[int64]float64{}, map[string]string{}
	for _, r := range rows {
		if means[r.Name] == nil {
			means[r.Name] = map[int64]float64{}
		}
		means[r.Name][r.TeamID], units[r.Name] = r.Mean, r.Unit
	}
	return means, units, nil
}

// CorrelateTeams correlates teams' scores (across) with another figure of
// the same teams (values, by team; up), over the teams that have both.
func CorrelateTeams(driverKey, driverName string, scores []TeamScore, metric, unit string, values map[int64]float64) Correlation {
	c := Correlation{DriverKey: driverKey, DriverName: driverName, Metric: metric, Unit: unit}
	c.Pairs, c.RankCorrelation = pairUp(scores, values)
	return c
}

// pairUp pairs each team's score with its value, by team path, and ranks them.
func pairUp(scores []TeamScore, values map[int64]float64) ([]Pair, insight.RankCorrelation) {
	var pairs []Pair
	var xs, ys []float64
	for _, ts := range scores {
		if v, ok := values[ts.TeamID]; ok {
			pairs = append(pairs, Pair{TeamPath: ts.TeamPath, Score: ts.Score, Value: v})
			xs, ys = append(xs, ts.Score), append(ys, v)
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].TeamPath < pairs[j].TeamPath })
	return pairs, insight.Spearman(xs, ys)
}
