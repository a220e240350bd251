package results

import (
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// group is one group's numbers in a snapshot as its driver rows need them:
// its view and distributions (shown questions only), the distributions of
// the snapshot compared with and of the organisation, its priority picks.
type group struct {
	view      GroupView
	now, prev map[string]insight.Distribution
	// org is the organisation's, shown beside each score; nil when the
	// organisation is hidden.
	org map[string]insight.Distribution
	// picks counts priority picks by driver key; nil when the snapshot
	// asked none or the group may not show them.
	picks map[string]int
	// tooFew reports whether a question with no distribution in now is
	// one the group may not show (fewer than k answered it).
	tooFew func(key string) bool
}

// driverRows builds a group's row for every driver rating of an outline,
// and overall satisfaction apart: the one place a dashboard row is made,
// for teams and the organisation alike.
func driverRows(o survey.Outline, names map[string]string, g group) (rows []DriverRow, overall *DriverRow) {
	for _, key := range ratedKeys(o) {
		row := DriverRow{Key: key, Name: names[key]}
		if key == survey.KeyOverall {
			row.Name = "Overall satisfaction"
		}
		if g.org != nil {
			row.Org = g.org[key].Score()
		}
		if _, ok := g.now[key]; g.view.IsShown() && !ok && g.tooFew != nil {
			row.TooFewAnswered = g.tooFew(key)
		}
		if g.view.IsShown() && !row.TooFewAnswered {
			dist := g.now[key]
			row.Distribution, row.Score = dist, dist.Score()
			row.Mean, row.MeanOK = dist.Mean()
			row.Bars, row.BarsOK = dist.Bars()
			if p, ok := g.prev[key]; ok {
				row.Delta = insight.Compare(dist, p)
			}
			if g.picks != nil {
				row.Priority = insight.PriorityShare(g.picks[key], g.view.Responses)
			}
		}
		if key == survey.KeyOverall {
			r := row
			overall = &r
			continue
		}
		rows = append(rows, row)
	}
	return rows, overall
}

// pickSnapshot finds the snapshot a reader asked for in the series (oldest
// first): its index, the last one for id 0, or survey.ErrNotFound.
func pickSnapshot(series []survey.Snapshot, id int64) (int, error) {
	if id == 0 {
		return len(series) - 1, nil
	}
	for i, snap := range series {
		if snap.ID == id {
			return i, nil
		}
	}
	return 0, survey.ErrNotFound
}

// newestFirst returns the series newest first, as pickers list it.
func newestFirst(series []survey.Snapshot) []survey.Snapshot {
	out := make([]survey.Snapshot, 0, len(series))
	for i := len(series) - 1; i >= 0; i-- {
		out = append(out, series[i])
	}
	return out
}
