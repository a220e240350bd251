package goals

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
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

// TeamJudged is a judged goal with its team, for the organisation's page.
type TeamJudged struct {
	Judged
	TeamPath string
}

// JudgeOrg places every team's goals on the org dashboard o: set after
// o's snapshot (working on), or after the snapshot o compares with
// (judged from the team's heatmap row, whose cells passed the stored
// decisions). Others are left out.
func JudgeOrg(gs []Goal, o results.OrgDashboard) []TeamJudged {
	cols := map[string]int{}
	for i, d := range o.Drivers {
		cols[d.Key] = i
	}
	rows := map[int64]results.OrgRow{}
	for _, r := range o.Rows {
		rows[r.Team.ID] = r
	}
	var out []TeamJudged
	for _, g := range gs {
		row, okRow := rows[g.TeamID]
		i, okCol := cols[g.DriverKey]
		j := TeamJudged{Judged: Judged{Goal: g, DriverName: g.DriverKey}, TeamPath: row.Team.Path}
		var cell results.OrgCell
		if okCol {
			j.DriverName = o.Drivers[i].Name
			if okRow {
				cell = row.Cells[i]
			}
		}
		switch {
		case g.BaselineID == o.Snapshot.ID:
			j.Baseline = cell.Score
		case o.Compare != nil && g.BaselineID == o.Compare.ID:
			j.Judged.Judged, j.Now, j.Change = true, cell.Score, cell.Delta
			if cell.Delta.OK {
				j.Baseline = insight.Score{Value: cell.Score.Value - cell.Delta.Points, OK: true}
			}
			j.Verdict = insight.GoalVerdict(g.Kind, g.Target, j.Baseline, j.Now)
		default:
			continue
		}
		out = append(out, j)
	}
	return out
}

// MetFinding names, for the executive summary and readout, the teams that
// set a goal after the snapshot titled since and met it, in l's language;
// ok is false when there is none.
func MetFinding(l *i18n.Localizer, js []TeamJudged, since string) (readout.Finding, bool) {
	f := readout.Finding{Key: "goals", Heading: l.T("readout.goals.heading"),
		Text: l.T("readout.goals.text", "Title", since)}
	seen := map[int64]bool{}
	for _, j := range js {
		if j.Verdict != insight.GoalMet {
			continue
		}
		if !seen[j.TeamID] {
			seen[j.TeamID] = true
			if f.Big == "" {
				f.Big = j.TeamPath
			}
		}
		f.Items = append(f.Items, l.T("readout.goals.item", "Team", j.TeamPath, "Driver", j.DriverName,
			"Goal", j.DescribeIn(l), "Change", changeText(l, j.Change)))
	}
	return f, len(f.Items) > 0
}

// DescribeIn is Describe in l's language.
func (g Goal) DescribeIn(l *i18n.Localizer) string {
	if g.Kind == insight.GoalPoints {
		return l.T("readout.goals.improve", "Target", g.Target)
	}
	return l.T("readout.goals.reach", "Target", g.Target)
}

func changeText(l *i18n.Localizer, d insight.Delta) string {
	switch {
	case !d.OK:
		return l.T("readout.goals.no_change")
	case d.Significant:
		return l.T("readout.goals.change_significant", "Points", fmt.Sprintf("%+d", d.Points))
	}
	return l.T("readout.goals.change", "Points", fmt.Sprintf("%+d", d.Points))
}

// Findings are the goals' findings about an org dashboard: the teams that
// set a goal after the snapshot it compares with and met it.
func (s *Service) Findings(ctx context.Context, o results.OrgDashboard) ([]readout.Finding, error) {
	if o.Compare == nil {
		return nil, nil
	}
	gs, err := s.ForSnapshots(ctx, o.Compare.ID)
	if err != nil {
		return nil, err
	}
	if f, ok := MetFinding(i18n.From(ctx), JudgeOrg(gs, o), o.Compare.Title); ok {
		return []readout.Finding{f}, nil
	}
	return nil, nil
}
