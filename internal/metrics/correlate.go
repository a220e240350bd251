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
	first, err := AddWeeks(snapshotWeek, 1-CorrelationWeeks)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, l := range links {
		names[l.MetricName] = true
	}
	var rows []struct {
		TeamID int64
		Name   string
		Mean   float64
		Unit   string
	}
	err = s.db.WithContext(ctx).Model(&Value{}).Select("team_id, name, AVG(value) AS mean, MAX(unit) AS unit").
		Where("name IN ? AND iso_week BETWEEN ? AND ?", keys(names), first, snapshotWeek).Group("team_id, name").Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "correlations: means")
	}
	means, units := map[string]map[int64]float64{}, map[string]string{}
	for _, r := range rows {
		if means[r.Name] == nil {
			means[r.Name] = map[int64]float64{}
		}
		means[r.Name][r.TeamID], units[r.Name] = r.Mean, r.Unit
	}
	out := make([]Correlation, 0, len(links))
	for _, l := range links {
		c := Correlation{DriverKey: l.DriverKey, DriverName: l.DriverName, Metric: l.MetricName, Unit: units[l.MetricName], Direction: l.Direction}
		var xs, ys []float64
		for _, ts := range scores[l.DriverKey] {
			if v, ok := means[l.MetricName][ts.TeamID]; ok {
				c.Pairs = append(c.Pairs, Pair{TeamPath: ts.TeamPath, Score: ts.Score, Value: v})
				xs, ys = append(xs, ts.Score), append(ys, v)
			}
		}
		sort.Slice(c.Pairs, func(i, j int) bool { return c.Pairs[i].TeamPath < c.Pairs[j].TeamPath })
		c.RankCorrelation = insight.Spearman(xs, ys)
		out = append(out, c)
	}
	return out, nil
}
