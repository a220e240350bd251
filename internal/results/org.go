package results

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// OrgQuery asks for the organisation's dashboard.
type OrgQuery struct {
	// SnapshotID is the snapshot, 0 for the latest materialised one.
	SnapshotID int64
	// CompareID is the earlier snapshot deltas compare with; 0 for the
	// one before SnapshotID.
	CompareID int64
	// Shared keeps to snapshots shared with respondents (see shared.go).
	Shared bool
}

// Benchmark is where a score sits against percentiles.
type Benchmark struct {
	Percentiles insight.Percentiles
	Band        insight.Band
	Source      string
	OK          bool
}

// OrgCell is one team's numbers for one driver in the org heatmap.
type OrgCell struct {
	Score insight.Score
	Delta insight.Delta
	// Internal places the score among the organisation's teams.
	Internal Benchmark
}

// OrgRow is one team of the org heatmap, with its sub-teams.
type OrgRow struct {
	Team  directory.Team
	Depth int
	View  GroupView
	Cells []OrgCell // lined up with OrgDashboard.Drivers
}

// Mover is a significant change of one group's driver score.
type Mover struct {
	Team   string // "" for the organisation
	TeamID int64
	Driver string
	Key    string
	Delta  insight.Delta
	Score  insight.Score
}

// SegmentRow is one value of a segment across the organisation.
type SegmentRow struct {
	Value  string
	View   GroupView
	Scores []insight.Score // lined up with OrgDashboard.Drivers; absent when hidden
}

// SegmentTable compares the values of one segment.
type SegmentTable struct {
	Key, Label string
	Rows       []SegmentRow
}

// Share is one answer option with how many chose it.
type Share struct {
	Label   string
	Count   int
	Percent insight.Score
	// Number says the bar is a number question's: its one answer From (To
	// equal), or the range From–To. Label writes it in English.
	Number   bool
	From, To float64
}

// KeyDriver is how strongly a driver moves with overall satisfaction.
type KeyDriver struct {
	Key, Name string
	R         float64
	N         int
	Score     insight.Score
}

// OrgDashboard is what executives read about a snapshot. The organisation
// is shown whenever it holds k responses; teams follow the same rules as
// their own dashboards.
type OrgDashboard struct {
	Snapshots []survey.Snapshot // materialised, newest first
	Snapshot  survey.Snapshot
	Compare   *survey.Snapshot
	K         int
	View      GroupView
	// CompareView is the organisation's participation in Compare.
	CompareView GroupView
	Drivers     []DriverRow // the organisation's numbers, deltas against Compare
	Overall     *DriverRow
	// Benchmarks holds the external benchmark of each driver key.
	Benchmarks map[string]Benchmark
	Rows       []OrgRow
	Up, Down   []Mover
	Priorities []DriverRow // by priority share, highest first
	Segments   []SegmentTable
	AIUse      []Share
	AITime     insight.Capacity
	Allocation []Share // average share of time per category
	KeyDrivers []KeyDriver
	// NPS holds the organisation's net promoter questions (see nps.go).
	NPS []NPSRow
	// Questions holds the organisation's other questions (see
	// questions.go).
	Questions []QuestionResult
}

// BenchmarkFunc reads external benchmark percentiles by driver key for a
// segment ("All"); the benchmark package provides it.
type BenchmarkFunc func(ctx context.Context, keys []string, segment string) (map[string]Benchmark, error)

// SetBenchmarks lets org dashboards place scores against external
// benchmarks.
func (s *Store) SetBenchmarks(f BenchmarkFunc) { s.benchmarks = f }

// Org assembles the organisation's dashboard.
func (s *Store) Org(ctx context.Context, q OrgQuery) (OrgDashboard, error) {
	o := OrgDashboard{K: s.K()}
	// The series first: with no results yet (a survey's first page, asking
	// whether there is anything to say) the teams are not read at all.
	series, err := s.seriesFor(ctx, q.Shared)
	if err != nil || len(series) == 0 {
		return o, err
	}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return o, err
	}
	at, err := pickSnapshot(series, q.SnapshotID)
	if err != nil {
		return o, err
	}
	o.Snapshots, o.Snapshot = newestFirst(series), series[at]
	ids := []int64{o.Snapshot.ID}
	for i, snap := range series[:at] {
		if snap.ID == q.CompareID || (q.CompareID == 0 && i == at-1) {
			c := snap
			o.Compare = &c
		}
	}
	if o.Compare != nil {
		ids = append(ids, o.Compare.ID)
	}
	r := &orgReads{teams: teams, outlines: map[int64]survey.Outline{}}
	if r.sizes, err = s.loadSizes(ctx, teams, ids, o.Snapshot.ID, Filter{}); err != nil {
		return o, err
	}
	for _, id := range ids {
		if r.outlines[id], err = s.surveys.Outline(ctx, id); err != nil {
			return o, err
		}
	}
	if r.names, err = s.driverNames(ctx); err != nil {
		return o, err
	}
	// Every group's distributions: the organisation's and each team's
	// with its sub-teams.
	if r.tree, err = s.treeRatings(ctx, ids, everyGroup(teams), Filter{}); err != nil {
		return o, err
	}
	if err := s.orgDrivers(ctx, &o, r); err != nil || !o.View.IsShown() {
		return o, err
	}
	return o, s.orgDetails(ctx, &o, r)
}

// orgReads is what the organisation's dashboard reads.
type orgReads struct {
	teams    []directory.Team
	sizes    map[int64]*sizes
	outlines map[int64]survey.Outline
	names    map[string]string
	tree     dists
}

// orgDrivers fills the organisation's own driver rows and benchmarks.
func (s *Store) orgDrivers(ctx context.Context, o *OrgDashboard, r *orgReads) error {
	sz, outline := r.sizes[o.Snapshot.ID], r.outlines[o.Snapshot.ID]
	o.View = sz.view(Org, Filter{})
	g := group{view: o.View, now: byKey(outline, r.tree.shown(sz, o.Snapshot.ID, Org, Filter{})),
		tooFew: func(key string) bool { return !sz.keyShown(Org, Filter{}, outline, key) }}
	g.org = g.now
	if o.Compare != nil {
		o.CompareView = r.sizes[o.Compare.ID].view(Org, Filter{})
		if o.CompareView.IsShown() {
			g.prev = byKey(r.outlines[o.Compare.ID], r.tree.shown(r.sizes[o.Compare.ID], o.Compare.ID, Org, Filter{}))
		}
	}
	picks, err := s.groupPicks(ctx, o.Snapshot.ID, outline, Org, Filter{})
	if err != nil {
		return err
	}
	if sz.questionsShown(Org, Filter{}, outline, survey.KindPriority) {
		g.picks = picks
	}
	o.Drivers, o.Overall = driverRows(outline, r.names, g)
	if !o.View.IsShown() || s.benchmarks == nil {
		return nil
	}
	if o.Benchmarks, err = s.benchmarks(ctx, ratedKeys(outline), "All"); err != nil {
		return err
	}
	for key, b := range o.Benchmarks {
		if sc := g.now[key].Score(); sc.OK {
			b.Band = insight.Position(sc.Value, b.Percentiles)
			o.Benchmarks[key] = b
		}
	}
	return nil
}

// orgDetails fills what a shown organisation adds: every team's row, the
// significant movers, priorities, segments, AI use, time, key drivers and
// net promoter scores.
func (s *Store) orgDetails(ctx context.Context, o *OrgDashboard, r *orgReads) error {
	sz, outline := r.sizes[o.Snapshot.ID], r.outlines[o.Snapshot.ID]
	internal := s.orgRows(o, r)
	for _, dr := range o.Drivers {
		o.addMover(Mover{Driver: dr.Name, Key: dr.Key, Delta: dr.Delta, Score: dr.Score})
	}
	internalBenchmarks(o, internal)
	slices.SortStableFunc(o.Up, func(a, b Mover) int { return cmp.Compare(b.Delta.Points, a.Delta.Points) })
	slices.SortStableFunc(o.Down, func(a, b Mover) int { return cmp.Compare(a.Delta.Points, b.Delta.Points) })
	o.Priorities = slices.Clone(o.Drivers)
	slices.SortStableFunc(o.Priorities, func(a, b DriverRow) int { return cmp.Compare(b.Priority.Value, a.Priority.Value) })
	var err error
	if o.Segments, err = s.segmentTables(ctx, sz, o.Snapshot.ID, outline, o.Drivers); err != nil {
		return err
	}
	if err := s.orgItems(ctx, o, outline); err != nil {
		return err
	}
	if o.KeyDrivers, err = s.keyDrivers(ctx, o.Snapshot.ID, outline, o.Drivers); err != nil {
		return err
	}
	if o.NPS, err = s.netPromoters(ctx, sz, o.Snapshot.ID, outline, Org, Filter{}, o.View); err != nil {
		return err
	}
	if o.Questions, err = s.questionResults(ctx, sz, o.Snapshot.ID, outline, Org, Filter{}, o.View); err != nil {
		return err
	}
	hideUnshownAI(o)
	return nil
}

// hideUnshownAI holds the AI panel to its questions' own decisions: a
// question the decisions hide (fewer than k answered it, or it would give
// a smaller group away) is not drawn there either.
func hideUnshownAI(o *OrgDashboard) {
	for _, q := range o.Questions {
		switch {
		case q.Shown:
		case q.Key == survey.KeyAIFrequency:
			o.AIUse = nil
		case q.Key == survey.KeyAIHoursSaved:
			o.AITime = insight.Capacity{}
		}
	}
}

// orgRows builds every team's heatmap row, with deltas against the
// comparison snapshot, and returns the shown scores per driver key.
func (s *Store) orgRows(o *OrgDashboard, r *orgReads) map[string][]int {
	sz, outline := r.sizes[o.Snapshot.ID], r.outlines[o.Snapshot.ID]
	ordered := slices.Clone(r.teams)
	slices.SortFunc(ordered, func(a, b directory.Team) int { return strings.Compare(a.Path, b.Path) })
	internal := map[string][]int{}
	for _, t := range ordered {
		row := OrgRow{Team: t, Depth: t.Depth(), View: sz.view(t.ID, Filter{}), Cells: make([]OrgCell, len(o.Drivers))}
		var before map[string]insight.Distribution
		if o.Compare != nil && r.sizes[o.Compare.ID].view(t.ID, Filter{}).IsShown() {
			before = byKey(r.outlines[o.Compare.ID], r.tree.shown(r.sizes[o.Compare.ID], o.Compare.ID, t.ID, Filter{}))
		}
		if row.View.IsShown() {
			current := byKey(outline, r.tree.shown(sz, o.Snapshot.ID, t.ID, Filter{}))
			for i, dr := range o.Drivers {
				c := &row.Cells[i]
				dist := current[dr.Key]
				c.Score = dist.Score()
				if before != nil {
					c.Delta = insight.Compare(dist, before[dr.Key])
				}
				if c.Score.OK {
					internal[dr.Key] = append(internal[dr.Key], c.Score.Value)
				}
				o.addMover(Mover{Team: t.Path, TeamID: t.ID, Driver: dr.Name, Key: dr.Key, Delta: c.Delta, Score: c.Score})
			}
		}
		o.Rows = append(o.Rows, row)
	}
	return internal
}

// addMover lists a significant change among the improvements or declines.
func (o *OrgDashboard) addMover(m Mover) {
	switch d := m.Delta; {
	case !d.Significant:
	case d.Points > 0:
		o.Up = append(o.Up, m)
	case d.Points < 0:
		o.Down = append(o.Down, m)
	}
}

// internalBenchmarks places each team's score among the organisation's
// teams shown, from the percentiles of their scores.
func internalBenchmarks(o *OrgDashboard, internal map[string][]int) {
	for _, row := range o.Rows {
		for i, dr := range o.Drivers {
			c := &row.Cells[i]
			p25, p50, p75, p90, ok := insight.TeamPercentiles(internal[dr.Key])
			if ok && c.Score.OK {
				pc := insight.Percentiles{P25: p25, P50: p50, P75: p75, P90: p90}
				c.Internal = Benchmark{Percentiles: pc, Band: insight.Position(c.Score.Value, pc), Source: "Teams of the organisation", OK: true}
			}
		}
	}
}

// segmentTables compares each segment's values across the organisation.
func (s *Store) segmentTables(ctx context.Context, sz *sizes, snapshotID int64, o survey.Outline, drivers []DriverRow) ([]SegmentTable, error) {
	var out []SegmentTable
	for _, seg := range Segments {
		byValue := map[string]map[int64]insight.Distribution{}
		err := s.scanRatings(ctx, "result_tree_ratings", "snapshot_id = ? AND team_id = ? AND segment = ?",
			[]any{snapshotID, Org, seg.Key}, func(r *Rating) {
				if byValue[r.Value] == nil {
					byValue[r.Value] = map[int64]insight.Distribution{}
				}
				byValue[r.Value][r.QuestionID] = r.Distribution()
			})
		if err != nil {
			return nil, fmt.Errorf("results: segments: %w", err)
		}
		table := SegmentTable{Key: seg.Key, Label: seg.Label}
		for value, n := range sz.teamValues(Org, seg.Key) {
			if value == "" || n == 0 {
				continue
			}
			row := SegmentRow{Value: value, View: sz.view(Org, Filter{seg.Key, value}), Scores: make([]insight.Score, len(drivers))}
			if row.View.IsShown() {
				keyed := byKey(o, sz.masked(Org, false, Filter{seg.Key, value}, byValue[value]))
				for i, dr := range drivers {
					row.Scores[i] = keyed[dr.Key].Score()
				}
			}
			table.Rows = append(table.Rows, row)
		}
		slices.SortFunc(table.Rows, func(a, b SegmentRow) int {
			if seg.Key == "tenure_band" {
				return cmp.Compare(slices.Index(directory.TenureBands, a.Value), slices.Index(directory.TenureBands, b.Value))
			}
			return strings.Compare(a.Value, b.Value)
		})
		out = append(out, table)
	}
	return out, nil
}

// orgItems fills AI use, AI time saved and where time goes.
func (s *Store) orgItems(ctx context.Context, o *OrgDashboard, outline survey.Outline) error {
	rows, err := s.treeItems(ctx, o.Snapshot.ID, nil, []int64{Org}, Filter{})
	if err != nil {
		return err
	}
	byQuestion := map[int64][]Item{}
	for _, r := range rows {
		byQuestion[r.QuestionID] = append(byQuestion[r.QuestionID], r)
	}
	for _, q := range outline.Questions {
		items := byQuestion[q.ID]
		switch q.Key {
		case survey.KeyAIFrequency:
			total := 0
			for _, it := range items {
				total += it.Answers
			}
			for _, label := range survey.Frequencies {
				n := 0
				for _, it := range items {
					if it.Item == label {
						n = it.Answers
					}
				}
				o.AIUse = append(o.AIUse, Share{Label: label, Count: n, Percent: insight.Percent(n, total)})
			}
		case survey.KeyAIHoursSaved:
			var hours float64
			answered := 0
			for _, it := range items {
				hours += it.Total
				answered += it.Answers
			}
			o.AITime = insight.AITimeSaved(hours, answered, o.View.Invited)
		case survey.KeyAllocation:
			// Each respondent's percentages add up to 100, so the average
			// share of a category is its sum over all respondents' 100s.
			var all float64
			for _, it := range items {
				all += it.Total
			}
			for _, cat := range q.Config.Categories {
				var t float64
				for _, it := range items {
					if it.Item == cat {
						t = it.Total
					}
				}
				share := insight.Score{}
				if all > 0 {
					share = insight.Score{Value: int(t/all*100 + 0.5), OK: true}
				}
				o.Allocation = append(o.Allocation, Share{Label: cat, Percent: share})
			}
		}
	}
	return nil
}

// keyDrivers ranks drivers by their correlation with overall satisfaction.
func (s *Store) keyDrivers(ctx context.Context, snapshotID int64, o survey.Outline, drivers []DriverRow) ([]KeyDriver, error) {
	var rows []Pair
	if err := s.db.WithContext(ctx).Where("snapshot_id = ?", snapshotID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("results: key drivers: %w", err)
	}
	joint := map[int64]*[5][5]int{}
	for _, r := range rows {
		if joint[r.QuestionID] == nil {
			joint[r.QuestionID] = &[5][5]int{}
		}
		joint[r.QuestionID][r.Rating-1][r.Overall-1] += r.N
	}
	byKeyRow := map[string]DriverRow{}
	for _, d := range drivers {
		byKeyRow[d.Key] = d
	}
	var out []KeyDriver
	for _, q := range o.Questions {
		d, ok := byKeyRow[q.Key]
		if !ok || joint[q.ID] == nil {
			continue
		}
		r, n, ok := insight.Correlation(*joint[q.ID])
		if !ok {
			continue
		}
		out = append(out, KeyDriver{Key: q.Key, Name: d.Name, R: r, N: n, Score: d.Score})
	}
	slices.SortStableFunc(out, func(a, b KeyDriver) int { return cmp.Compare(b.R, a.R) })
	return out, nil
}
