package pulse

import (
	"slices"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
)

// groupCells are the groups any page may show a programme week of, in
// order of preference: the whole week first (its owners and the
// organisation see it), then every team with its sub-teams, parents
// before their sub-teams. Every page decides a week over all of them, so
// each page shows what the others do and no two pages subtract to a
// group under k.
type groupCells struct {
	// members holds each cell's direct teams; nil is every team.
	members []map[int64]bool
	// self is the asked group's cell, -1 when it names no team.
	self int
}

func newGroupCells(teams []directory.Team, group int64) groupCells {
	sorted := slices.Clone(teams)
	slices.SortFunc(sorted, func(a, b directory.Team) int { return strings.Compare(a.Path, b.Path) })
	g := groupCells{members: []map[int64]bool{nil}, self: -1}
	if group == Org {
		g.self = 0
	}
	subtrees := directory.EachSubtree(teams)
	for _, t := range sorted {
		if t.ID == group {
			g.self = len(g.members)
		}
		g.members = append(g.members, subtrees[t.ID])
	}
	return g
}

func (g groupCells) in(cell int, team int64) bool {
	return g.members[cell] == nil || g.members[cell][team]
}

// week is the group's part of one programme week, given each direct
// team's counts; false when the group was not asked that week.
func (g groupCells) week(week string, byTeam map[int64]*groupCounts, k insight.Threshold) (TeamWeek, bool) {
	if g.self < 0 {
		return TeamWeek{}, false
	}
	atoms := make([]int64, 0, len(byTeam))
	for team := range byTeam {
		atoms = append(atoms, team)
	}
	slices.Sort(atoms)
	weights := make([]int, len(atoms))
	w := TeamWeek{Week: week}
	var dist insight.Distribution
	for i, team := range atoms {
		c := byTeam[team]
		weights[i] = c.dist.Answered()
		if g.in(g.self, team) {
			w.Asks += c.asks
			for r := 1; r <= 5; r++ {
				_ = dist.Add(r, c.dist.Counts[r]) // counts read back from the database are never negative
			}
		}
	}
	if w.Asks == 0 {
		return TeamWeek{}, false
	}
	cells := make([]insight.Cell, len(g.members))
	for ci := range g.members {
		for i, team := range atoms {
			if g.in(ci, team) {
				cells[ci].Atoms = append(cells[ci].Atoms, i)
			}
		}
	}
	if w.Shown = k.Protect(weights, cells)[g.self]; !w.Shown {
		return TeamWeek{Week: week}, true
	}
	w.Answers = dist.Answered()
	w.ResponseRate = insight.Percent(w.Answers, w.Asks)
	w.Favorable = dist.Score()
	return w, true
}
