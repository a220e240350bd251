package goals

import (
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
)

// Judged is a goal beside the numbers of the dashboard it shows on.
type Judged struct {
	Goal
	DriverName string
	// Baseline is the team's score on the driver when the goal was set.
	Baseline insight.Score
	// Judged: the dashboard's snapshot is the one after the baseline, so
	// Now, Change and Verdict are set.
	Judged  bool
	Now     insight.Score
	Change  insight.Delta
	Verdict string
}

// Judge places a team's goals on its unfiltered dashboard d: goals set
// after d's snapshot are being worked on (with their baseline score);
// goals set after the snapshot before it are judged met, not met or not
// measurable. Every number comes from d, so a group or driver the stored
// decisions hide is not measurable. Other goals are left out.
func Judge(gs []Goal, d results.Dashboard) []Judged {
	rows := map[string]results.DriverRow{}
	for _, r := range d.Drivers {
		rows[r.Key] = r
	}
	var out []Judged
	for _, g := range gs {
		r, ok := rows[g.DriverKey]
		j := Judged{Goal: g, DriverName: r.Name}
		if j.DriverName == "" {
			j.DriverName = g.DriverKey
		}
		switch {
		case g.BaselineID == d.Snapshot.ID:
			if ok {
				j.Baseline = r.Score
			}
		case d.Previous != nil && g.BaselineID == d.Previous.ID:
			j.Judged = true
			if ok {
				j.Now, j.Change = r.Score, r.Delta
				if r.Delta.OK {
					j.Baseline = insight.Score{Value: r.Score.Value - r.Delta.Points, OK: true}
				}
			}
			j.Verdict = insight.GoalVerdict(g.Kind, g.Target, j.Baseline, j.Now)
		default:
			continue
		}
		out = append(out, j)
	}
	return out
}
