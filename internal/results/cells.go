package results

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
)

// CellRow stores one confidentiality decision (see migration 00019).
type CellRow struct {
	SnapshotID int64  `gorm:"primaryKey;autoIncrement:false"`
	TeamID     int64  `gorm:"primaryKey;autoIncrement:false"`
	Direct     bool   `gorm:"primaryKey"`
	Segment    string `gorm:"primaryKey"`
	Value      string `gorm:"primaryKey"`
	QuestionID int64  `gorm:"primaryKey;autoIncrement:false"`
	Hidden     Hidden
}

// TableName names the table.
func (CellRow) TableName() string { return "result_cells" }

// cellKey names one group a screen can show.
type cellKey struct {
	team           int64 // a team with its sub-teams, Org, or 0 for people without a team
	direct         bool  // only the team's own members, without its sub-teams
	segment, value string
}

// atomKey is the finest group the cells are built from: the people of
// one team (not its sub-teams) with one value of every segment.
type atomKey struct {
	team                     int64
	role, arrangement, tenur string
}

func (a atomKey) value(segment string) string {
	switch segment {
	case "job_role":
		return a.role
	case "work_arrangement":
		return a.arrangement
	case "tenure_band":
		return a.tenur
	}
	return ""
}

// maxAtoms bounds the exact check's size (its memory grows with the
// square): past it, segment filters are offered on the organisation only,
// then on no group, so that what is shown is still checked as a whole.
const maxAtoms = 1500

// decide works out, for every group any screen can show and every
// question, whether its numbers may be shown, and stores the decisions.
// It reads the submitted responses once, as counts per atom.
func (s *Store) decide(ctx context.Context, tx *gorm.DB, snapshotID int64) error {
	teams, err := directory.NewStore(tx).Teams(ctx)
	if err != nil {
		return err
	}
	var base []struct {
		TeamID                               int64
		JobRole, WorkArrangement, TenureBand string
		QuestionID                           int64
		N                                    int
	}
	// Question 0 counts respondents; every other row counts the
	// respondents who answered that question (not applicable, skips and
	// comments aside: comments are shown with their group).
	err = tx.WithContext(ctx).Raw(`
		SELECT COALESCE(r.team_id, 0) AS team_id, r.job_role, r.work_arrangement, r.tenure_band, 0 AS question_id, COUNT(*) AS n
		FROM responses r WHERE r.snapshot_id = ? AND r.submitted = ?
		GROUP BY COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band
		UNION ALL
		SELECT COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band, a.question_id, COUNT(DISTINCT r.id)
		FROM answers a JOIN responses r ON r.id = a.response_id
		WHERE r.snapshot_id = ? AND r.submitted = ? AND a.text IS NULL AND (a.rating IS NULL OR a.rating > 0)
		GROUP BY COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band, a.question_id`,
		snapshotID, true, snapshotID, true).Scan(&base).Error
	if err != nil {
		return fmt.Errorf("results: decide: %w", err)
	}
	counts := map[int64]map[atomKey]int{}
	for _, b := range base {
		if counts[b.QuestionID] == nil {
			counts[b.QuestionID] = map[atomKey]int{}
		}
		counts[b.QuestionID][atomKey{b.TeamID, b.JobRole, b.WorkArrangement, b.TenureBand}] = b.N
	}
	rows := decideCells(s.k, teams, counts)
	for i := range rows {
		rows[i].SnapshotID = snapshotID
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(rows, 1000).Error
}

// decideCells is decide without the database: counts holds, by question
// (0 for respondents), the count of every atom.
func decideCells(k insight.Threshold, teams []directory.Team, counts map[int64]map[atomKey]int) []CellRow {
	people := counts[0]
	var atoms []atomKey
	for a := range people {
		atoms = append(atoms, a)
	}
	slices.SortFunc(atoms, func(x, y atomKey) int {
		return cmp.Or(cmp.Compare(x.team, y.team), strings.Compare(x.role, y.role),
			strings.Compare(x.arrangement, y.arrangement), strings.Compare(x.tenur, y.tenur))
	})
	var keys []cellKey
	var cells [][]int
	for _, segments := range [][]string{segmentKeys(), {}, nil} {
		keys, cells = candidates(teams, atoms, people, segments)
		if segments == nil || len(atoms) <= maxAtoms || distinct(cells, people, atoms, k) <= maxAtoms {
			break
		}
	}
	merged, weightOf := mergeAtoms(cells, atoms, people, k)
	shown := k.Protect(weightOf(people), merged)
	var out []CellRow
	for i, key := range keys {
		out = append(out, CellRow{TeamID: key.team, Direct: key.direct, Segment: key.segment, Value: key.value,
			Hidden: reason(shown[i], weight(cells[i], atoms, people), k)})
	}
	// Each question on its own: only over the groups shown, counting
	// those who answered it.
	qids := make([]int64, 0, len(counts))
	for q := range counts {
		if q != 0 {
			qids = append(qids, q)
		}
	}
	slices.Sort(qids)
	for _, q := range qids {
		if sameCounts(counts[q], people) {
			continue // everyone answered: the groups' decisions hold
		}
		only := make([]insight.Cell, len(merged))
		for i := range merged {
			if shown[i] {
				only[i] = merged[i]
			}
		}
		qShown := k.Protect(weightOf(counts[q]), only)
		for i, key := range keys {
			if shown[i] && !qShown[i] {
				out = append(out, CellRow{TeamID: key.team, Direct: key.direct, Segment: key.segment, Value: key.value,
					QuestionID: q, Hidden: reason(false, weight(cells[i], atoms, counts[q]), k)})
			}
		}
	}
	return out
}

func reason(shown bool, n int, k insight.Threshold) Hidden {
	switch {
	case shown:
		return Shown
	case n < k.K():
		return TooFew
	}
	return Complementary
}

func weight(cell []int, atoms []atomKey, count map[atomKey]int) int {
	n := 0
	for _, a := range cell {
		n += count[atoms[a]]
	}
	return n
}

func sameCounts(a, b map[atomKey]int) bool {
	for key, n := range b {
		if a[key] != n {
			return false
		}
	}
	return true
}

// candidates lists every group a screen can show, in order of preference
// (the first kept when two conflict), with the atoms each holds: the
// organisation; every team with its sub-teams, deepest first, so that a
// team is shown to its own lead before a group above it, and the larger
// of two as deep first; people without a
// team; the direct members of every team with sub-teams; then each
// segment value of the organisation and of every team, larger groups
// first. Segment filters are offered on the teams only when segments
// lists them, on the organisation when it is empty, and nowhere when nil.
func candidates(teams []directory.Team, atoms []atomKey, people map[atomKey]int, segments []string) ([]cellKey, [][]int) {
	byTeam := map[int64][]int{}
	for i, a := range atoms {
		byTeam[a.team] = append(byTeam[a.team], i)
	}
	under := map[int64][]int64{} // team -> every team of its subtree
	hasChildren := map[int64]bool{}
	depth := map[int64]int{}
	for _, t := range teams {
		depth[t.ID] = t.Depth()
		if t.ParentID != nil {
			hasChildren[*t.ParentID] = true
		}
	}
	size := map[int64]int{}
	for id, in := range subtrees(teams) {
		under[id] = in
		for _, t := range in {
			for _, a := range byTeam[t] {
				size[id] += people[atoms[a]]
			}
		}
	}
	// Deepest first, and among teams as deep the larger first: when two
	// conflict the smaller is hidden, so fewer people drop out of view.
	ordered := slices.Clone(teams)
	slices.SortStableFunc(ordered, func(a, b directory.Team) int {
		return cmp.Or(-cmp.Compare(depth[a.ID], depth[b.ID]), -cmp.Compare(size[a.ID], size[b.ID]), strings.Compare(a.Path, b.Path))
	})
	var keys []cellKey
	var cells [][]int
	add := func(key cellKey, teamIDs []int64) {
		var cell []int
		for _, id := range teamIDs {
			for _, a := range byTeam[id] {
				if key.segment == "" || atoms[a].value(key.segment) == key.value {
					cell = append(cell, a)
				}
			}
		}
		keys, cells = append(keys, key), append(cells, cell)
	}
	every := []int64{0}
	for _, t := range teams {
		every = append(every, t.ID)
	}
	add(cellKey{team: Org}, every)
	for _, t := range ordered {
		add(cellKey{team: t.ID}, under[t.ID])
	}
	add(cellKey{team: 0}, []int64{0})
	for _, t := range ordered {
		if hasChildren[t.ID] {
			add(cellKey{team: t.ID, direct: true}, []int64{t.ID})
		}
	}
	if segments == nil {
		return keys, cells
	}
	groups := []struct {
		team int64
		ids  []int64
	}{{Org, every}}
	if len(segments) > 0 {
		slices.SortStableFunc(ordered, func(a, b directory.Team) int { return cmp.Compare(depth[a.ID], depth[b.ID]) })
		for _, t := range ordered {
			groups = append(groups, struct {
				team int64
				ids  []int64
			}{t.ID, under[t.ID]})
		}
	}
	for _, g := range groups {
		for _, seg := range segmentKeys() {
			n := map[string]int{}
			for _, id := range g.ids {
				for _, a := range byTeam[id] {
					if v := atoms[a].value(seg); v != "" {
						n[v]++
					}
				}
			}
			values := make([]string, 0, len(n))
			for v := range n {
				values = append(values, v)
			}
			slices.SortFunc(values, func(a, b string) int { return cmp.Or(-cmp.Compare(n[a], n[b]), strings.Compare(a, b)) })
			for _, v := range values {
				add(cellKey{team: g.team, segment: seg, value: v}, g.ids)
			}
		}
	}
	return keys, cells
}

// subtrees maps every team to the teams of its subtree, itself included.
func subtrees(teams []directory.Team) map[int64][]int64 {
	parent := map[int64]int64{}
	for _, t := range teams {
		if t.ParentID != nil {
			parent[t.ID] = *t.ParentID
		}
	}
	out := map[int64][]int64{}
	for _, t := range teams {
		id, ok := t.ID, true
		for range len(teams) {
			out[id] = append(out[id], t.ID)
			if id, ok = parent[id]; !ok {
				break
			}
		}
	}
	return out
}

// mergeAtoms joins atoms that no cell able to show anything (at least k
// respondents) tells apart: the exact check's size is the number of
// distinct atoms. It returns the cells over the merged atoms and a
// function summing counts per merged atom.
func mergeAtoms(cells [][]int, atoms []atomKey, people map[atomKey]int, k insight.Threshold) ([]insight.Cell, func(map[atomKey]int) []int) {
	signature := make([][]int, len(atoms))
	for i, cell := range cells {
		if weight(cell, atoms, people) < k.K() {
			continue
		}
		for _, a := range cell {
			signature[a] = append(signature[a], i)
		}
	}
	index := map[string]int{}
	to := make([]int, len(atoms))
	for a, sig := range signature {
		key := fmt.Sprint(sig)
		m, ok := index[key]
		if !ok {
			m = len(index)
			index[key] = m
		}
		to[a] = m
	}
	merged := make([]insight.Cell, len(cells))
	for i, cell := range cells {
		if weight(cell, atoms, people) < k.K() {
			continue // never shown, and merged atoms need not fit it
		}
		seen := map[int]bool{}
		for _, a := range cell {
			if !seen[to[a]] {
				seen[to[a]] = true
				merged[i].Atoms = append(merged[i].Atoms, to[a])
			}
		}
		slices.Sort(merged[i].Atoms)
	}
	n := len(index)
	return merged, func(count map[atomKey]int) []int {
		w := make([]int, n)
		for a, key := range atoms {
			w[to[a]] += count[key]
		}
		return w
	}
}

// distinct counts the merged atoms of cells.
func distinct(cells [][]int, people map[atomKey]int, atoms []atomKey, k insight.Threshold) int {
	_, w := mergeAtoms(cells, atoms, people, k)
	return len(w(people))
}
