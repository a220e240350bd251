package results

// The suppression decisions as they were before decideCells read counts
// by atom index and mergeAtoms keyed signatures without fmt (commit
// 3cd0301), kept to check that the faster code decides exactly the same.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
)

// legacyDecideCells is decide without the database: counts holds, by question
// (0 for respondents), the count of every atom.
func legacyDecideCells(k insight.Threshold, teams []directory.Team, counts map[int64]map[atomKey]int) []CellRow {
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
	var merged []insight.Cell
	var weightOf func(map[atomKey]int) []int
	// Past maxAtoms, fewer segment cells are offered (see maxAtoms).
	for _, segments := range [][]string{segmentKeys(), {}, nil} {
		keys, cells = legacyCandidates(teams, atoms, people, segments)
		merged, weightOf = legacyMergeAtoms(cells, atoms, people, k)
		if segments == nil || len(weightOf(people)) <= maxAtoms {
			break
		}
	}
	shown := k.Protect(weightOf(people), merged)
	var out []CellRow
	for i, key := range keys {
		out = append(out, CellRow{TeamID: key.team, Direct: key.direct, Segment: key.segment, Value: key.value,
			Hidden: reason(shown[i], legacyWeight(cells[i], atoms, people), k)})
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
		if legacySameCounts(counts[q], people) {
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
					QuestionID: q, Hidden: reason(false, legacyWeight(cells[i], atoms, counts[q]), k)})
			}
		}
	}
	return out
}

func legacyWeight(cell []int, atoms []atomKey, count map[atomKey]int) int {
	n := 0
	for _, a := range cell {
		n += count[atoms[a]]
	}
	return n
}

func legacySameCounts(a, b map[atomKey]int) bool {
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
func legacyCandidates(teams []directory.Team, atoms []atomKey, people map[atomKey]int, segments []string) ([]cellKey, [][]int) {
	b := newLegacyCellBuilder(teams, atoms, people)
	b.treeCells()
	if segments != nil {
		b.segmentCells(len(segments) > 0)
	}
	return b.keys, b.cells
}

// legacyCellBuilder lists candidate cells over the atoms of a snapshot.
type legacyCellBuilder struct {
	atoms       []atomKey
	people      map[atomKey]int
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

func newLegacyCellBuilder(teams []directory.Team, atoms []atomKey, people map[atomKey]int) *legacyCellBuilder {
	b := &legacyCellBuilder{atoms: atoms, people: people, teams: teams, byTeam: map[int64][]int{}, under: subtrees(teams),
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
				b.size[id] += people[atoms[a]]
			}
		}
	}
	return b
}

// add lists one cell: the atoms of teamIDs, narrowed to the key's segment
// value when it has one.
func (b *legacyCellBuilder) add(key cellKey, teamIDs []int64) {
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
func (b *legacyCellBuilder) treeCells() {
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
func (b *legacyCellBuilder) segmentCells(teams bool) {
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
						n[v] += b.people[b.atoms[a]]
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

// legacyMergeAtoms joins atoms that no cell able to show anything (at least k
// respondents) tells apart: the exact check's size is the number of
// distinct atoms. It returns the cells over the merged atoms and a
// function summing counts per merged atom.
func legacyMergeAtoms(cells [][]int, atoms []atomKey, people map[atomKey]int, k insight.Threshold) ([]insight.Cell, func(map[atomKey]int) []int) {
	signature := make([][]int, len(atoms))
	for i, cell := range cells {
		if legacyWeight(cell, atoms, people) < k.K() {
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
		if legacyWeight(cell, atoms, people) < k.K() {
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
