package results

import (
	"cmp"
	"encoding/binary"
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

// set sets the atom's value of a segment.
func (a *atomKey) set(segment, value string) {
	switch segment {
	case "job_role":
		a.role = value
	case "work_arrangement":
		a.arrangement = value
	case "tenure_band":
		a.tenur = value
	}
}

// maxAtoms bounds the exact check's size (its memory grows with the
// square): past it, segment filters are offered on the organisation only,
// then on no group, so that what is shown is still checked as a whole.
const maxAtoms = 1500

// decide works out, for every group any screen can show and every
// question, whether its numbers may be shown, and stores the decisions.
// counts are the snapshot's respondents and answers by atom (see tally).
func (s *Store) decide(tx *gorm.DB, snapshotID int64, teams []directory.Team, counts atomTally) error {
	rows := decideCells(s.k, teams, counts)
	for i := range rows {
		rows[i].SnapshotID = snapshotID
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(rows, 1000).Error
}

// atomTally holds the suppression counts: the atoms with respondents, in
// order (compareAtoms), with their respondents; and, for every question
// anyone answered (not applicable, skips and comments aside: comments are
// shown with their group), in order of ID, by atom the respondents who
// answered it.
type atomTally struct {
	atoms     []atomKey
	people    []int
	questions []int64
	answered  [][]int
}

func compareAtoms(x, y atomKey) int {
	return cmp.Or(cmp.Compare(x.team, y.team), strings.Compare(x.role, y.role),
		strings.Compare(x.arrangement, y.arrangement), strings.Compare(x.tenur, y.tenur))
}

// decideCells is decide without the database.
func decideCells(k insight.Threshold, teams []directory.Team, counts atomTally) []CellRow {
	atoms, pw := counts.atoms, counts.people
	var keys []cellKey
	var cells [][]int
	var merged []insight.Cell
	var weightOf func([]int) []int
	// Past maxAtoms, fewer segment cells are offered (see maxAtoms).
	for _, segments := range [][]string{segmentKeys(), {}, nil} {
		keys, cells = candidates(teams, atoms, pw, segments)
		var n int
		merged, weightOf, n = mergeAtoms(cells, pw, k)
		if segments == nil || n <= maxAtoms {
			break
		}
	}
	shown := k.Protect(weightOf(pw), merged)
	var out []CellRow
	for i, key := range keys {
		out = append(out, CellRow{TeamID: key.team, Direct: key.direct, Segment: key.segment, Value: key.value,
			Hidden: reason(shown[i], weight(cells[i], pw), k)})
	}
	// Each question on its own: only over the groups shown, counting
	// those who answered it.
	for j, q := range counts.questions {
		qw := counts.answered[j]
		if slices.Equal(qw, pw) {
			continue // everyone answered: the groups' decisions hold
		}
		only := make([]insight.Cell, len(merged))
		for i := range merged {
			if shown[i] {
				only[i] = merged[i]
			}
		}
		qShown := k.Protect(weightOf(qw), only)
		for i, key := range keys {
			if shown[i] && !qShown[i] {
				out = append(out, CellRow{TeamID: key.team, Direct: key.direct, Segment: key.segment, Value: key.value,
					QuestionID: q, Hidden: reason(false, weight(cells[i], qw), k)})
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

// weight sums a cell's atoms' counts (w by atom index).
func weight(cell []int, w []int) int {
	n := 0
	for _, a := range cell {
		n += w[a]
	}
	return n
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
func candidates(teams []directory.Team, atoms []atomKey, people []int, segments []string) ([]cellKey, [][]int) {
	b := newCellBuilder(teams, atoms, people)
	b.treeCells()
	if segments != nil {
		b.segmentCells(len(segments) > 0)
	}
	return b.keys, b.cells
}

// cellBuilder lists candidate cells over the atoms of a snapshot.
type cellBuilder struct {
	atoms       []atomKey
	people      []int // respondents by atom index
	teams       []directory.Team
	byTeam      map[int64][]int   // a team's own atoms
	under       map[int64][]int64 // a team's subtree
	size        map[int64]int     // a subtree's respondents
	depth       map[int64]int
	hasChildren map[int64]bool
	every       []int64 // every team and 0, the organisation
	keys        []cellKey
	cells       [][]int
}

func newCellBuilder(teams []directory.Team, atoms []atomKey, people []int) *cellBuilder {
	b := &cellBuilder{atoms: atoms, people: people, teams: teams, byTeam: map[int64][]int{}, under: subtrees(teams),
		size: map[int64]int{}, depth: map[int64]int{}, hasChildren: map[int64]bool{}, every: []int64{0}}
	for i, a := range atoms {
		b.byTeam[a.team] = append(b.byTeam[a.team], i)
	}
	for _, t := range teams {
		b.depth[t.ID] = t.Depth()
		b.every = append(b.every, t.ID)
		if t.ParentID != nil {
			b.hasChildren[*t.ParentID] = true
		}
	}
	for id, in := range b.under {
		for _, t := range in {
			for _, a := range b.byTeam[t] {
				b.size[id] += people[a]
			}
		}
	}
	return b
}

// add lists one cell: the atoms of teamIDs, narrowed to the key's segment
// value when it has one.
func (b *cellBuilder) add(key cellKey, teamIDs []int64) {
	var cell []int
	for _, id := range teamIDs {
		for _, a := range b.byTeam[id] {
			if key.segment == "" || b.atoms[a].value(key.segment) == key.value {
				cell = append(cell, a)
			}
		}
	}
	b.keys, b.cells = append(b.keys, key), append(b.cells, cell)
}

// treeCells lists the organisation, every team deepest first (among teams
// as deep, the larger first: when two conflict the smaller is hidden, so
// fewer people drop out of view), people without a team, and the direct
// members of every team with sub-teams.
func (b *cellBuilder) treeCells() {
	ordered := slices.Clone(b.teams)
	slices.SortStableFunc(ordered, func(x, y directory.Team) int {
		return cmp.Or(-cmp.Compare(b.depth[x.ID], b.depth[y.ID]), -cmp.Compare(b.size[x.ID], b.size[y.ID]), strings.Compare(x.Path, y.Path))
	})
	b.add(cellKey{team: Org}, b.every)
	for _, t := range ordered {
		b.add(cellKey{team: t.ID}, b.under[t.ID])
	}
	b.add(cellKey{team: 0}, []int64{0})
	for _, t := range ordered {
		if b.hasChildren[t.ID] {
			b.add(cellKey{team: t.ID, direct: true}, []int64{t.ID})
		}
	}
}

// segmentCells lists every segment value of the organisation and, when
// teams is set, of every team from the top down, larger values first.
func (b *cellBuilder) segmentCells(teams bool) {
	groups := []int64{Org}
	if teams {
		ordered := slices.Clone(b.teams)
		slices.SortStableFunc(ordered, func(x, y directory.Team) int { return cmp.Compare(b.depth[x.ID], b.depth[y.ID]) })
		for _, t := range ordered {
			groups = append(groups, t.ID)
		}
	}
	for _, g := range groups {
		ids := b.every
		if g != Org {
			ids = b.under[g]
		}
		for _, seg := range segmentKeys() {
			n := map[string]int{}
			for _, id := range ids {
				for _, a := range b.byTeam[id] {
					if v := b.atoms[a].value(seg); v != "" {
						n[v] += b.people[a]
					}
				}
			}
			values := make([]string, 0, len(n))
			for v := range n {
				values = append(values, v)
			}
			slices.SortFunc(values, func(x, y string) int { return cmp.Or(-cmp.Compare(n[x], n[y]), strings.Compare(x, y)) })
			for _, v := range values {
				b.add(cellKey{team: g, segment: seg, value: v}, ids)
			}
		}
	}
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
// distinct atoms. It returns the cells over the merged atoms, a function
// summing counts by atom index into counts by merged atom, and the number
// of merged atoms.
func mergeAtoms(cells [][]int, people []int, k insight.Threshold) ([]insight.Cell, func([]int) []int, int) {
	signature := make([][]int, len(people))
	big := make([]bool, len(cells))
	for i, cell := range cells {
		if big[i] = weight(cell, people) >= k.K(); !big[i] {
			continue
		}
		for _, a := range cell {
			signature[a] = append(signature[a], i)
		}
	}
	index := map[string]int{}
	to := make([]int, len(people))
	var key []byte
	for a, sig := range signature {
		key = key[:0]
		for _, i := range sig {
			key = binary.AppendUvarint(key, uint64(i))
		}
		m, ok := index[string(key)]
		if !ok {
			m = len(index)
			index[string(key)] = m
		}
		to[a] = m
	}
	n := len(index)
	merged := make([]insight.Cell, len(cells))
	seen := make([]int, n) // the cell that last saw a merged atom, plus one
	for i, cell := range cells {
		if !big[i] {
			continue // never shown, and merged atoms need not fit it
		}
		for _, a := range cell {
			if seen[to[a]] != i+1 {
				seen[to[a]] = i + 1
				merged[i].Atoms = append(merged[i].Atoms, to[a])
			}
		}
		slices.Sort(merged[i].Atoms)
	}
	return merged, func(count []int) []int {
		w := make([]int, n)
		for a, c := range count {
			w[to[a]] += c
		}
		return w
	}, n
}
