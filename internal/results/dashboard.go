package results

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

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
}

// TrendPoint is a group's scores in one snapshot, by driver key, for
// shown groups only.
type TrendPoint struct {
	Snapshot survey.Snapshot
	Shown    bool
	Scores   map[string]insight.Score
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
}

// MaxComments caps the comments one page shows.
const MaxComments = 200

// Dashboard assembles a team's (or the organisation's) dashboard from
// the materialised results.
func (s *Store) Dashboard(ctx context.Context, q Query) (Dashboard, error) {
	d := Dashboard{K: s.K(), Filter: q.Filter}
	if !q.Filter.Active() || !ValidSegment(q.Filter.Segment) {
		d.Filter = Filter{}
	}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return d, err
	}
	if q.TeamID != Org {
		if d.Team, err = s.dir.Team(ctx, q.TeamID); err != nil {
			return d, err
		}
	}
	series, err := s.series(ctx)
	if err != nil || len(series) == 0 {
		return d, err
	}
	at := 0 // series is oldest first; at is the chosen snapshot's index
	for i, snap := range series {
		d.Snapshots = append(d.Snapshots, snap)
		if snap.ID == q.SnapshotID || q.SnapshotID == 0 {
			at = i
		}
	}
	slices.Reverse(d.Snapshots)
	if q.SnapshotID != 0 && series[at].ID != q.SnapshotID {
		return d, survey.ErrNotFound
	}
	d.Snapshot = series[at]
	if d.Run, _, err = s.Materialised(ctx, d.Snapshot.ID); err != nil {
		return d, err
	}
	upTo := series[:at+1]
	ids := make([]int64, len(upTo))
	for i, snap := range upTo {
		ids[i] = snap.ID
	}
	allSizes, err := s.loadSizes(ctx, teams, ids, d.Snapshot.ID, d.Filter)
	if err != nil {
		return d, err
	}
	outlines := map[int64]survey.Outline{}
	for _, id := range ids {
		if outlines[id], err = s.surveys.Outline(ctx, id); err != nil {
			return d, err
		}
	}
	names, err := s.driverNames(ctx)
	if err != nil {
		return d, err
	}
	sz := allSizes[d.Snapshot.ID]
	d.View = sz.view(q.TeamID, d.Filter)
	d.Options = s.options(sz, q.TeamID)
	group := members(teams, q.TeamID)

	// The group's distributions in every snapshot up to this one, and the
	// organisation's in this one.
	dists, err := s.ratings(ctx, ids, group, q.TeamID == Org, d.Filter)
	if err != nil {
		return d, err
	}
	orgDists, err := s.ratings(ctx, []int64{d.Snapshot.ID}, nil, true, d.Filter)
	if err != nil {
		return d, err
	}
	outline := outlines[d.Snapshot.ID]
	var prev map[string]insight.Distribution
	if at > 0 {
		p := series[at-1]
		d.Previous = &p
		if allSizes[p.ID].view(q.TeamID, d.Filter).IsShown() {
			prev = byKey(outlines[p.ID], dists[p.ID])
		}
	}
	now := byKey(outline, dists[d.Snapshot.ID])
	orgView := sz.view(Org, d.Filter)
	orgNow := byKey(outline, orgDists[d.Snapshot.ID])
	picks, err := s.picks(ctx, d.Snapshot.ID, outline, group, q.TeamID == Org, d.Filter)
	if err != nil {
		return d, err
	}
	for _, key := range ratedKeys(outline) {
		row := DriverRow{Key: key, Name: names[key]}
		if key == survey.KeyOverall {
			row.Name = "Overall satisfaction"
		}
		if orgView.IsShown() {
			row.Org = orgNow[key].Score()
		}
		if d.View.IsShown() {
			dist := now[key]
			row.Distribution = dist
			row.Score = dist.Score()
			row.Mean, row.MeanOK = dist.Mean()
			row.Bars, row.BarsOK = dist.Bars()
			if p, ok := prev[key]; ok {
				row.Delta = insight.Compare(dist, p)
			}
			if picks != nil {
				row.Priority = insight.PriorityShare(picks[key], d.View.Responses)
			}
		}
		if key == survey.KeyOverall {
			r := row
			d.Overall = &r
			continue
		}
		d.Drivers = append(d.Drivers, row)
	}

	if d.View.IsShown() {
		if err := s.placeAgainstBenchmarks(ctx, d.Drivers, benchmarkSegment(d.Filter)); err != nil {
			return d, err
		}
	}

	for _, snap := range upTo {
		point := TrendPoint{Snapshot: snap, Scores: map[string]insight.Score{}}
		if allSizes[snap.ID].view(q.TeamID, d.Filter).IsShown() {
			point.Shown = true
			for key, dist := range byKey(outlines[snap.ID], dists[snap.ID]) {
				point.Scores[key] = dist.Score()
			}
		}
		d.Trend = append(d.Trend, point)
	}

	if d.Heat, err = s.heat(ctx, sz, teams, q.TeamID, d.Snapshot.ID, outline, d.Drivers); err != nil {
		return d, err
	}
	if d.View.IsShown() {
		if d.Comments, d.CommentTotal, err = s.comments(ctx, d.Snapshot.ID, group, d.Filter, q.CommentDriver, q.CommentSearch); err != nil {
			return d, err
		}
	}
	return d, nil
}

// series lists the materialised snapshots, oldest first by close.
func (s *Store) series(ctx context.Context) ([]survey.Snapshot, error) {
	var out []survey.Snapshot
	err := s.db.WithContext(ctx).
		Where("id IN (SELECT snapshot_id FROM result_snapshots)").
		Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("results: snapshots: %w", err)
	}
	closed := func(s survey.Snapshot) time.Time {
		switch {
		case s.ClosedAt != nil:
			return *s.ClosedAt
		case s.ClosesAt != nil:
			return *s.ClosesAt
		}
		return s.CreatedAt
	}
	slices.SortFunc(out, func(a, b survey.Snapshot) int {
		return cmp.Or(closed(a).Compare(closed(b)), cmp.Compare(a.ID, b.ID))
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

// ratings sums the rating distributions of a group (its direct teams, or
// everyone when org) per snapshot and question.
func (s *Store) ratings(ctx context.Context, snapshotIDs, teams []int64, org bool, f Filter) (map[int64]map[int64]insight.Distribution, error) {
	var rows []Rating
	tx := s.db.WithContext(ctx).Model(&Rating{}).
		Select("snapshot_id, question_id, SUM(n0) AS n0, SUM(n1) AS n1, SUM(n2) AS n2, SUM(n3) AS n3, SUM(n4) AS n4, SUM(n5) AS n5").
		Where("snapshot_id IN ? AND segment = ? AND value = ?", snapshotIDs, f.Segment, f.Value)
	if !org {
		tx = tx.Where("team_id IN ?", teams)
	}
	if err := tx.Group("snapshot_id, question_id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("results: ratings: %w", err)
	}
	out := map[int64]map[int64]insight.Distribution{}
	for _, r := range rows {
		if out[r.SnapshotID] == nil {
			out[r.SnapshotID] = map[int64]insight.Distribution{}
		}
		out[r.SnapshotID][r.QuestionID] = r.Distribution()
	}
	return out, nil
}

// picks counts a group's priority picks by driver key in one snapshot;
// nil when the snapshot asked no priority question.
func (s *Store) picks(ctx context.Context, snapshotID int64, o survey.Outline, teams []int64, org bool, f Filter) (map[string]int, error) {
	var qids []int64
	for _, q := range o.Questions {
		if q.Kind == survey.KindPriority {
			qids = append(qids, q.ID)
		}
	}
	if len(qids) == 0 {
		return nil, nil
	}
	var rows []struct {
		Item    string
		Answers int
	}
	tx := s.db.WithContext(ctx).Model(&Item{}).Select("item, SUM(answers) AS answers").
		Where("snapshot_id = ? AND question_id IN ? AND segment = ? AND value = ?", snapshotID, qids, f.Segment, f.Value)
	if !org {
		tx = tx.Where("team_id IN ?", teams)
	}
	if err := tx.Group("item").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("results: priorities: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Item] = r.Answers
	}
	return out, nil
}

// heat builds the sub-team heatmap below team: every team of its subtree
// with its own sub-teams, plus the team's direct members as a row when
// the team has sub-teams.
func (s *Store) heat(ctx context.Context, sz *sizes, teams []directory.Team, team, snapshotID int64, o survey.Outline, drivers []DriverRow) ([]HeatRow, error) {
	group := members(teams, team)
	q := s.db.WithContext(ctx).Model(&Rating{}).Select("team_id, question_id, n0, n1, n2, n3, n4, n5").
		Where("snapshot_id = ? AND segment = '' AND value = ''", snapshotID)
	if team != Org {
		q = q.Where("team_id IN ?", group)
	}
	rows, err := scanRatings(q)
	if err != nil {
		return nil, fmt.Errorf("results: heatmap: %w", err)
	}
	keyOf := map[int64]string{}
	for _, qn := range o.Questions {
		keyOf[qn.ID] = qn.Key
	}
	direct := map[int64]map[string]insight.Distribution{}
	for _, r := range rows {
		if direct[r.TeamID] == nil {
			direct[r.TeamID] = map[string]insight.Distribution{}
		}
		k := keyOf[r.QuestionID]
		dist := direct[r.TeamID][k]
		for i, n := range r.Distribution().Counts {
			dist.Counts[i] += n
		}
		direct[r.TeamID][k] = dist
	}
	byID := map[int64]directory.Team{}
	for _, t := range teams {
		byID[t.ID] = t
	}
	var out []HeatRow
	vis := sz.visibility(Filter{})
	baseDepth := 0
	if team != Org {
		baseDepth = byID[team].Depth() + 1
	}
	scores := func(ids []int64, show bool) []insight.Score {
		out := make([]insight.Score, len(drivers))
		if !show {
			return out
		}
		for i, dr := range drivers {
			var sum insight.Distribution
			for _, id := range ids {
				for j, n := range direct[id][dr.Key].Counts {
					sum.Counts[j] += n
				}
			}
			out[i] = sum.Score()
		}
		return out
	}
	ordered := slices.Clone(teams)
	slices.SortFunc(ordered, func(a, b directory.Team) int { return strings.Compare(a.Path, b.Path) })
	hasChildren := false
	for _, t := range ordered {
		if !slices.Contains(group, t.ID) || t.ID == team {
			continue
		}
		hasChildren = true
		v := sz.view(t.ID, Filter{})
		out = append(out, HeatRow{Team: t, Depth: t.Depth() - baseDepth + 1, View: v,
			Scores: scores(sz.members(t.ID), v.IsShown())})
	}
	if team != Org && hasChildren {
		own := GroupView{Invited: sz.invited[team], Submitted: sz.direct[groupKey{team, "", ""}]}
		own.Responses = own.Submitted
		if !vis[team].Direct {
			own.Hidden = TooFew
			if sz.k.Shows(own.Submitted) {
				own.Hidden = Complementary
			}
		}
		row := HeatRow{Team: byID[team], Depth: 1, DirectMembers: true, View: own, Scores: scores([]int64{team}, own.IsShown())}
		out = append([]HeatRow{row}, out...)
	}
	return out, nil
}

// scanRatings reads team_id, question_id and n0..n5 by hand: a heatmap
// reads a row per team and question.
func scanRatings(q *gorm.DB) ([]Rating, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rating
	for rows.Next() {
		var r Rating
		if err := rows.Scan(&r.TeamID, &r.QuestionID, &r.N0, &r.N1, &r.N2, &r.N3, &r.N4, &r.N5); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// options lists the values each segment filter can take on a group.
func (s *Store) options(sz *sizes, team int64) map[string][]SegmentOption {
	ids := sz.members(team)
	out := map[string][]SegmentOption{}
	for _, seg := range Segments {
		counts := sz.values(ids, seg.Key)
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
