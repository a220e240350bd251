package metrics

import (
	"context"
	"fmt"
	"math"
)

// Point is one week's value of a series.
type Point struct {
	Week  string  `json:"week"`
	Value float64 `json:"value"`
}

// Linked is one team's weekly values of a metric linked to a driver.
type Linked struct {
	Link   Link
	Unit   string
	Points []Point
	// RolledUp is true when the values are the team's and its sub-teams'
	// together (see RolledUp).
	RolledUp bool
}

// LinkedSeries returns, for every link whose metric the team has values
// of, the team's last weeks of it (up to weeks, ending at the latest week
// of any linked metric of the team or its sub-teams), in link order. For
// a team with sub-teams (subTeams, all levels below it) the figures from
// events are rolled up from them (see RolledUp).
func (s *Store) LinkedSeries(ctx context.Context, teamID int64, subTeams []int64, weeks int) ([]Linked, error) {
	links, err := s.Links(ctx)
	if err != nil || len(links) == 0 {
		return nil, err
	}
	names := map[string]bool{}
	for _, l := range links {
		names[l.MetricName] = true
	}
	var last string
	err = s.db.WithContext(ctx).Model(&Value{}).Select("COALESCE(MAX(iso_week), '')").
		Where("team_id IN ? AND name IN ?", append([]int64{teamID}, subTeams...), keys(names)).Scan(&last).Error
	if err != nil || last == "" {
		return nil, wrap(err, "latest week of team %d", teamID)
	}
	first, err := AddWeeks(last, 1-weeks)
	if err != nil {
		return nil, err
	}
	var vals []Value
	err = s.db.WithContext(ctx).Where("team_id = ? AND name IN ? AND iso_week BETWEEN ? AND ?", teamID, keys(names), first, last).
		Order("iso_week").Find(&vals).Error
	if err != nil {
		return nil, wrap(err, "linked values of team %d", teamID)
	}
	if len(subTeams) > 0 {
		if vals, err = s.rollUp(ctx, teamID, subTeams, keys(names), first, last, vals); err != nil {
			return nil, err
		}
	}
	byName := map[string][]Value{}
	for _, v := range vals {
		byName[v.Name] = append(byName[v.Name], v)
	}
	var out []Linked
	for _, l := range links {
		vs := byName[l.MetricName]
		if len(vs) == 0 {
			continue
		}
		ls := Linked{Link: l, Unit: vs[len(vs)-1].Unit, RolledUp: len(subTeams) > 0 && RolledUp(l.MetricName)}
		for _, v := range vs {
			ls.Points = append(ls.Points, Point{Week: v.ISOWeek, Value: v.Value})
		}
		out = append(out, ls)
	}
	return out, nil
}

func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("metrics: "+format+": %w", append(args, err)...)
}

// Signal words of an interim change.
const (
	Improving = "improving"
	Worsening = "worsening"
	Steady    = "steady"
)

// InterimWeeks is how many weeks each side of an interim change averages.
const InterimWeeks = 4

// Interim is how a linked metric moved since a snapshot: the mean of the
// InterimWeeks weeks up to the snapshot's week against the mean of the
// latest InterimWeeks weeks after it. A move under 5% of the earlier
// mean is Steady.
type Interim struct {
	OK          bool
	Before, Now float64
	Change      float64
	Signal      string
}

// InterimChange compares points (in week order) around the snapshot week.
func InterimChange(l Link, points []Point, snapshotWeek string) Interim {
	var before, after []float64
	for _, p := range points {
		if p.Week <= snapshotWeek {
			before = append(before, p.Value)
		} else {
			after = append(after, p.Value)
		}
	}
	if len(before) == 0 || len(after) == 0 {
		return Interim{}
	}
	in := Interim{OK: true, Before: mean(before[max(0, len(before)-InterimWeeks):]), Now: mean(after[max(0, len(after)-InterimWeeks):])}
	in.Change = in.Now - in.Before
	switch {
	case math.Abs(in.Change) < 0.05*math.Abs(in.Before) || in.Change == 0:
		in.Signal = Steady
	case l.Better(in.Before, in.Now):
		in.Signal = Improving
	default:
		in.Signal = Worsening
	}
	return in
}

func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}
