package results

import (
	"context"

	"github.com/devpulse/devpulse/internal/survey"
)

// seriesFor is series, kept to the snapshots whose results are shared
// with the people who were invited when shared is set: a respondent's
// dashboards then neither list nor trend a snapshot held back until
// publishing. The chosen snapshot and everything compared with it come
// from this list, so a held snapshot's numbers never reach them.
func (s *Store) seriesFor(ctx context.Context, shared bool) ([]survey.Snapshot, error) {
	series, err := s.series(ctx)
	if err != nil || !shared {
		return series, err
	}
	out := series[:0]
	for _, snap := range series {
		if snap.SharedWithRespondents() {
			out = append(out, snap)
		}
	}
	return out, nil
}

// LatestShared is the newest materialised snapshot shared with
// respondents, and false when there is none.
func (s *Store) LatestShared(ctx context.Context) (survey.Snapshot, bool, error) {
	series, err := s.seriesFor(ctx, true)
	if err != nil || len(series) == 0 {
		return survey.Snapshot{}, false, err
	}
	return series[len(series)-1], true, nil
}

// SharedBefore is the snapshot shared with respondents just before snap,
// and false when there is none.
func (s *Store) SharedBefore(ctx context.Context, snapID int64) (survey.Snapshot, bool, error) {
	series, err := s.seriesFor(ctx, true)
	if err != nil {
		return survey.Snapshot{}, false, err
	}
	for i, snap := range series {
		if snap.ID == snapID && i > 0 {
			return series[i-1], true, nil
		}
	}
	return survey.Snapshot{}, false, nil
}
