package results

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// Subtree totals. Materialise sums the direct counts of every team with
// sub-teams, and of the whole organisation (team Org), over the subtree
// once, so that reading a group is a few rows whatever the size of the
// tree below it. A team without sub-teams is its own subtree: its whole
// group is copied too, in the order a heatmap reads (every table is
// written in the order of its primary key), and readers take its
// segments' rows from the direct tables. Teams are never moved or
// removed, so a closed snapshot's totals stay right: a team added later
// (under a leaf, say) has no responses in it, so the leaf's direct rows
// are still its subtree's.

// subtrees lists the subtree groups the tally's direct groups add up
// into and, by direct group, which: every team's ancestors and itself
// for its whole group, and those of them with sub-teams for a segment
// value; the organisation (Org) for every group, people without a team
// (team 0) included.
func (t *tally) subtrees(teams []directory.Team) (groups []directGroup, up [][]int32) {
	parent, hasChildren, known := map[int64]int64{}, map[int64]bool{}, map[int64]bool{}
	for _, team := range teams {
		known[team.ID] = true
		if team.ParentID != nil {
			parent[team.ID] = *team.ParentID
			hasChildren[*team.ParentID] = true
		}
	}
	index := map[directGroup]int32{}
	add := func(k directGroup) int32 {
		i, ok := index[k]
		if !ok {
			i = int32(len(groups))
			index[k] = i
			groups = append(groups, k)
		}
		return i
	}
	up = make([][]int32, len(t.groups))
	for g, k := range t.groups {
		if known[k.team] {
			a, ok := k.team, true
			for range len(teams) {
				if k.set == 0 || hasChildren[a] {
					up[g] = append(up[g], add(directGroup{team: a, set: k.set, value: k.value}))
				}
				if a, ok = parent[a]; !ok {
					break
				}
			}
		}
		up[g] = append(up[g], add(directGroup{team: Org, set: k.set, value: k.value}))
	}
	return groups, up
}

// sum adds the direct counts up into the n subtree groups (up as
// subtrees returns it).
func (t *tally) sum(up [][]int32, n int) counts {
	c := counts{ratings: make([][]ratingCell, len(t.qids)), optionsAny: make([][]int32, len(t.qids)), numberN: map[numberCell]int32{}}
	for q, cells := range t.ratings {
		if cells == nil {
			continue
		}
		out := make([]ratingCell, n)
		for g, cell := range cells {
			if cell.rows == 0 {
				continue
			}
			for _, s := range up[g] {
				out[s].rows += cell.rows
				for i, v := range cell.n {
					out[s].n[i] += v
				}
			}
		}
		c.ratings[q] = out
	}
	counted := func(direct []int32) []int32 {
		if direct == nil {
			return nil
		}
		out := make([]int32, n)
		for g, v := range direct {
			if v == 0 {
				continue
			}
			for _, s := range up[g] {
				out[s] += v
			}
		}
		return out
	}
	for _, slot := range t.slots {
		c.answers = append(c.answers, counted(slot.answers))
		c.chosen = append(c.chosen, counted(slot.chosen))
		var totals []sum
		if slot.answers != nil {
			totals = make([]sum, n)
			for g, v := range slot.answers {
				if v == 0 {
					continue
				}
				for _, s := range up[g] {
					totals[s].add(slot.total[g].value())
				}
			}
		}
		c.totals = append(c.totals, totals)
	}
	for q, direct := range t.optionsAny {
		c.optionsAny[q] = counted(direct)
	}
	for k, v := range t.numberN {
		for _, s := range up[k.group] {
			c.numberN[numberCell{slot: k.slot, group: s}] += v
		}
	}
	return c
}

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
