package results

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// ErrNotComputed: the snapshot has closed but its results have not been
// materialised yet (the close job is still to run).
var ErrNotComputed = errors.New("results: the snapshot's results are not computed yet")

// OrgPath is the team path of the organisation's rows in exports.
const OrgPath = "(organisation)"

// AggregateRow is one group's numbers for one driver in an export: a team
// with its sub-teams (or the organisation) and a rated driver, overall
// satisfaction included. Counts are always set; the rest only when Hidden
// is Shown, as on the dashboard.
type AggregateRow struct {
	SnapshotID    int64
	SnapshotTitle string
	// TeamID is Org for the organisation, whose TeamPath is OrgPath.
	TeamID     int64
	TeamPath   string
	DriverKey  string
	DriverName string
	// Responses is the group's submitted responses, Invited its invitations.
	Responses     int
	Invited       int
	Participation insight.Score
	Hidden        Hidden
	Score         insight.Score
	Mean          float64
	MeanOK        bool
	Answered      int
	NotApplicable int
	// Delta against the previous materialised snapshot, when the group
	// was shown in both.
	Delta insight.Delta
	// Priority is absent when the snapshot asked no priority question.
	Priority insight.Score
}

// Latest returns the most recently closed snapshot with results; ok is
// false when none has any.
func (s *Store) Latest(ctx context.Context) (survey.Snapshot, bool, error) {
	series, err := s.series(ctx)
	if err != nil || len(series) == 0 {
		return survey.Snapshot{}, false, err
	}
	return series[len(series)-1], true, nil
}

// exportSnapshot returns a snapshot whose results are materialised and
// the one materialised before it (nil for the first): ErrNotClosed while
// it has not closed, ErrNotComputed until its results exist.
func (s *Store) exportSnapshot(ctx context.Context, snapshotID int64) (survey.Snapshot, *survey.Snapshot, error) {
	snap, err := s.surveys.Snapshot(ctx, snapshotID)
	if err != nil {
		return snap, nil, err
	}
	if snap.State != survey.Closed && snap.State != survey.Published {
		return snap, nil, ErrNotClosed
	}
	series, err := s.series(ctx)
	if err != nil {
		return snap, nil, err
	}
	at := slices.IndexFunc(series, func(x survey.Snapshot) bool { return x.ID == snapshotID })
	if at < 0 {
		return snap, nil, ErrNotComputed
	}
	if at == 0 {
		return series[at], nil, nil
	}
	return series[at], &series[at-1], nil
}

// Aggregates returns a materialised snapshot's numbers per group and
// driver for an export, suppressed as on the dashboards (the same group
// views, unfiltered). teams lists the teams the viewer may see, each
// exported with its sub-teams; nil means every team and the organisation
// first. Rows follow team paths, then the snapshot's driver order with
// overall satisfaction last.
func (s *Store) Aggregates(ctx context.Context, snapshotID int64, teams []int64) ([]AggregateRow, error) {
	snap, prev, err := s.exportSnapshot(ctx, snapshotID)
	if err != nil {
		return nil, err
	}
	all, err := s.dir.Teams(ctx)
	if err != nil {
		return nil, err
	}
	ids := []int64{snap.ID}
	if prev != nil {
		ids = append(ids, prev.ID)
	}
	allSizes, err := s.loadSizes(ctx, all, ids, snap.ID, Filter{})
	if err != nil {
		return nil, err
	}
	outline, err := s.surveys.Outline(ctx, snap.ID)
	if err != nil {
		return nil, err
	}
	names, err := s.driverNames(ctx)
	if err != nil {
		return nil, err
	}
	tree, err := s.treeRatings(ctx, ids, everyGroup(all), Filter{})
	if err != nil {
		return nil, err
	}
	var prevOutline survey.Outline
	if prev != nil {
		if prevOutline, err = s.surveys.Outline(ctx, prev.ID); err != nil {
			return nil, err
		}
	}
	picks, err := s.treePicks(ctx, snap.ID, outline, everyGroup(all), Filter{})
	if err != nil {
		return nil, err
	}
	var out []AggregateRow
	for _, g := range exportGroups(all, teams) {
		view := allSizes[snap.ID].view(g.ID, Filter{})
		var prevDists map[string]insight.Distribution
		if prev != nil && allSizes[prev.ID].view(g.ID, Filter{}).IsShown() {
			prevDists = byKey(prevOutline, tree.shown(allSizes[prev.ID], prev.ID, g.ID, Filter{}))
		}
		var groupPicks map[string]int // nil: no priority question
		if picks != nil {
			if groupPicks = picks[g.ID]; groupPicks == nil {
				groupPicks = map[string]int{}
			}
		}
		base := AggregateRow{SnapshotID: snap.ID, SnapshotTitle: snap.Title, TeamID: g.ID, TeamPath: g.Path,
			Responses: view.Responses, Invited: view.Invited, Participation: insight.Participation(view.Submitted, view.Invited), Hidden: view.Hidden}
		out = append(out, aggregateRows(base, outline, names, view, byKey(outline, tree.shown(allSizes[snap.ID], snap.ID, g.ID, Filter{})), prevDists, groupPicks)...)
	}
	return out, nil
}

// aggregateRows fills one group's row per rated driver; a hidden group's
// rows keep only the counts.
func aggregateRows(base AggregateRow, o survey.Outline, names map[string]string, view GroupView,
	now, prev map[string]insight.Distribution, picks map[string]int) []AggregateRow {
	var out []AggregateRow
	for _, key := range ratedKeys(o) {
		row := base
		row.DriverKey, row.DriverName = key, names[key]
		if key == survey.KeyOverall {
			row.DriverName = "Overall satisfaction"
		}
		dist, ok := now[key]
		if view.IsShown() && !ok {
			row.Hidden = QuestionTooFew
		}
		if row.Hidden == Shown {
			row.Score = dist.Score()
			row.Mean, row.MeanOK = dist.Mean()
			row.Answered, row.NotApplicable = dist.Answered(), dist.NotApplicable()
			if p, ok := prev[key]; ok {
				row.Delta = insight.Compare(dist, p)
			}
			if picks != nil {
				row.Priority = insight.PriorityShare(picks[key], view.Responses)
			}
		}
		out = append(out, row)
	}
	return out
}

// exportGroups lists the groups of an export: the organisation and every
// team when teams is nil, otherwise those teams; by path.
func exportGroups(all []directory.Team, teams []int64) []directory.Team {
	var out []directory.Team
	for _, t := range all {
		if teams == nil || slices.Contains(teams, t.ID) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b directory.Team) int { return strings.Compare(a.Path, b.Path) })
	if teams == nil {
		out = append([]directory.Team{{ID: Org, Path: OrgPath}}, out...)
	}
	return out
}

// AggregateHeader is the header of AggregateCSV.
var AggregateHeader = []string{"snapshot", "team", "driver_key", "driver", "responses", "invited", "participation",
	"suppressed", "score", "mean", "answered", "not_applicable", "delta", "delta_significant", "priority_share"}

// AggregateCSV turns export rows into CSV cells under AggregateHeader.
// A hidden group's score cells are empty and suppressed says why
// (too_few or complementary).
func AggregateCSV(rows []AggregateRow) [][]string {
	out := make([][]string, 0, len(rows))
	for _, r := range rows {
		cells := []string{csvText(r.SnapshotTitle), csvText(r.TeamPath), csvText(r.DriverKey), csvText(r.DriverName),
			csvInt(r.Responses), csvInt(r.Invited), csvScore(r.Participation.OK, r.Participation.Value), string(r.Hidden)}
		if r.Hidden != Shown {
			cells = append(cells, "", "", "", "", "", "", "")
			out = append(out, cells)
			continue
		}
		mean := ""
		if r.MeanOK {
			mean = csvFloat(RoundMean(r.Mean))
		}
		significant := ""
		if r.Delta.OK {
			significant = fmt.Sprint(r.Delta.Significant)
		}
		cells = append(cells, csvScore(r.Score.OK, r.Score.Value), mean, csvInt(r.Answered), csvInt(r.NotApplicable),
			csvScore(r.Delta.OK, r.Delta.Points), significant, csvScore(r.Priority.OK, r.Priority.Value))
		out = append(out, cells)
	}
	return out
}

// RoundMean rounds a mean to the two decimals exports give.
func RoundMean(m float64) float64 { return math.Round(m*100) / 100 }
