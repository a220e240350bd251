package results

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// dashboardCacheSize bounds the dashboards kept: a few hundred teams'
// pages, each some tens of KiB (a 550-team root's heatmap the most).
const dashboardCacheSize = 256

// dashboardNumbers is the part of a Dashboard worked out from the
// materialised tables alone. A cached value is never changed: readers get
// copies (copyTo).
type dashboardNumbers struct {
	View      GroupView
	Options   map[string][]SegmentOption
	Drivers   []DriverRow // without names and benchmarks, set per request
	Overall   *DriverRow
	Trend     []TrendPoint
	Heat      []HeatRow
	NPS       []NPSRow
	Questions []QuestionResult
}

// dashboardKey names one dashboard's numbers. version sums what they
// were worked out from besides the group: the materialisation of every
// snapshot up to the one shown (so a snapshot materialised again, by any
// server sharing the database, is a new key at once), the teams (a team
// moved changes every group above it) and k.
type dashboardKey struct {
	team     int64
	filter   Filter
	snapshot int64
	shared   bool
	version  uint64
}

func keyOf(d Dashboard, q Query, teams []directory.Team, runs []Run) dashboardKey {
	h := fnv.New64a()
	num := func(v int64) { _ = binary.Write(h, binary.LittleEndian, v) }
	str := func(s string) { num(int64(len(s))); _, _ = h.Write([]byte(s)) }
	num(int64(d.K))
	num(int64(len(runs)))
	for _, r := range runs {
		num(r.SnapshotID)
		num(r.MaterialisedAt.UnixNano())
		num(int64(r.Invited))
		num(int64(r.Responses))
	}
	num(int64(len(teams)))
	for _, t := range teams {
		num(t.ID)
		if t.ParentID != nil {
			num(*t.ParentID)
		} else {
			num(-1)
		}
		str(t.Name)
		str(t.Path)
	}
	return dashboardKey{team: q.TeamID, filter: d.Filter, snapshot: d.Snapshot.ID, shared: q.Shared, version: h.Sum64()}
}

// runs reads the materialisation of each snapshot, in the series' order.
func (s *Store) runs(ctx context.Context, series []survey.Snapshot) ([]Run, error) {
	ids := make([]int64, len(series))
	for i, snap := range series {
		ids[i] = snap.ID
	}
	var found []Run
	if err := s.db.WithContext(ctx).Where("snapshot_id IN ?", ids).Find(&found).Error; err != nil {
		return nil, fmt.Errorf("results: runs: %w", err)
	}
	out := make([]Run, len(ids))
	for i, id := range ids {
		at := slices.IndexFunc(found, func(r Run) bool { return r.SnapshotID == id })
		if at < 0 {
			// Materialised again between the two reads: the next request
			// sees it whole.
			return nil, fmt.Errorf("results: snapshot %d has no results", id)
		}
		out[i] = found[at]
	}
	return out, nil
}

// copyTo sets d's numbers from a deep copy of n, so one request's changes
// (names in its language, benchmarks) reach neither the cache nor another
// request. The trend's snapshots are the series read for this request.
func (n *dashboardNumbers) copyTo(d *Dashboard, upTo []survey.Snapshot) {
	d.View = n.View
	d.Options = make(map[string][]SegmentOption, len(n.Options))
	for k, v := range n.Options {
		d.Options[k] = slices.Clone(v)
	}
	d.Drivers = slices.Clone(n.Drivers)
	if n.Overall != nil {
		o := *n.Overall
		d.Overall = &o
	}
	d.Trend = slices.Clone(n.Trend)
	for i := range d.Trend {
		d.Trend[i].Snapshot = upTo[i]
		d.Trend[i].Scores = maps.Clone(d.Trend[i].Scores)
	}
	d.Heat = slices.Clone(n.Heat)
	for i := range d.Heat {
		d.Heat[i].Scores = slices.Clone(d.Heat[i].Scores)
	}
	d.NPS = slices.Clone(n.NPS)
	d.Questions = slices.Clone(n.Questions)
	for i := range d.Questions {
		d.Questions[i].Options = slices.Clone(d.Questions[i].Options)
	}
}

func newDashboardCache() *lru.Cache[dashboardKey, *dashboardNumbers] {
	c, err := lru.New[dashboardKey, *dashboardNumbers](dashboardCacheSize)
	if err != nil {
		panic(err) // only for a size under 1
	}
	return c
}
