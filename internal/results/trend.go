package results

import (
	"context"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// TrendQuery asks for a group's scores in every materialised snapshot.
type TrendQuery struct {
	// TeamID is the team, with its sub-teams; Org for the organisation.
	TeamID int64
	// Teams is the directory's team list.
	Teams []directory.Team
	// Shared keeps to snapshots shared with respondents (see shared.go).
	Shared bool
}

// Trend is a group's driver scores and participation in every
// materialised snapshot, oldest first, unfiltered: the dashboard's trend
// without the rest of the dashboard, for readers that place the quarterly
// points on a time axis of their own (the pulse between quarters).
func (s *Store) Trend(ctx context.Context, q TrendQuery) ([]TrendPoint, error) {
	series, err := s.seriesFor(ctx, q.Shared)
	if err != nil || len(series) == 0 {
		return nil, err
	}
	r := &dashboardReads{teams: q.Teams, upTo: series, outlines: map[int64]survey.Outline{}}
	ids := make([]int64, len(series))
	for i, snap := range series {
		ids[i] = snap.ID
		if r.outlines[snap.ID], err = s.surveys.Outline(ctx, snap.ID); err != nil {
			return nil, err
		}
	}
	// No snapshot is the current one: only the whole groups are read.
	if r.sizes, err = s.loadSizes(ctx, q.Teams, ids, 0, Filter{}); err != nil {
		return nil, err
	}
	if r.dists, err = s.treeRatings(ctx, ids, []int64{q.TeamID}, Filter{}); err != nil {
		return nil, err
	}
	return trend(r, q.TeamID, Filter{}), nil
}
