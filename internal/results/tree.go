package results

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// Subtree totals. Materialise sums the direct rows of every team with
// sub-teams, and of the whole organisation (team Org), over the subtree
// once, so that reading a group is a few rows whatever the size of the
// tree below it. A team without sub-teams is its own subtree: its whole
// group is copied too, in the order a heatmap reads (the direct tables
// are written in no useful order), and readers take its segments' rows
// from the direct tables. Teams are never moved or removed, so a closed
// snapshot's totals stay right: a team added later (under a leaf, say)
// has no responses in it, so the leaf's direct rows are still its
// subtree's.

// upTree lists every (team, ancestor-or-self) pair of the directory.
const upTree = `WITH RECURSIVE up (team_id, ancestor_id) AS (
	SELECT id, id FROM teams
	UNION ALL
	SELECT up.team_id, t.parent_id FROM up JOIN teams t ON t.id = up.ancestor_id WHERE t.parent_id IS NOT NULL
)`

// treeSQL sums a direct table into its subtree table for one snapshot
// (bound twice): keys are the columns that identify a row besides the
// team (segment and value first), sums the counted columns. Rows are
// written in the order of the table's primary key, so that what one
// dashboard reads sits together on disk.
func treeSQL(direct, tree string, keys, sums []string) string {
	var summed []string
	for _, c := range sums {
		summed = append(summed, "SUM(r."+c+")")
	}
	k := "r." + strings.Join(keys, ", r.")
	return fmt.Sprintf(`%s
		INSERT INTO %s (snapshot_id, team_id, %s, %s)
		SELECT r.snapshot_id, up.ancestor_id, %s, %s
		FROM %s r JOIN up ON up.team_id = r.team_id
		WHERE r.snapshot_id = ? AND (r.segment = '' OR up.ancestor_id IN (SELECT parent_id FROM teams))
		GROUP BY r.snapshot_id, up.ancestor_id, %s
		UNION ALL
		SELECT r.snapshot_id, %d, %s, %s FROM %s r WHERE r.snapshot_id = ? GROUP BY r.snapshot_id, %s
		ORDER BY 3, 4, 2, 5`,
		upTree, tree, strings.Join(keys, ", "), strings.Join(sums, ", "),
		k, strings.Join(summed, ", "), direct, k,
		Org, k, strings.Join(summed, ", "), direct, k)
}

var (
	treeRatingsSQL = treeSQL("result_ratings", "result_tree_ratings",
		[]string{"segment", "value", "question_id"}, []string{"n0", "n1", "n2", "n3", "n4", "n5"})
	treeItemsSQL = treeSQL("result_items", "result_tree_items",
		[]string{"segment", "value", "question_id", "item"}, []string{"answers", "total"})
	treeOptionsSQL = treeSQL("result_options", "result_tree_options",
		[]string{"segment", "value", "question_id", "choice"}, []string{"n"})
	treeNumbersSQL = treeSQL("result_numbers", "result_tree_numbers",
		[]string{"segment", "value", "question_id", "number"}, []string{"n"})
)

// groupTables lists the tables a group's rows under f are read from,
// subtree totals first (a group found there is not read from the direct
// table): every whole group is in the subtree table, a leaf team's
// segments only in the direct one.
func groupTables(tree, direct string, f Filter) []string {
	if !f.Active() {
		return []string{tree}
	}
	return []string{tree, direct}
}

// snapTeam names one group in one snapshot.
type snapTeam struct{ snapshot, team int64 }

// dists holds distributions by snapshot, group (a team's subtree, or
// Org) and question.
type dists map[int64]map[int64]map[int64]insight.Distribution

// shown returns a group's distributions without the questions it must
// not show (see sizes.questionShown); sz is the snapshot's.
func (d dists) shown(sz *sizes, snapshotID, team int64, f Filter) map[int64]insight.Distribution {
	return sz.masked(team, false, f, d[snapshotID][team])
}

// everyGroup lists every group: each team, people without a team (team
// 0) and the organisation.
func everyGroup(teams []directory.Team) []int64 {
	return append(members(teams, Org), Org)
}

// treeRatings reads the rating distributions of the given groups under a
// filter, in the given snapshots. Groups are always named: the direct
// tables are read by team, and a read of every team's rows of a snapshot
// would scan its every segment.
func (s *Store) treeRatings(ctx context.Context, snapshotIDs, teams []int64, f Filter) (dists, error) {
	where := "snapshot_id IN ? AND segment = ? AND value = ? AND team_id IN ?"
	args := []any{snapshotIDs, f.Segment, f.Value, teams}
	out := dists{}
	fromTree := map[snapTeam]bool{}
	for i, table := range groupTables("result_tree_ratings", "result_ratings", f) {
		err := s.scanRatings(ctx, table, where, args, func(r *Rating) {
			g := snapTeam{r.SnapshotID, r.TeamID}
			if i == 0 {
				fromTree[g] = true
			} else if fromTree[g] {
				return
			}
			if out[r.SnapshotID] == nil {
				out[r.SnapshotID] = map[int64]map[int64]insight.Distribution{}
			}
			byTeam := out[r.SnapshotID]
			if byTeam[r.TeamID] == nil {
				byTeam[r.TeamID] = map[int64]insight.Distribution{}
			}
			byTeam[r.TeamID][r.QuestionID] = r.Distribution()
		})
		if err != nil {
			return nil, fmt.Errorf("results: ratings: %w", err)
		}
	}
	return out, nil
}

// treeScores reads the favorable scores of the given groups in one
// snapshot, unfiltered, as a heatmap lays them out: per group, a score per
// column, for the questions col maps to a column. The score is the
// distribution's (insight), never worked out in SQL.
func (s *Store) treeScores(ctx context.Context, snapshotID int64, teams []int64, col map[int64]int, width int) (map[int64][]insight.Score, error) {
	out := map[int64][]insight.Score{}
	err := s.scanRatings(ctx, "result_tree_ratings", "snapshot_id = ? AND segment = '' AND value = '' AND team_id IN ?",
		[]any{snapshotID, teams}, func(r *Rating) {
			c, ok := col[r.QuestionID]
			if !ok {
				return
			}
			row := out[r.TeamID]
			if row == nil {
				row = make([]insight.Score, width)
				out[r.TeamID] = row
			}
			row[c] = r.Distribution().Score()
		})
	return out, err
}

// scanRatings reads rows of a ratings table by hand: a dashboard may read
// a row per team and question, tens of thousands, and database/sql's own
// conversions into a struct's fields go through reflection.
func (s *Store) scanRatings(ctx context.Context, table, where string, args []any, each func(*Rating)) error {
	rows, err := s.db.WithContext(ctx).Table(table).
		Select("snapshot_id, team_id, value, question_id, n0, n1, n2, n3, n4, n5").
		Where(where, args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		r                  Rating
		snap, team, qid    integer
		n0, n1, n2, n3, n4 integer
		n5                 integer
		value              sql.RawBytes
	)
	for rows.Next() {
		if err := rows.Scan(&snap, &team, &value, &qid, &n0, &n1, &n2, &n3, &n4, &n5); err != nil {
			return err
		}
		if string(value) != r.Value { // a new string only when the value changes
			r.Value = string(value)
		}
		r.SnapshotID, r.TeamID, r.QuestionID = int64(snap), int64(team), int64(qid)
		r.N0, r.N1, r.N2, r.N3, r.N4, r.N5 = int(n0), int(n1), int(n2), int(n3), int(n4), int(n5)
		each(&r)
	}
	return rows.Err()
}

// integer scans an integer column without reflection: database/sql hands
// a sql.Scanner the driver's value as it is.
type integer int64

// Scan implements sql.Scanner.
func (n *integer) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*n = integer(v)
	case []byte:
		i, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil {
			return fmt.Errorf("results: integer column: %w", err)
		}
		*n = integer(i)
	default:
		return fmt.Errorf("results: integer column holds %T", src)
	}
	return nil
}

// treePicks counts priority picks by group and driver key in one
// snapshot under a filter; nil when the snapshot asked no priority
// question.
func (s *Store) treePicks(ctx context.Context, snapshotID int64, o survey.Outline, teams []int64, f Filter) (map[int64]map[string]int, error) {
	var qids []int64
	for _, q := range o.Questions {
		if q.Kind == survey.KindPriority {
			qids = append(qids, q.ID)
		}
	}
	if len(qids) == 0 {
		return nil, nil
	}
	items, err := s.treeItems(ctx, snapshotID, qids, teams, f)
	if err != nil {
		return nil, err
	}
	out := map[int64]map[string]int{}
	for _, it := range items {
		if out[it.TeamID] == nil {
			out[it.TeamID] = map[string]int{}
		}
		out[it.TeamID][it.Item] += it.Answers
	}
	return out, nil
}

// treeItems reads the item counts of some questions (every question when
// questionIDs is nil) for the given groups under a filter.
func (s *Store) treeItems(ctx context.Context, snapshotID int64, questionIDs, teams []int64, f Filter) ([]Item, error) {
	var out []Item
	fromTree := map[int64]bool{}
	for i, table := range groupTables("result_tree_items", "result_items", f) {
		q := s.db.WithContext(ctx).Table(table).
			Where("snapshot_id = ? AND segment = ? AND value = ? AND team_id IN ?", snapshotID, f.Segment, f.Value, teams)
		if questionIDs != nil {
			q = q.Where("question_id IN ?", questionIDs)
		}
		var rows []Item
		if err := q.Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("results: items: %w", err)
		}
		for _, r := range rows {
			if i == 0 {
				fromTree[r.TeamID] = true
			} else if fromTree[r.TeamID] {
				continue
			}
			out = append(out, r)
		}
	}
	return out, nil
}
