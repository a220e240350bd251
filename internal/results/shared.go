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
// respondents and the shared one before it (nil when there is none); ok
// is false when none is shared. One read serves the home page's results
// and its goal verdicts.
func (s *Store) LatestShared(ctx context.Context) (latest survey.Snapshot, before *survey.Snapshot, ok bool, err error) {
	series, err := s.seriesFor(ctx, true)
	if err != nil || len(series) == 0 {
		return survey.Snapshot{}, nil, false, err
	}
	if n := len(series); n > 1 {
		before = &series[n-2]
	}
	return series[len(series)-1], before, true, nil
}
