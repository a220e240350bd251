package results

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// Query asks for one team's dashboard.
type Query struct {
	// SnapshotID picks the snapshot; 0 is the latest materialised one.
	SnapshotID int64
	// TeamID is the team, with its sub-teams; Org for the organisation.
	TeamID int64
	Filter Filter
	// CommentDriver and CommentSearch narrow the comments shown.
	CommentDriver string
	CommentSearch string
	// Teams is the directory's team list when the caller has read it
	// already; nil reads it.
	Teams []directory.Team
	// Shared keeps to snapshots shared with respondents (see shared.go).
	Shared bool
}

// DriverRow is one driver's numbers for a group.
type DriverRow struct {
	Key  string
	Name string
	// Distribution of the answers, "not applicable" included.
	Distribution insight.Distribution
	Score        insight.Score
	Mean         float64
	MeanOK       bool
	Bars         [5]int
	BarsOK       bool
	// Delta against the previous snapshot; OK false when either side is
	// hidden or absent.
	Delta insight.Delta
	// Org is the organisation's score under the same filter.
	Org insight.Score
	// Priority is the share of the group's respondents who picked the
	// driver among their top three.
	Priority insight.Score
	// Benchmark places the score against external benchmark percentiles,
	// when some are imported for the driver.
	Benchmark Benchmark
	// TooFewAnswered: the group is shown but fewer than k of its people
	// answered this question (not applicable and skips left out), or
	// showing it would give such a group away; it shows no numbers.
	TooFewAnswered bool
}

// TrendPoint is a group's scores in one snapshot, by driver key, for
// shown groups only.
type TrendPoint struct {
	Snapshot survey.Snapshot
	Shown    bool
	// View is the group's size and participation in the snapshot.
	View   GroupView
	Scores map[string]insight.Score
}

// HeatRow is one sub-team of the heatmap (always unfiltered).
type HeatRow struct {
	Team directory.Team
	// Depth below the dashboard's team, from 1; DirectMembers rows (the
	// team's own people) have depth 1 too.
	Depth         int
	DirectMembers bool
	View          GroupView
	// Scores line up with Dashboard.Drivers.
	Scores []insight.Score
}

// SegmentOption is one value a filter can take, with its group size.
type SegmentOption struct {
	Value     string
	Responses int
	Shown     bool
}

// Dashboard is everything a team dashboard shows. Every score in it has
// passed the confidentiality rules: a hidden group's scores are absent.
type Dashboard struct {
	// Snapshots lists the materialised snapshots, newest first; empty
	// when nothing has closed yet (then the rest is empty too).
	Snapshots []survey.Snapshot
	Snapshot  survey.Snapshot
	Run       Run
	Previous  *survey.Snapshot
	Team      directory.Team // zero for the organisation
	K         int
	Filter    Filter
	View      GroupView
	Drivers   []DriverRow
	Overall   *DriverRow
	Trend     []TrendPoint
	Heat      []HeatRow
	// Options lists, by segment key, the values the filter can take.
	Options  map[string][]SegmentOption
	Comments []Comment
	// CommentTotal counts the comments matching the comment filters.
	CommentTotal int
	// NPS holds the group's net promoter questions (see nps.go).
	NPS []NPSRow
	// Questions holds the group's other questions (see questions.go).
	Questions []QuestionResult
}

// MaxComments caps the comments one page shows.
const MaxComments = 200

// Dashboard assembles a team's (or the organisation's) dashboard from
// the materialised results. Its numbers come from the dashboard cache
// when the snapshots' materialisations, the teams and k are those they
// were worked out from; what changes without materialising again
// (snapshot titles and sharing, driver names, benchmarks, comments) is
// read for every request.
func (s *Store) Dashboard(ctx context.Context, q Query) (Dashboard, error) {
	d := Dashboard{K: s.K(), Filter: q.Filter}
	if !q.Filter.Active() || !ValidSegment(q.Filter.Segment) {
		d.Filter = Filter{}
	}
	teams := q.Teams
	var err error
	if teams == nil {
		if teams, err = s.dir.Teams(ctx); err != nil {
			return d, err
		}
	}
	if q.TeamID != Org {
		if d.Team, err = s.dir.Team(ctx, q.TeamID); err != nil {
			return d, err
		}
	}
	series, err := s.seriesFor(ctx, q.Shared)
	if err != nil || len(series) == 0 {
		return d, err
	}
	at, err := pickSnapshot(series, q.SnapshotID)
	if err != nil {
		return d, err
	}
	d.Snapshots, d.Snapshot = newestFirst(series), series[at]
	if at > 0 {
		p := series[at-1]
		d.Previous = &p
	}
	upTo := series[:at+1]
	runs, err := s.runs(ctx, upTo)
	if err != nil {
		return d, err
	}
	d.Run = runs[len(runs)-1]
	key := keyOf(d, q, teams, runs)
	numbers, ok := s.dashboards.Get(key)
	if !ok {
		r, err := s.readDashboard(ctx, q, d.Filter, teams, upTo)
		if err != nil {
			return d, err
		}
		if numbers, err = s.assemble(ctx, d, q, r); err != nil {
			return d, err
		}
		s.dashboards.Add(key, numbers)
	}
	numbers.copyTo(&d, upTo)
	return s.freshParts(ctx, d, q, teams)
}

// freshParts adds to a dashboard's numbers what changes without
// materialising again: driver names, benchmarks and the comment list.
func (s *Store) freshParts(ctx context.Context, d Dashboard, q Query, teams []directory.Team) (Dashboard, error) {
	names, err := s.driverNames(ctx)
	if err != nil {
		return d, err
	}
	for i := range d.Drivers {
		d.Drivers[i].Name = names[d.Drivers[i].Key]
	}
	if d.View.IsShown() {
		if err := s.placeAgainstBenchmarks(ctx, d.Drivers, benchmarkSegment(d.Filter)); err != nil {
			return d, err
		}
		if commentsShown(d.Filter) {
			d.Comments, d.CommentTotal, err = s.comments(ctx, d.Snapshot.ID, members(teams, q.TeamID), d.Filter, q.CommentDriver, q.CommentSearch)
		}
	}
	return d, err
}

// dashboardReads is what a dashboard reads from the result tables.
type dashboardReads struct {
	teams    []directory.Team
	upTo     []survey.Snapshot // the series up to the snapshot shown
	outline  survey.Outline
	sizes    map[int64]*sizes
	outlines map[int64]survey.Outline
	dists    dists
	picks    map[string]int
	heat     map[int64][]insight.Score
	col      map[int64]int
	width    int
}

// readDashboard reads the numbers a dashboard shows at once: the reads are
// independent, so the database serves one while the rows of another are
// turned into numbers. Nothing read reaches the page unless the stored
// decisions read here say it may.
func (s *Store) readDashboard(ctx context.Context, q Query, f Filter, teams []directory.Team, upTo []survey.Snapshot) (*dashboardReads, error) {
	snapID := upTo[len(upTo)-1].ID
	outline, err := s.surveys.Outline(ctx, snapID)
	if err != nil {
		return nil, err
	}
	r := &dashboardReads{teams: teams, upTo: upTo, outline: outline, outlines: map[int64]survey.Outline{snapID: outline}}
	ids := make([]int64, len(upTo))
	for i, snap := range upTo {
		ids[i] = snap.ID
	}
	group := members(teams, q.TeamID)
	groups := []int64{q.TeamID} // the group's and the organisation's sums
	if q.TeamID != Org {
		groups = append(groups, Org)
	}
	r.col, r.width = heatColumns(outline)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		r.sizes, err = s.loadSizes(gctx, teams, ids, snapID, f)
		return err
	})
	g.Go(func() (err error) {
		for _, id := range ids[:len(ids)-1] {
			if r.outlines[id], err = s.surveys.Outline(gctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	g.Go(func() (err error) {
		r.dists, err = s.treeRatings(gctx, ids, groups, f)
		return err
	})
	g.Go(func() (err error) {
		r.picks, err = s.groupPicks(gctx, snapID, outline, q.TeamID, f)
		return err
	})
	g.Go(func() (err error) {
		r.heat, err = s.treeScores(gctx, snapID, group, r.col, r.width)
		return err
	})
	return r, g.Wait()
}

// assemble turns a dashboard's reads into its numbers, under the stored
// decisions: every field that comes from the materialised tables, and
// nothing else (see Dashboard).
func (s *Store) assemble(ctx context.Context, d Dashboard, q Query, r *dashboardReads) (*dashboardNumbers, error) {
	sz := r.sizes[d.Snapshot.ID]
	n := &dashboardNumbers{}
	n.View = sz.view(q.TeamID, d.Filter)
	n.Options = s.options(sz, q.TeamID)
	g := group{view: n.View, now: byKey(r.outline, r.dists.shown(sz, d.Snapshot.ID, q.TeamID, d.Filter)),
		tooFew: func(key string) bool { return !sz.keyShown(q.TeamID, d.Filter, r.outline, key) }}
	if p := d.Previous; p != nil && r.sizes[p.ID].view(q.TeamID, d.Filter).IsShown() {
		g.prev = byKey(r.outlines[p.ID], r.dists.shown(r.sizes[p.ID], p.ID, q.TeamID, d.Filter))
	}
	if sz.view(Org, d.Filter).IsShown() {
		g.org = byKey(r.outline, r.dists.shown(sz, d.Snapshot.ID, Org, d.Filter))
	}
	if sz.questionsShown(q.TeamID, d.Filter, r.outline, survey.KindPriority) {
		g.picks = r.picks
	}
	n.Drivers, n.Overall = driverRows(r.outline, nil, g)
	n.Trend = trend(r, q.TeamID, d.Filter)
	var err error
	if n.Heat, err = s.heatRows(ctx, sz, r.teams, q.TeamID, d.Snapshot.ID, r.heat, r.col, r.width); err != nil {
		return nil, err
	}
	if n.NPS, err = s.netPromoters(ctx, sz, d.Snapshot.ID, r.outline, q.TeamID, d.Filter, n.View); err != nil {
		return nil, err
	}
	n.Questions, err = s.questionResults(ctx, sz, d.Snapshot.ID, r.outline, q.TeamID, d.Filter, n.View)
	return n, err
}

// trend is a group's scores in every snapshot up to the one shown, for the
// snapshots that show it.
func trend(r *dashboardReads, team int64, f Filter) []TrendPoint {
	var out []TrendPoint
	for _, snap := range r.upTo {
		sz := r.sizes[snap.ID]
		point := TrendPoint{Snapshot: snap, View: sz.view(team, f), Scores: map[string]insight.Score{}}
		if point.View.IsShown() {
			point.Shown = true
			for key, dist := range byKey(r.outlines[snap.ID], r.dists.shown(sz, snap.ID, team, f)) {
				point.Scores[key] = dist.Score()
			}
		}
		out = append(out, point)
	}
	return out
}

// series lists the materialised snapshots that have results to show,
// oldest first by close. A snapshot closed with fewer than k responses
// shows nothing anywhere, so it is left out: it never becomes the default,
// the point a later snapshot compares with, or a gap in every trend.
func (s *Store) series(ctx context.Context) ([]survey.Snapshot, error) {
	var out []survey.Snapshot
	err := s.db.WithContext(ctx).
		Where("id IN (SELECT snapshot_id FROM result_snapshots WHERE responses >= ?)", s.k.K()).
		Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("results: snapshots: %w", err)
	}
	slices.SortFunc(out, func(a, b survey.Snapshot) int {
		return cmp.Or(a.ClosedTime().Compare(b.ClosedTime()), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

func (s *Store) driverNames(ctx context.Context) (map[string]string, error) {
	drivers, err := s.surveys.Drivers(ctx, true)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, d := range drivers {
		out[d.Key] = d.Name
	}
	return out, nil
}

// ratedKeys lists the keys of the outline's driver ratings in order, then
// the overall satisfaction item when asked.
func ratedKeys(o survey.Outline) []string {
	var out []string
	overall := false
	for _, q := range o.Questions {
		switch {
		case q.Kind != survey.KindRating || q.Key == "":
		case q.Key == survey.KeyOverall:
			overall = true
		case q.DriverID != nil:
			out = append(out, q.Key)
		}
	}
	if overall {
		out = append(out, survey.KeyOverall)
	}
	return out
}

// byKey maps distributions by question ID to the questions' keys.
func byKey(o survey.Outline, byQuestion map[int64]insight.Distribution) map[string]insight.Distribution {
	out := map[string]insight.Distribution{}
	for _, q := range o.Questions {
		if dist, ok := byQuestion[q.ID]; ok && q.Key != "" {
			out[q.Key] = dist
		}
	}
	return out
}

// heatRows builds the sub-team heatmap below team: every team of its subtree
// with its own sub-teams, plus the team's direct members as a row when
// the team has sub-teams. tree holds the subtrees' scores, from treeScores.
func (s *Store) heatRows(ctx context.Context, sz *sizes, teams []directory.Team, team, snapshotID int64,
	tree map[int64][]insight.Score, col map[int64]int, width int) ([]HeatRow, error) {
	group := sz.members(team)
	scores := func(team int64, show bool) []insight.Score {
		if !show || tree[team] == nil {
			return make([]insight.Score, width)
		}
		row := tree[team]
		for q, i := range col {
			if !sz.questionShown(team, false, Filter{}, q) {
				row[i] = insight.Score{}
			}
		}
		return row
	}
	in := make(map[int64]bool, len(group))
	for _, id := range group {
		in[id] = true
	}
	byID := map[int64]directory.Team{}
	for _, t := range teams {
		byID[t.ID] = t
	}
	baseDepth := 0
	if team != Org {
		baseDepth = byID[team].Depth() + 1
	}
	ordered := slices.Clone(teams)
	slices.SortFunc(ordered, func(a, b directory.Team) int { return strings.Compare(a.Path, b.Path) })
	var out []HeatRow
	for _, t := range ordered {
		if !in[t.ID] || t.ID == team {
			continue
		}
		v := sz.view(t.ID, Filter{})
		out = append(out, HeatRow{Team: t, Depth: t.Depth() - baseDepth + 1, View: v,
			Scores: scores(t.ID, v.IsShown())})
	}
	if team == Org || len(out) == 0 {
		return out, nil
	}
	own := sz.directView(team)
	ownScores := make([]insight.Score, width)
	if own.IsShown() {
		err := s.scanRatings(ctx, "result_ratings", "snapshot_id = ? AND team_id = ? AND segment = '' AND value = ''",
			[]any{snapshotID, team}, func(r *Rating) {
				if i, ok := col[r.QuestionID]; ok && sz.questionShown(team, true, Filter{}, r.QuestionID) {
					ownScores[i] = r.Distribution().Score()
				}
			})
		if err != nil {
			return nil, fmt.Errorf("results: heatmap: %w", err)
		}
	}
	row := HeatRow{Team: byID[team], Depth: 1, DirectMembers: true, View: own, Scores: ownScores}
	return append([]HeatRow{row}, out...), nil
}

// heatColumns maps the outline's driver questions to the heatmap's
// columns, in the order of the dashboard's driver rows, and counts them.
func heatColumns(o survey.Outline) (map[int64]int, int) {
	keys := ratedKeys(o)
	at := map[string]int{}
	for _, key := range keys {
		if key != survey.KeyOverall {
			at[key] = len(at)
		}
	}
	col := map[int64]int{}
	for _, qn := range o.Questions {
		if i, ok := at[qn.Key]; ok && qn.Kind == survey.KindRating {
			col[qn.ID] = i
		}
	}
	return col, len(at)
}

// groupPicks counts a group's priority picks by driver key in one
// snapshot; nil when the snapshot asked no priority question.
func (s *Store) groupPicks(ctx context.Context, snapshotID int64, o survey.Outline, team int64, f Filter) (map[string]int, error) {
	picks, err := s.treePicks(ctx, snapshotID, o, []int64{team}, f)
	if picks == nil || err != nil {
		return nil, err
	}
	if picks[team] == nil {
		return map[string]int{}, nil
	}
	return picks[team], nil
}

// options lists the values each segment filter can take on a group.
func (s *Store) options(sz *sizes, team int64) map[string][]SegmentOption {
	out := map[string][]SegmentOption{}
	for _, seg := range Segments {
		counts := sz.teamValues(team, seg.Key)
		var opts []SegmentOption
		for value, n := range counts {
			if value == "" {
				continue
			}
			v := sz.view(team, Filter{seg.Key, value})
			opts = append(opts, SegmentOption{Value: value, Responses: n, Shown: v.IsShown()})
		}
		slices.SortFunc(opts, func(a, b SegmentOption) int { return strings.Compare(a.Value, b.Value) })
		if seg.Key == "tenure_band" {
			slices.SortStableFunc(opts, func(a, b SegmentOption) int {
				return cmp.Compare(slices.Index(directory.TenureBands, a.Value), slices.Index(directory.TenureBands, b.Value))
			})
		}
		out[seg.Key] = opts
	}
	return out
}

// comments returns a shown group's comments, optionally about one driver
// and containing a search text, at most MaxComments of them.
func (s *Store) comments(ctx context.Context, snapshotID int64, teams []int64, f Filter, driver, search string) ([]Comment, int, error) {
	q := s.db.WithContext(ctx).Model(&Comment{}).Where("snapshot_id = ? AND team_id IN ?", snapshotID, teams)
	if f.Active() {
		q = q.Where(f.Segment+" = ?", f.Value) // Segment is one of Segments' keys
	}
	if driver != "" {
		q = q.Where("driver_key = ?", driver)
	}
	if search = strings.TrimSpace(search); search != "" {
		q = q.Where("LOWER(body) LIKE ? ESCAPE '\\'", "%"+escapeLike(strings.ToLower(search))+"%")
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("results: comments: %w", err)
	}
	var out []Comment
	if err := q.Order("body, id").Limit(MaxComments).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("results: comments: %w", err)
	}
	return out, int(total), nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// benchmarkSegment is the benchmark segment matching a filter: a work
// arrangement ("Remote"), else everyone.
func benchmarkSegment(f Filter) string {
	if f.Segment == "work_arrangement" && f.Value != "" {
		return strings.ToUpper(f.Value[:1]) + f.Value[1:]
	}
	return "All"
}

// placeAgainstBenchmarks sets each row's external benchmark band, from the
// segment's percentiles or, where the segment has none, everyone's.
func (s *Store) placeAgainstBenchmarks(ctx context.Context, rows []DriverRow, segment string) error {
	if s.benchmarks == nil || len(rows) == 0 {
		return nil
	}
	var keys []string
	for _, r := range rows {
		keys = append(keys, r.Key)
	}
	found, err := s.benchmarks(ctx, keys, segment)
	if err != nil {
		return err
	}
	if segment != "All" {
		all, err := s.benchmarks(ctx, keys, "All")
		if err != nil {
			return err
		}
		for k, b := range all {
			if _, ok := found[k]; !ok {
				b.Source += " (everyone)"
				found[k] = b
			}
		}
	}
	for i := range rows {
		b, ok := found[rows[i].Key]
		if !ok || !b.OK || !rows[i].Score.OK {
			continue
		}
		b.Band = insight.Position(rows[i].Score.Value, b.Percentiles)
		rows[i].Benchmark = b
	}
	return nil
}
